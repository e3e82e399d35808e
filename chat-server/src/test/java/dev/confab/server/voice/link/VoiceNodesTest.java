package dev.confab.server.voice.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.server.voice.VoiceRelays;
import dev.confab.server.voice.link.VoiceNodes.Address;
import dev.confab.voice.link.FakeControl;
import dev.confab.voice.link.LinkServer;
import dev.confab.voice.link.LinkSessions;
import dev.confab.voice.link.LinkTransport;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VoiceNodesTest {

    @Test
    void addressesParse() {
        assertThat(Address.parse("voice1.example.org", 7700)).isEqualTo(new Address("voice1.example.org", 7700));
        assertThat(Address.parse(" 10.0.0.2:7800 ", 7700)).isEqualTo(new Address("10.0.0.2", 7800));
        assertThat(Address.parse("[::1]:7801", 7700)).isEqualTo(new Address("::1", 7801));
        assertThat(Address.parse("[fe80::1]", 7700)).isEqualTo(new Address("fe80::1", 7700));
        assertThat(Address.parse("[::1]:7801", 7700).toString()).isEqualTo("[::1]:7801");
        assertThatThrownBy(() -> Address.parse("host:port", 7700)).hasMessageContaining("port");
        assertThatThrownBy(() -> Address.parse("host:70000", 7700)).hasMessageContaining("70000");
        assertThatThrownBy(() -> Address.parse(":7700", 7700)).hasMessageContaining("host");
        assertThatThrownBy(() -> Address.parse("[::1", 7700)).hasMessageContaining("]");
    }

    @Test
    void eachRoomHasOneNodeAndVoiceRelaysAgrees() throws Exception {
        List<LinkServer> servers = new ArrayList<>();
        List<FakeControl> relays = new ArrayList<>();
        List<Address> addresses = new ArrayList<>();
        VoiceNodes nodes = null;
        try {
            for (int i = 0; i < 3; i++) {
                FakeControl relay = new FakeControl();
                relays.add(relay);
                servers.add(LinkServer.start(new InetSocketAddress("127.0.0.1", 0), VoiceLinkTest.SECRET, relay,
                        new LinkSessions(), null, 7700 + i));
                addresses.add(new Address("127.0.0.1", servers.get(i).port()));
            }
            nodes = VoiceNodes.connect(addresses, VoiceLinkTest.SECRET, (id, packet, length) -> { }, ids -> { });
            nodes.connected().get(5, TimeUnit.SECONDS);
            VoiceRelays voiceRelays = new VoiceRelays(nodes.relays());
            for (long room : new long[] {0, 1, 2, 3, 4, 5, -1, Long.MAX_VALUE, 1234567}) {
                VoiceLink link = nodes.forRoom(room);
                assertThat(link).isSameAs(nodes.links().get((int) Math.floorMod(room, 3L)));
                assertThat(voiceRelays.forRoom(room).control()).isSameAs(link);
                assertThat(voiceRelays.forRoom(room).port().getAsInt())
                        .isEqualTo(7700 + nodes.links().indexOf(link));
                assertThat(voiceRelays.forRoom(room).host().get()).isNull();
            }
            nodes.forRoom(4).open(FakeControl.spec(44));
            relays.get(1).expect("open 44 false false");
            assertThat(voiceRelays.stats().get(5, TimeUnit.SECONDS).sessions()).hasSize(9);
        } finally {
            if (nodes != null) {
                nodes.close();
            }
            servers.forEach(LinkServer::close);
        }
    }

    @Test
    void beforeTheFirstHelloTheEndpointIsGuessedFromTheDefaults() {
        VoiceNodes nodes = VoiceNodes.connect(List.of(new Address("127.0.0.1", 1), new Address("192.0.2.1", 7700)),
                VoiceLinkTest.SECRET, (id, packet, length) -> { }, ids -> { });
        try {
            List<VoiceRelays.Relay> relays = nodes.relays();
            assertThat(relays.get(0).host().get()).isNull();
            assertThat(relays.get(0).port().getAsInt()).isEqualTo(1);
            assertThat(relays.get(1).host().get()).isEqualTo("192.0.2.1");
            assertThat(relays.get(1).port().getAsInt()).isEqualTo(7700);
        } finally {
            nodes.close();
        }
    }

    @Test
    void everyLinkReportsTheKeysItsNodeLostOnASharedGroup() throws Exception {
        EventLoopGroup group = LinkTransport.newGroup(1, "test-nodes");
        List<LinkServer> servers = new ArrayList<>();
        List<FakeControl> relays = new ArrayList<>();
        List<Address> addresses = new ArrayList<>();
        BlockingQueue<List<Integer>> lost = new LinkedBlockingQueue<>();
        VoiceNodes nodes = null;
        try {
            for (int i = 0; i < 2; i++) {
                relays.add(new FakeControl());
                servers.add(LinkServer.start(new InetSocketAddress("127.0.0.1", 0), VoiceLinkTest.SECRET,
                        relays.get(i), new LinkSessions(), null, 7700 + i));
                addresses.add(new Address("127.0.0.1", servers.get(i).port()));
            }
            nodes = VoiceNodes.connect(addresses, VoiceLinkTest.SECRET, (id, packet, length) -> { }, lost::add, group);
            nodes.connected().get(5, TimeUnit.SECONDS);
            nodes.forRoom(0).open(FakeControl.spec(10));
            nodes.forRoom(1).open(FakeControl.spec(11));
            relays.get(0).expect("open 10 false false");
            relays.get(1).expect("open 11 false false");

            for (int i = 0; i < 2; i++) {
                int port = servers.get(i).port();
                servers.get(i).close();
                relays.get(i).expect("close " + (10 + i));
                relays.set(i, new FakeControl());
                servers.set(i, LinkServer.start(new InetSocketAddress("127.0.0.1", port), VoiceLinkTest.SECRET,
                        relays.get(i), new LinkSessions(), null, 7700 + i));
            }
            assertThat(List.of(lost.poll(5, TimeUnit.SECONDS), lost.poll(5, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(List.of(10), List.of(11));
            nodes.connected().get(5, TimeUnit.SECONDS);
            relays.get(0).expectNothingFor(100);
            relays.get(1).expectNothingFor(100);
        } finally {
            if (nodes != null) {
                nodes.close();
            }
            servers.forEach(LinkServer::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
