package dev.confab.server;

import dev.confab.protocol.Limits;
import dev.confab.server.net.ChatListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a server start needs. {@link #defaults} is what {@code confab-server} uses; tests
 * change the few fields they care about with the {@code with} methods.
 */
public record ServerConfig(
        String bind,
        int port,
        Path dataDir,
        Path tlsCertificate,
        Path tlsKey,
        boolean plaintext,
        String publicHost,
        Duration resumeGrace,
        ChatListener.Settings listener,
        Duration loginFailureWindow,
        int maxLoginFailuresPerAccount,
        int maxLoginFailuresPerAddress,
        int hashingThreads,
        VoiceSetup voice) {

    /**
     * Where voice is relayed. With no {@code nodes}, by a relay in this process on UDP
     * {@code udpPort} ({@link #SAME_PORT}: the chat port's number, as clients expect); otherwise
     * by the voice nodes at {@code nodes} (host:port of their link), reached over links
     * authenticated with {@code linkSecret}.
     */
    public record VoiceSetup(int udpPort, int relayThreads, java.util.List<String> nodes, byte[] linkSecret) {
        public static final int SAME_PORT = -1;

        public static VoiceSetup inProcess() {
            return new VoiceSetup(SAME_PORT, 2, java.util.List.of(), null);
        }

        @Override
        public String toString() {
            return "VoiceSetup[udpPort=" + udpPort + ", relayThreads=" + relayThreads + ", nodes=" + nodes + "]";
        }
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("0.0.0.0", Limits.DEFAULT_PORT, dataDir, null, null, false, null,
                Duration.ofSeconds(60),
                ChatListener.Settings.defaults(),
                Duration.ofMinutes(5), 5, 20, 2, VoiceSetup.inProcess());
    }

    /** {@code $XDG_DATA_HOME/confab-server}, else {@code ~/.local/share/confab-server}. */
    public static Path defaultDataDir(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("confab-server");
    }

    public Path databaseFile() {
        return dataDir.resolve("confab.db");
    }

    public Path tlsFolder() {
        return dataDir.resolve("tls");
    }

    public Path logFolder() {
        return dataDir.resolve("logs");
    }

    public ServerConfig withAddress(String bind, int port) {
        return new ServerConfig(bind, port, dataDir, tlsCertificate, tlsKey, plaintext, publicHost, resumeGrace,
                listener, loginFailureWindow, maxLoginFailuresPerAccount, maxLoginFailuresPerAddress, hashingThreads, voice);
    }

    public ServerConfig withTls(Path certificate, Path key, boolean plaintext) {
        return new ServerConfig(bind, port, dataDir, certificate, key, plaintext, publicHost, resumeGrace,
                listener, loginFailureWindow, maxLoginFailuresPerAccount, maxLoginFailuresPerAddress, hashingThreads, voice);
    }

    public ServerConfig withPublicHost(String host) {
        return new ServerConfig(bind, port, dataDir, tlsCertificate, tlsKey, plaintext, host, resumeGrace,
                listener, loginFailureWindow, maxLoginFailuresPerAccount, maxLoginFailuresPerAddress, hashingThreads, voice);
    }

    public ServerConfig withResumeGrace(Duration grace) {
        return new ServerConfig(bind, port, dataDir, tlsCertificate, tlsKey, plaintext, publicHost, grace,
                listener, loginFailureWindow, maxLoginFailuresPerAccount, maxLoginFailuresPerAddress, hashingThreads, voice);
    }

    public ServerConfig withListener(ChatListener.Settings settings) {
        return new ServerConfig(bind, port, dataDir, tlsCertificate, tlsKey, plaintext, publicHost, resumeGrace,
                settings, loginFailureWindow, maxLoginFailuresPerAccount, maxLoginFailuresPerAddress, hashingThreads, voice);
    }

    public ServerConfig withVoice(VoiceSetup setup) {
        return new ServerConfig(bind, port, dataDir, tlsCertificate, tlsKey, plaintext, publicHost, resumeGrace,
                listener, loginFailureWindow, maxLoginFailuresPerAccount, maxLoginFailuresPerAddress, hashingThreads,
                setup);
    }
}
