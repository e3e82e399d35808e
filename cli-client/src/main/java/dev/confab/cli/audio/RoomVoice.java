package dev.confab.cli.audio;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.cli.chat.RoomAccess;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.room.RoomDirectory;
import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.device.AudioDeviceException;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.client.audio.engine.VoiceLink;
import dev.confab.client.audio.jitter.JitterOptions;
import dev.confab.client.voice.VoiceConnection;
import dev.confab.client.voice.VoiceTransport;
import dev.confab.protocol.Event;
import dev.confab.protocol.RoomInfo;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the voice commands share: log in, join the room, wait for the room's voice grant, open the
 * session's {@link VoiceConnection}, build a {@link VoiceEngine} on it (or, for a bot, only a
 * capture pipeline) and wait until voice has a path (UDP, or the tunnel through the chat
 * connection) and the codec is warm, so that nothing said is lost to start-up.
 */
final class RoomVoice implements AutoCloseable {

    /** How long to wait for the room's grant, and then for voice to choose UDP or the tunnel. */
    static final Duration READY_LIMIT = Duration.ofSeconds(10);
    /** Compiling the codec takes about 2 s on a loaded machine; far more means something is wrong. */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);

    private final ServerLink link;
    private final RoomInfo room;
    private VoiceConnection connection;
    private VoiceEngine engine;

    private RoomVoice(ServerLink link, RoomInfo room) {
        this.link = link;
        this.room = room;
    }

    /**
     * Logs in and joins {@code roomReference} (a name or an id), or stays in the lobby where a
     * session starts when it is null; closes the link when that fails.
     */
    static RoomVoice join(Invocation cli, String roomReference) throws CliException, InterruptedException {
        VoiceEngine.warmUp(); // meanwhile, in the background
        ServerLink link = cli.connect();
        try {
            RoomDirectory directory = RoomDirectory.of(link);
            RoomInfo room = directory.resolve(roomReference != null ? roomReference
                    : Long.toString(link.snapshot().lobby()));
            if (roomReference != null) {
                link.await(RoomAccess.join(link, room, cli.environment()));
            }
            RoomVoice voice = new RoomVoice(link, room);
            voice.awaitGrant();
            return voice;
        } catch (CliException | InterruptedException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    RoomInfo room() {
        return room;
    }

    ServerLink link() {
        return link;
    }

    /**
     * The session's voice connection, opened on first use and closed with this; for counting what
     * arrives beside the engine, or for a bot that sends without one.
     */
    VoiceConnection connection() {
        if (connection == null) {
            connection = new VoiceConnection(link.session());
        }
        return connection;
    }

    /**
     * Builds the engine on the session's voice grant and starts it once voice has a path; returns
     * when capture runs (the codec is warm).
     *
     * @throws CliException refused (9) when a device will not open; network (6) when voice gets no path
     */
    VoiceEngine start(VoiceEngine.Devices devices, CaptureOptions capture) throws CliException, InterruptedException {
        return start(devices, capture, engine -> { });
    }

    /** As {@link #start(VoiceEngine.Devices, CaptureOptions)}, setting the engine up before it starts (e.g. echo test on). */
    VoiceEngine start(VoiceEngine.Devices devices, CaptureOptions capture, Consumer<VoiceEngine> setUp)
            throws CliException, InterruptedException {
        try {
            engine = new VoiceEngine(VoiceLink.of(connection(), link.session()), devices, capture,
                    JitterOptions.DEFAULT);
        } catch (AudioDeviceException e) {
            throw new CliException(Exit.REFUSED, "bad_audio", e.getMessage(), e);
        }
        if (room.echo()) {
            engine.setEchoTest(true); // in an echo room everyone hears only themselves, a bot too
        }
        setUp.accept(engine);
        VoiceEngine started = engine;
        awaitPath(() -> started.snapshot().transport());
        try {
            // Warm before playback starts too: cold decodes are too slow for the 20 ms clock.
            VoiceEngine.warmUp().get(WARM_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            engine.start().get(WARM_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CliException(Exit.FAILURE, "unexpected", "the voice engine did not start: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new CliException(Exit.FAILURE, "unexpected", "the voice codec did not warm up within "
                    + ServerLink.describe(WARM_UP_LIMIT), e);
        }
        return engine;
    }

    /**
     * Waits until voice has a path: UDP, or the tunnel through the chat connection.
     *
     * @throws CliException network (6) when neither answers within {@link #READY_LIMIT}
     */
    void awaitPath(Supplier<VoiceTransport> transport) throws CliException, InterruptedException {
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (true) {
            VoiceTransport now = transport.get();
            if (now == VoiceTransport.UDP || now == VoiceTransport.TUNNEL) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(Exit.NETWORK, "timeout", "voice found no way to " + link.session().server()
                        + " (neither UDP nor the chat connection answered) within " + ServerLink.describe(READY_LIMIT));
            }
            Thread.sleep(20);
        }
    }

    /** The join brings a new grant for the room (the login's was for the room the session started in). */
    private void awaitGrant() throws CliException, InterruptedException {
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (true) {
            Event.VoiceGranted grant = link.session().voiceGrant();
            if (grant != null && grant.room() == room.id()) {
                return;
            }
            if (link.session().closeFuture().isDone()) {
                throw new CliException(Exit.NETWORK, "network", "the connection to " + link.session().server() + " ended");
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(Exit.NETWORK, "timeout", link.session().server() + " granted no voice session in "
                        + room.name() + " within " + ServerLink.describe(READY_LIMIT));
            }
            Thread.sleep(20);
        }
    }

    /** Closes the engine and the voice connection, then logs out. */
    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        if (connection != null) {
            connection.close();
        }
        link.close();
    }
}
