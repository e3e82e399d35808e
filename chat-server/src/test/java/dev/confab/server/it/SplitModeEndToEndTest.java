package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.voice.UdpFirewall;
import dev.confab.client.voice.VoiceOptions;
import dev.confab.client.voice.VoiceTransport;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import dev.confab.server.ServerMain;
import dev.confab.server.accounts.AccountAdmin;
import dev.confab.voice.VoiceClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code confab-server --role voice} and {@code --role chat} as two processes on loopback,
 * joined by the link: voice behaves as it does in one process.
 */
class SplitModeEndToEndTest {
    @TempDir
    static Path dir;
    static Process voiceNode;
    static int voiceUdpPort;
    static ServerMainEndToEndTest.Started chat;
    static String adminName;

    @BeforeAll
    static void start() throws Exception {
        Path secret = dir.resolve("link.secret");
        Files.writeString(secret, "0123456789abcdef0123456789abcdef0123456789\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));

        voiceNode = startVoiceNode(dir.resolve("voice"), secret);
        int linkPort = voiceUdpPort; // --port 0: the link takes the relay's number

        Path chatData = dir.resolve("chat");
        adminName = TestServer.uniqueName("admin");
        Files.createDirectories(chatData);
        AccountAdmin.createUser(chatData.resolve("confab.db"), adminName, TestServer.PASSWORD, Role.ADMIN);
        chat = ServerMainEndToEndTest.startProcess(chatData, "--role", "chat",
                "--voice-node", "127.0.0.1:" + linkPort, "--link-secret-file", secret.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process process : new Process[] {chat.process(), voiceNode}) {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Process startVoiceNode(Path data, Path secret) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ServerMain.class.getName(), "--role", "voice", "--data", data.toString(), "--bind", "127.0.0.1",
                "--port", "0", "--link-secret-file", secret.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Pattern started = Pattern.compile("voice on UDP [^:]+:(\\d+), chat nodes link on TCP [^:]+:(\\d+)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher matcher = started.matcher(line);
            if (matcher.find()) {
                voiceUdpPort = Integer.parseInt(matcher.group(1));
                assertThat(Integer.parseInt(matcher.group(2))).isEqualTo(voiceUdpPort);
                return process;
            }
        }
        throw new AssertionError("the voice node exited with " + process.waitFor() + " before starting");
    }

    private static TestClient member() {
        TestClient client = TestClient.connect(chat.port(), chat.fingerprint());
        client.register(TestServer.uniqueName("split"));
        return client;
    }

    @Test
    void roomsWhispersAndRevokedKeysWorkAcrossTheLinkAndTheCountersComeBackThroughIt() {
        try (TestClient admin = TestClient.connect(chat.port(), chat.fingerprint())) {
            admin.login(adminName, TestServer.PASSWORD);
            RoomInfo room = VoiceEndToEndTest.room(admin, "split");
            try (TestClient ann = member(); TestClient bob = member(); TestClient cat = member();
                 VoiceClient annVoice = VoiceEndToEndTest.joined(ann, room);
                 VoiceClient bobVoice = VoiceEndToEndTest.joined(bob, room);
                 VoiceClient catInLobby = VoiceEndToEndTest.voiceIn(cat, 1)) {
                annVoice.audio("across the link".getBytes(StandardCharsets.UTF_8));
                assertThat(bobVoice.receive().party()).isEqualTo(ann.session());
                catInLobby.expectNothing();
                annVoice.whisper(cat.session(), "psst".getBytes(StandardCharsets.UTF_8));
                assertThat(catInLobby.receive().party()).isEqualTo(ann.session());

                long unknownBefore = admin.call(Request.ServerStats::new, Reply.ServerStats.class).total()
                        .droppedUnknownSession();
                bob.ok(Request.Logout::new);
                // The close reaches the voice node over the link, a moment after the logout's reply:
                // once it counts bob's packets as an unknown session, none of them reaches ann.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                Reply.ServerStats stats;
                do {
                    bobVoice.audio("after logout".getBytes(StandardCharsets.UTF_8));
                    stats = admin.call(Request.ServerStats::new, Reply.ServerStats.class);
                    assertThat(System.nanoTime()).as("the voice node closed bob's session").isLessThan(deadline);
                } while (stats.total().droppedUnknownSession() == unknownBefore);
                while (annVoice.poll(VoiceClient.QUIET) != null) {
                    // relayed before the close arrived
                }
                bobVoice.audio("long after logout".getBytes(StandardCharsets.UTF_8));
                annVoice.expectNothing();
                assertThat(stats.sessions()).anySatisfy(s -> assertThat(s.session()).isEqualTo(ann.session()));
                assertThat(stats.sessions()).noneSatisfy(s -> assertThat(s.session()).isEqualTo(bob.session()));
            }
        }
    }

    @Test
    void tunnelledVoiceGoesThroughTheChatNodeToTheVoiceNode() throws Exception {
        try (UdpFirewall nowhere = new UdpFirewall(new InetSocketAddress("127.0.0.1", voiceUdpPort), false);
             TestClient peer = member(); VoiceClient peerVoice = VoiceEndToEndTest.voiceIn(peer, 1)) {
            VoiceUser user = VoiceUser.connect(chat.port(), chat.fingerprint(),
                    VoiceOptions.DEFAULT.withUdpOverride(nowhere.address()), null);
            try {
                user.awaitTransport(VoiceTransport.TUNNEL);
                user.talksWith(peer.session(), peerVoice, "tunnelled across two processes");
            } finally {
                user.close();
            }
        }
    }
}
