package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.voice.VoiceCipher;
import dev.confab.protocol.voice.VoicePacket;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server stats, mute, unmute and the voice markers of users, through real processes against a real server. */
class VoiceCommandsTest {

    @TempDir
    static Path serverData;
    static CliServer server;
    static String adminToken;
    static String moderatorToken;
    static String memberToken;
    static String talkerToken;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliServer.start(serverData);
        adminToken = server.tokenFor(server.createUser("chief", Role.ADMIN));
        moderatorToken = server.tokenFor(server.createUser("mod", Role.MODERATOR));
        memberToken = server.tokenFor(server.createUser("troll", Role.MEMBER));
        talkerToken = server.tokenFor(server.createUser("vic", Role.MEMBER));
        server.createUser("ghost", Role.MEMBER);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Cli as(String token) {
        return new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", token);
    }

    @Test
    void statsShowTheRelaysCountersToAdminsOnly() throws Exception {
        CompletableFuture<Event.VoiceGranted> grant = new CompletableFuture<>();
        ChatConnection vic = server.connectWithToken(talkerToken, event -> {
            if (event instanceof Event.VoiceGranted granted) {
                grant.complete(granted);
            }
        });
        try {
            Event.VoiceGranted voice = grant.get(10, TimeUnit.SECONDS);
            try (DatagramSocket udp = new DatagramSocket()) {
                InetSocketAddress relay = new InetSocketAddress("127.0.0.1", voice.port());
                for (int i = 0; i < 3; i++) {
                    send(udp, relay, "not a voice packet".getBytes(StandardCharsets.US_ASCII));  // malformed
                }
                SecretKey key = VoiceCipher.key(Base64.getDecoder().decode(voice.key()));
                send(udp, relay, audio(voice.sessionId(), 1, key));                           // opens: route udp
                send(udp, relay, unsealed(voice.sessionId(), 2));                             // bad seal
                send(udp, relay, unsealed(voice.sessionId() ^ 0x5a5a5a5a, 1));                // unknown session
            }
            awaitPacketsIn(6);

            List<JsonNode> lines = Json.lines(as(adminToken).run("server", "stats", "--json").ok().out());
            JsonNode total = lines.get(0);
            assertThat(total.get("packetsIn").asLong()).isEqualTo(6);
            assertThat(total.get("relayed").asLong()).isZero();
            assertThat(total.get("droppedMalformed").asLong()).isEqualTo(3);
            assertThat(total.get("droppedBadSeal").asLong()).isEqualTo(1);
            assertThat(total.get("droppedUnknownSession").asLong()).isEqualTo(1);
            assertThat(total.get("droppedReplay").asLong()).isZero();
            assertThat(total.get("droppedRate").asLong()).isZero();
            assertThat(total.get("droppedMuted").asLong()).isZero();
            assertThat(total.get("dropped").asLong()).isEqualTo(5);
            assertThat(total.has("session")).isFalse();

            // The totals, then vic: the command's own session (it has voice too) is left out.
            assertThat(lines).hasSize(2);
            JsonNode session = lines.get(1);
            assertThat(session.get("name").asText()).isEqualTo("vic");
            assertThat(session.get("session").asLong()).isPositive();
            assertThat(session.get("room").asLong()).isEqualTo(1);
            assertThat(session.get("roomName").asText()).isEqualTo("Lobby");
            assertThat(session.get("transport").asText()).isEqualTo("udp");
            JsonNode counters = session.get("counters");
            assertThat(counters.get("packetsIn").asLong()).isEqualTo(2);
            assertThat(counters.get("droppedBadSeal").asLong()).isEqualTo(1);
            assertThat(counters.get("dropped").asLong()).isEqualTo(1);
            assertThat(counters.get("droppedUnknownSession").asLong()).isZero();

            List<String> human = as(adminToken).run("server", "stats").ok().lines();
            assertThat(human.get(0)).startsWith("packets in").endsWith(" 6");
            assertThat(human).contains(String.format("%-22s %12d", "  malformed", 3), "");
            assertThat(human.get(human.size() - 2)).startsWith("NAME").contains("TRANSPORT", "IN", "RELAYED", "DROPPED", "ROOM");
            assertThat(human.get(human.size() - 1)).startsWith("vic ").contains(" udp ").endsWith("  Lobby")
                    .matches(".* 2 +0 +1  Lobby");
        } finally {
            vic.close().get(10, TimeUnit.SECONDS);
        }
        as(memberToken).run("server", "stats").fails(5, "forbidden").mentions("admin");
        as(moderatorToken).run("server", "stats", "--json").fails(5, "forbidden");
        as(adminToken).run("server").fails(2, "usage").mentions("stats");
    }

    @Test
    void moderatorsMuteAndUnmuteSomeoneOnlineAndUsersShowsIt() throws Exception {
        Cli mod = as(moderatorToken);
        ChatConnection troll = server.connectWithToken(memberToken);
        try {
            mod.run("mute", "TROLL").ok();
            assertThat(mod.run("mute", "troll").ok().out()).isEmpty();    // again: still quiet
            JsonNode muted = Json.object(mod.run("users", "--json").ok().out());
            assertThat(muted.get("name").asText()).isEqualTo("troll");
            assertThat(muted.get("serverMuted").asBoolean()).isTrue();
            assertThat(muted.get("muted").asBoolean()).isFalse();
            assertThat(muted.get("deafened").asBoolean()).isFalse();

            troll.request(id -> new Request.VoiceState(id, true, true), Reply.Ok.class).get(10, TimeUnit.SECONDS);
            assertThat(mod.run("users").ok().lines()).containsExactly(
                    String.format("%-32s %-10s %s", "troll", "member", "Lobby") + " [muted] [deaf] [server-muted]");

            mod.run("unmute", "troll").ok();
            JsonNode unmuted = Json.object(mod.run("users", "--json").ok().out());
            assertThat(unmuted.get("serverMuted").asBoolean()).isFalse();
            assertThat(unmuted.get("muted").asBoolean()).isTrue();
            assertThat(unmuted.get("deafened").asBoolean()).isTrue();

            as(memberToken).run("mute", "mod").fails(5, "forbidden");
        } finally {
            troll.close().get(10, TimeUnit.SECONDS);
        }
        mod.run("mute", "troll").fails(4, "unknown_user").mentions("troll");
        mod.run("unmute", "ghost").fails(4, "unknown_user");
    }

    private static void send(DatagramSocket udp, InetSocketAddress to, byte[] packet) throws Exception {
        udp.send(new DatagramPacket(packet, packet.length, to));
    }

    /** An audio packet sealed under the session's key, as a client sends one. */
    private static byte[] audio(int session, long sequence, SecretKey key) {
        byte[] opus = "hello opus".getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[VoicePacket.BASE_HEADER_BYTES + opus.length + VoicePacket.TAG_BYTES];
        int header = VoicePacket.writeHeader(packet, 0, session, sequence, 960, VoicePacket.KIND_AUDIO, 0);
        new VoiceCipher().seal(key, packet, 0, header, opus, 0, opus.length);
        return packet;
    }

    /** A packet of the right shape whose tag is zeros: it validates, but its seal does not open. */
    private static byte[] unsealed(int session, long sequence) {
        byte[] packet = new byte[VoicePacket.BASE_HEADER_BYTES + 10 + VoicePacket.TAG_BYTES];
        VoicePacket.writeHeader(packet, 0, session, sequence, 960, VoicePacket.KIND_AUDIO, 0);
        return packet;
    }

    /** Datagrams are counted on the relay's threads: wait until they all have been, asking as an admin in-process. */
    private static void awaitPacketsIn(long expected) throws Exception {
        ChatConnection admin = server.connectWithToken(adminToken);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long seen;
            do {
                seen = admin.request(Request.ServerStats::new, Reply.ServerStats.class).get(10, TimeUnit.SECONDS)
                        .total().packetsIn();
                if (seen < expected) {
                    Thread.sleep(20);
                }
            } while (seen < expected && System.nanoTime() < deadline);
            assertThat(seen).as("packets the relay counted").isEqualTo(expected);
        } finally {
            admin.close().get(10, TimeUnit.SECONDS);
        }
    }
}
