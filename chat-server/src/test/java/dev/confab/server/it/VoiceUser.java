package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.chat.ChatSession;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.client.voice.VoiceConnection;
import dev.confab.client.voice.VoiceOptions;
import dev.confab.client.voice.VoiceTransport;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.RoomInfo;
import dev.confab.voice.VoiceClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A person using client-core's chat session and voice connection, as the TUI will. */
final class VoiceUser {
    /** What the voice connection heard: who spoke and what. */
    record Heard(long speaker, String text) {
    }

    final ChatSession chat;
    final VoiceConnection voice;
    final LinkedBlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
    long sessionId;

    private VoiceUser(ChatSession chat, VoiceConnection voice) {
        this.chat = chat;
        this.voice = voice;
        voice.addAudioListener((speaker, timestamp, flags, payload) ->
                heard.add(new Heard(speaker, new String(payload, StandardCharsets.UTF_8))));
    }

    /** Registers a new person on the chat server at {@code chatPort} and takes them to {@code room}. */
    static VoiceUser connect(int chatPort, String fingerprint, VoiceOptions options, RoomInfo room) throws Exception {
        ChatSession chat = new ChatSession(ConnectOptions.builder(new ServerAddress("127.0.0.1", chatPort),
                TrustPolicy.pinned(fingerprint)).build());
        VoiceUser user = new VoiceUser(chat, new VoiceConnection(chat, options));
        user.sessionId = chat.register(TestServer.uniqueName("roamer"), TestServer.PASSWORD)
                .get(10, TimeUnit.SECONDS).session();
        if (room != null) {
            chat.request(id -> new Request.Join(id, room.id(), null), Reply.Ok.class).get(10, TimeUnit.SECONDS);
        }
        return user;
    }

    void awaitTransport(VoiceTransport wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (voice.state().transport() != wanted) {
            assertThat(System.nanoTime()).as("transport %s, still %s", wanted, voice.state()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Both ways: what this person says reaches the peer, and what the peer says reaches them. */
    void talksWith(long peerSession, VoiceClient peerVoice, String text) throws InterruptedException {
        byte[] said = text.getBytes(StandardCharsets.UTF_8);
        assertThat(voice.send(said, 0, said.length, 960, 0, 0)).isTrue();
        VoiceClient.Received received = peerVoice.receive();
        assertThat(received.party()).isEqualTo(sessionId);
        assertThat(received.payload()).isEqualTo(said);

        heard.clear();
        peerVoice.audio(said);
        assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(new Heard(peerSession, text));
    }

    void close() throws Exception {
        voice.close().get(5, TimeUnit.SECONDS);
        chat.logout().get(10, TimeUnit.SECONDS);
    }
}
