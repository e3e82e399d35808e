package dev.confab.client.audio.engine;

import dev.confab.client.chat.ChatSession;
import dev.confab.client.voice.AudioListener;
import dev.confab.client.voice.VoiceConnection;
import dev.confab.client.voice.VoiceState;
import dev.confab.protocol.Event;
import dev.confab.protocol.Request;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What the {@link VoiceEngine} needs of the voice transport: send a packet, receive audio, follow
 * the grant's state, and tell the chat server about mute and deafen. {@link #of(VoiceConnection,
 * ChatSession)} adapts the real {@link VoiceConnection}; tests use an in-memory loopback. Every
 * method must be non-blocking and callable from any thread.
 */
public interface VoiceLink {

    /** As {@link VoiceConnection#send}: hands one Opus frame over for sending; false if there is no grant. */
    boolean send(byte[] payload, int offset, int length, int timestamp, int flags, long party);

    /** As {@link VoiceConnection#addAudioListener}. */
    void addAudioListener(AudioListener listener);

    /** As {@link VoiceConnection#addStateListener}: the state now, then on every change of grant, transport or round trip. */
    void addStateListener(Consumer<? super VoiceState> listener);

    /** The state now, with live counters. */
    VoiceState state();

    /**
     * Tells the server this client's voice state ({@code Request.VoiceState}); null leaves a flag
     * as it is. Completes when answered; may fail (offline), which the engine only logs.
     */
    CompletableFuture<?> reportVoiceState(Boolean muted, Boolean deafened);

    /**
     * Tells {@code listener} the chat session id of each person who leaves this client's voice
     * room (disconnects, or moves to another room), so that their stream is let go at once
     * rather than after a silence. Called on the link's thread. Links that cannot tell do nothing.
     */
    default void addDepartureListener(LongConsumer listener) {
    }

    /** Releases what this link owns (the {@link VoiceConnection} it made, if any). */
    default CompletableFuture<Void> close() {
        return CompletableFuture.completedFuture(null);
    }

    /** The real transport, which the caller keeps and closes. */
    static VoiceLink of(VoiceConnection connection, ChatSession session) {
        return new Connected(connection, session, false);
    }

    /** Makes a {@link VoiceConnection} for {@code session}, closed with the link. */
    static VoiceLink open(ChatSession session) {
        return new Connected(new VoiceConnection(session), session, true);
    }

    /** The adapter over {@link VoiceConnection} and {@link ChatSession#request}. */
    record Connected(VoiceConnection connection, ChatSession session, boolean owned) implements VoiceLink {

        public Connected {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(session, "session");
        }

        @Override
        public boolean send(byte[] payload, int offset, int length, int timestamp, int flags, long party) {
            return connection.send(payload, offset, length, timestamp, flags, party);
        }

        @Override
        public void addAudioListener(AudioListener listener) {
            connection.addAudioListener(listener);
        }

        @Override
        public void addStateListener(Consumer<? super VoiceState> listener) {
            connection.addStateListener(listener);
        }

        @Override
        public VoiceState state() {
            return connection.state();
        }

        @Override
        public void addDepartureListener(LongConsumer listener) {
            Objects.requireNonNull(listener, "listener");
            session.addEventListener(event -> {
                if (event instanceof Event.MemberLeft left) {
                    listener.accept(left.session());
                } else if (event instanceof Event.MemberMoved moved && moved.from() == connection.state().room()) {
                    listener.accept(moved.session());
                }
            });
        }

        @Override
        public CompletableFuture<?> reportVoiceState(Boolean muted, Boolean deafened) {
            return session.request(id -> new Request.VoiceState(id, muted, deafened));
        }

        @Override
        public CompletableFuture<Void> close() {
            return owned ? connection.close() : CompletableFuture.completedFuture(null);
        }
    }
}
