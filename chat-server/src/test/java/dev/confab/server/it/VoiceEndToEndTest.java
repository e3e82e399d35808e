package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.chat.TcpForwarder;
import dev.confab.client.voice.UdpFirewall;
import dev.confab.client.voice.VoiceOptions;
import dev.confab.client.voice.VoiceTransport;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import dev.confab.protocol.SessionCounters;
import dev.confab.protocol.VoiceCounters;
import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.VoiceClient;
import dev.confab.voice.VoiceClient.Received;
import dev.confab.voice.control.SessionSpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voice through the whole server: grants from the chat connection, real UDP to the relay in the
 * same process, and the chat requests that steer it (join, voice_state, server_mute, kick,
 * server_stats). When UDP does not get through, voice goes over the chat connection: the real
 * client-core voice connection behind a UDP firewall, and with the chat port reached only
 * through a TCP forwarder (one {@code ssh -L}).
 */
class VoiceEndToEndTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static TestClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir);
        admin = server.withRole("admin", Role.ADMIN);
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    /** The voice session the server granted this client for {@code room}, connected over UDP. */
    static VoiceClient voiceIn(TestClient client, long room) {
        Event.VoiceGranted grant = client.await(Event.VoiceGranted.class, g -> g.room() == room);
        SessionSpec spec = new SessionSpec(grant.sessionId(), Base64.getDecoder().decode(grant.key()), client.session(),
                client.name(), grant.room(), grant.bitrate(), true, false, false);
        assertThat(grant.host()).isEqualTo("127.0.0.1");
        return new VoiceClient(spec, grant.port()).connect();
    }

    static RoomInfo room(String prefix) {
        return room(admin, prefix);
    }

    static RoomInfo room(TestClient admin, String prefix) {
        return admin.call(id -> new Request.CreateRoom(id, TestServer.uniqueName(prefix), null, null, null, null, null),
                Reply.RoomCreated.class).room();
    }

    static VoiceClient joined(TestClient client, RoomInfo room) {
        client.await(Event.VoiceGranted.class, grant -> grant.room() == 1);
        client.ok(id -> new Request.Join(id, room.id(), null));
        return voiceIn(client, room.id());
    }

    static VoiceCounters totals() {
        return admin.call(Request.ServerStats::new, Reply.ServerStats.class).total();
    }

    static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void audioReachesExactlyTheOthersInTheRoomAWhisperOnePersonAndARoomChangeReroutesAtOnce() {
        RoomInfo red = room("red");
        RoomInfo blue = room("blue");
        try (TestClient ann = server.registered("ann"); TestClient bob = server.registered("bob");
             TestClient cat = server.registered("cat"); TestClient dan = server.registered("dan");
             VoiceClient annVoice = joined(ann, red); VoiceClient bobVoice = joined(bob, red);
             VoiceClient catVoice = joined(cat, red); VoiceClient danVoice = joined(dan, blue)) {

            annVoice.audio(frame("hello red"));
            for (VoiceClient listener : new VoiceClient[] {bobVoice, catVoice}) {
                Received heard = listener.receive();
                assertThat(heard.party()).as("stamped with the speaker").isEqualTo(ann.session());
                assertThat(heard.payload()).isEqualTo(frame("hello red"));
                assertThat(heard.flags() & VoicePacket.FLAG_WHISPER).isZero();
            }
            danVoice.expectNothing();
            annVoice.expectNothing();

            annVoice.whisper(dan.session(), frame("psst"));
            Received whispered = danVoice.receive();
            assertThat(whispered.party()).isEqualTo(ann.session());
            assertThat(whispered.flags() & VoicePacket.FLAG_WHISPER).isNotZero();
            bobVoice.expectNothing();
            catVoice.expectNothing();

            // Bob goes to blue: his old key stops at once, his new one hears blue and not red.
            bob.ok(id -> new Request.Join(id, blue.id(), null));
            try (VoiceClient bobInBlue = voiceIn(bob, blue.id())) {
                long unknownBefore = totals().droppedUnknownSession();
                bobVoice.audio(frame("old key"));
                danVoice.expectNothing();
                assertThat(totals().droppedUnknownSession()).isEqualTo(unknownBefore + 1);

                danVoice.audio(frame("hello blue"));
                assertThat(bobInBlue.receive().party()).isEqualTo(dan.session());
                annVoice.audio(frame("red only"));
                assertThat(catVoice.receive().payload()).isEqualTo(frame("red only"));
                bobInBlue.expectNothing();
            }
        }
    }

    @Test
    void deafenedPeopleHearNothingAndSendNothingAndEveryoneSeesIt() {
        RoomInfo green = room("green");
        try (TestClient ann = server.registered("ann"); TestClient bob = server.registered("bob");
             VoiceClient annVoice = joined(ann, green); VoiceClient bobVoice = joined(bob, green)) {
            long mutedBefore = totals().droppedMuted();

            bob.ok(id -> new Request.VoiceState(id, null, true));
            Event.MemberChanged seen = ann.await(Event.MemberChanged.class, e -> e.member().session() == bob.session());
            assertThat(seen.member().deafened()).isTrue();

            annVoice.audio(frame("can you hear me"));
            bobVoice.expectNothing();
            bobVoice.audio(frame("I am deaf"));
            annVoice.expectNothing();
            assertThat(totals().droppedMuted()).isEqualTo(mutedBefore + 1);

            bob.ok(id -> new Request.VoiceState(id, null, false));
            annVoice.audio(frame("now?"));
            assertThat(bobVoice.receive().payload()).isEqualTo(frame("now?"));
        }
    }

    @Test
    void aModeratorsMuteSilencesThatPersonUntilUnmutedAndOnlyModeratorsMayMute() throws Exception {
        RoomInfo amber = room("amber");
        try (TestClient moderator = server.withRole("mod", Role.MODERATOR); TestClient loud = server.registered("loud");
             TestClient ear = server.registered("ear");
             VoiceClient loudVoice = joined(loud, amber); VoiceClient earVoice = joined(ear, amber)) {
            ear.assertFails(ErrorCode.FORBIDDEN, id -> new Request.ServerMute(id, loud.name(), true));

            moderator.ok(id -> new Request.ServerMute(id, loud.name(), true));
            assertThat(ear.await(Event.MemberChanged.class, e -> e.member().session() == loud.session())
                    .member().serverMuted()).isTrue();
            loudVoice.audio(frame("silenced"));
            earVoice.expectNothing();

            moderator.ok(id -> new Request.ServerMute(id, loud.name(), false));
            loudVoice.audio(frame("back"));
            assertThat(earVoice.receive().payload()).isEqualTo(frame("back"));
        }
    }

    @Test
    void echoComesBackToTheSpeakerOnly() {
        RoomInfo echo = room("echo");
        try (TestClient tester = server.registered("tester"); TestClient other = server.registered("other");
             VoiceClient testerVoice = joined(tester, echo); VoiceClient otherVoice = joined(other, echo)) {
            testerVoice.echo(frame("one two"));
            Received back = testerVoice.receive();
            assertThat(back.flags() & VoicePacket.FLAG_ECHO).isNotZero();
            assertThat(back.payload()).isEqualTo(frame("one two"));
            otherVoice.expectNothing();
        }
    }

    @Test
    void forgedReplayedGarbageAndRevokedPacketsAreDroppedAndCountedWhileOthersKeepTalking() throws Exception {
        RoomInfo busy = room("busy");
        try (TestClient moderator = server.withRole("mod", Role.MODERATOR);
             TestClient talker = server.registered("talker"); TestClient hearer = server.registered("hearer");
             TestClient kicked = server.registered("kicked");
             VoiceClient talkerVoice = joined(talker, busy); VoiceClient hearerVoice = joined(hearer, busy);
             VoiceClient kickedVoice = joined(kicked, busy)) {
            VoiceCounters before = totals();
            moderator.ok(id -> new Request.Kick(id, kicked.name(), "testing"));
            Random random = new Random(4);
            int valid = 0;
            byte[] replayed = null;
            for (int round = 0; round < 20; round++) {
                byte[] sent = talkerVoice.audio(frame("frame " + round));
                valid++;
                if (round == 0) {
                    replayed = sent;
                }
                talkerVoice.send(replayed);
                talkerVoice.send(talkerVoice.sealAt(talkerVoice.sessionId(), VoiceClient.otherKey(),
                        talkerVoice.lastSequence() + 1, 0, VoicePacket.KIND_AUDIO, 0, frame("forged")));
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                if (garbage.length > VoicePacket.FLAGS_OFFSET) {
                    garbage[VoicePacket.FLAGS_OFFSET] = (byte) 0xff; // unknown flag bits: never a packet
                }
                talkerVoice.send(garbage);
                kickedVoice.audio(frame("ghost"));
            }
            for (int i = 0; i < valid; i++) {
                assertThat(hearerVoice.receive().payload()).isEqualTo(frame("frame " + i));
            }
            hearerVoice.expectNothing();

            VoiceCounters after = totals();
            assertThat(after.droppedReplay() - before.droppedReplay()).isEqualTo(20);
            assertThat(after.droppedBadSeal() - before.droppedBadSeal()).isEqualTo(20);
            assertThat(after.droppedUnknownSession() - before.droppedUnknownSession()).isEqualTo(20);
            assertThat(after.droppedMalformed() - before.droppedMalformed()).isEqualTo(20);
        }
    }

    @Test
    void onlyAdminsReadTheCountersAndEachSessionIsListedWithItsTransport() {
        RoomInfo quiet = room("quiet");
        try (TestClient member = server.registered("member"); VoiceClient voice = joined(member, quiet)) {
            member.assertFails(ErrorCode.FORBIDDEN, Request.ServerStats::new);
            voice.audio(frame("counted"));
            Reply.ServerStats stats = admin.call(Request.ServerStats::new, Reply.ServerStats.class);
            assertThat(stats.sessions()).anySatisfy(s -> {
                assertThat(s.session()).isEqualTo(member.session());
                assertThat(s.name()).isEqualTo(member.name());
                assertThat(s.room()).isEqualTo(quiet.id());
                assertThat(s.transport()).isEqualTo("udp");
                assertThat(s.counters().packetsIn()).isEqualTo(2); // the ping of connect(), then the audio
            });
        }
    }

    // ---- when UDP does not get through: the real client-core voice connection ----

    @Test
    void withUdpBlockedVoiceFlowsThroughTheChatConnectionAndGoesBackToUdpWhenItOpens() throws Exception {
        RoomInfo room = room("tunnel");
        InetSocketAddress relay = new InetSocketAddress("127.0.0.1", server.server().voicePort());
        try (UdpFirewall firewall = new UdpFirewall(relay, false);
             TestClient peer = server.registered("peer"); VoiceClient peerVoice = joined(peer, room)) {
            VoiceUser client = VoiceUser.connect(server.port(), server.server().fingerprint(),
                    VoiceOptions.DEFAULT.withUdpOverride(firewall.address()), room);
            try {
                long granted = System.nanoTime();
                client.awaitTransport(VoiceTransport.TUNNEL);
                assertThat(Duration.ofNanos(System.nanoTime() - granted)).isLessThan(Duration.ofSeconds(5));
                client.talksWith(peer.session(), peerVoice, "through the tunnel");
                assertThat(transportOf(client.sessionId)).isEqualTo("tunnel");

                firewall.open(true);
                client.awaitTransport(VoiceTransport.UDP);
                client.talksWith(peer.session(), peerVoice, "over UDP again");
                assertThat(transportOf(client.sessionId)).isEqualTo("udp");
            } finally {
                client.close();
            }
        }
    }

    @Test
    void throughATcpForwarderAloneChatAndVoiceBothWork() throws Exception {
        RoomInfo room = room("ssh");
        InetSocketAddress relay = new InetSocketAddress("127.0.0.1", server.server().voicePort());
        // The client's UDP goes nowhere: only the forwarded TCP port leads to the server.
        try (TcpForwarder forwarder = new TcpForwarder(server.port()); UdpFirewall nowhere = new UdpFirewall(relay, false);
             TestClient peer = server.registered("peer"); VoiceClient peerVoice = joined(peer, room)) {
            VoiceUser client = VoiceUser.connect(forwarder.port(), server.server().fingerprint(),
                    VoiceOptions.DEFAULT.withUdpOverride(nowhere.address()), room);
            try {
                long posted = client.chat.request(id -> new Request.Say(id, room.id(), "hello via ssh", false),
                        Reply.Posted.class).get(10, TimeUnit.SECONDS).messageId();
                assertThat(peer.await(Event.MessagePosted.class).message().id()).isEqualTo(posted);

                client.awaitTransport(VoiceTransport.TUNNEL);
                client.talksWith(peer.session(), peerVoice, "voice via ssh");
            } finally {
                client.close();
            }
        }
    }

    private static String transportOf(long chatSession) {
        return admin.call(Request.ServerStats::new, Reply.ServerStats.class).sessions().stream()
                .filter(s -> s.session() == chatSession).map(SessionCounters::transport).findFirst().orElseThrow();
    }
}
