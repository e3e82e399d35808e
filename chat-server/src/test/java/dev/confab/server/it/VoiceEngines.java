package dev.confab.server.it;

import dev.confab.client.audio.SpeechMatch;
import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.client.audio.jitter.JitterOptions;
import dev.confab.client.chat.Await;
import dev.confab.client.chat.ChatSession;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.client.voice.VoiceTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * People with a real voice engine on a {@link TestServer} of their own, as the clients run them:
 * each one a new account with its own chat session, in the lobby, voice over UDP. Closing logs
 * everyone out and stops the server.
 */
final class VoiceEngines implements AutoCloseable {

    /** One person: their chat session id (what the relay stamps on their audio) and their engine. */
    record Person(long session, VoiceEngine engine) {
    }

    private final TestServer server;
    private final List<AutoCloseable> open = new ArrayList<>();

    private VoiceEngines(TestServer server) {
        this.server = server;
    }

    /** Starts a server with its data in {@code dir}, warming the codec up meanwhile. */
    static VoiceEngines onNewServer(Path dir) throws Exception {
        VoiceEngine.warmUp(); // in the background meanwhile
        return new VoiceEngines(TestServer.start(dir));
    }

    /** The speech fixture of client-core's test-jar, copied into {@code dir} (the WAV backend opens files). */
    static Path speechFixture(Path dir) throws IOException {
        Path speech = dir.resolve("speech-48k-mono.wav");
        try (InputStream in = SpeechMatch.class.getResourceAsStream("/audio/speech-48k-mono.wav")) {
            Files.copy(in, speech);
        }
        return speech;
    }

    /** Registers a new person, makes their engine on {@code devices} and waits for voice over UDP; not started. */
    VoiceEngine join(VoiceEngine.Devices devices, TransmitMode mode) throws Exception {
        return person(devices, mode).engine();
    }

    /** As {@link #join}, with the person's chat session id. */
    Person person(VoiceEngine.Devices devices, TransmitMode mode) throws Exception {
        ChatSession chat = new ChatSession(ConnectOptions.builder(new ServerAddress("127.0.0.1", server.port()),
                TrustPolicy.pinned(server.server().fingerprint())).build());
        open.add(() -> chat.logout().get(10, TimeUnit.SECONDS));
        long session = chat.register(TestServer.uniqueName("voice"), TestServer.PASSWORD).get(10, TimeUnit.SECONDS)
                .session();
        Await.until("a voice grant", () -> chat.voiceGrant() != null);
        VoiceEngine engine = VoiceEngine.forSession(chat, devices, CaptureOptions.DEFAULT.withMode(mode),
                JitterOptions.DEFAULT);
        open.add(engine);
        Await.until("voice over UDP", Duration.ofSeconds(10), () -> engine.snapshot().transport() == VoiceTransport.UDP);
        return new Person(session, engine);
    }

    @Override
    public void close() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
        server.close();
    }
}
