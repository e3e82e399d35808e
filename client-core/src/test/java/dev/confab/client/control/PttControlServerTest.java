package dev.confab.client.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.client.chat.Await;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket over real Unix sockets (in a short folder under /tmp: socket paths are limited to ~107 bytes). */
class PttControlServerTest {

    @TempDir
    Path temp;

    private Path socket;
    private final RecordingListener listener = new RecordingListener();
    private PttControlServer server;
    private PttControlClient client;

    @BeforeEach
    void start() throws Exception {
        socket = temp.resolve("confab").resolve("ptt.sock");
        server = PttControlServer.start(socket, listener);
        client = new PttControlClient(socket);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersEachRequestWithWhetherTheTuiTransmits() throws Exception {
        assertThat(client.send(PttRequest.STATUS)).isFalse();
        assertThat(client.send(PttRequest.TOGGLE)).isTrue();
        assertThat(client.send(PttRequest.STATUS)).isTrue();
        assertThat(client.send(PttRequest.TOGGLE)).isFalse();
        assertThat(listener.calls).filteredOn(c -> !c.startsWith("closed"))
                .extracting(c -> c.split(" ")[0]).containsExactly("status", "toggle", "status", "toggle");
    }

    @Test
    void makesThePrivateFolderAndSocket() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
    }

    @Test
    void aHoldLastsAsLongAsItsConnection() throws Exception {
        PttControlClient.Hold hold = client.press();
        assertThat(client.send(PttRequest.STATUS)).isTrue();
        hold.close();
        Await.until("the hold's connection closed", () -> listener.calls.stream().anyMatch(c -> c.equals("closed 1")));
        assertThat(client.send(PttRequest.STATUS)).isFalse();
    }

    @Test
    void aReleaseFromAnotherProcessEndsTheHoldAndItsConnection() throws Exception {
        PttControlClient.Hold hold = client.press();
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            try {
                hold.awaitEnd();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(client.send(PttRequest.RELEASE)).isFalse();
        ended.get(Await.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        hold.close();
    }

    @Test
    void aLongLivedClientMayPressAndReleaseOnOneConnection() throws Exception {
        try (RawConnection daemon = new RawConnection(socket)) {
            daemon.send("press\nrelease\r\npress\nstatus\n");
            assertThat(List.of(daemon.readLine(), daemon.readLine(), daemon.readLine(), daemon.readLine()))
                    .containsExactly("ok talking", "ok idle", "ok talking", "ok talking");
        }
    }

    @Test
    void unknownRequestsAreAnsweredAndTheConnectionGoesOn() throws Exception {
        try (RawConnection raw = new RawConnection(socket)) {
            raw.send("PRESS\n\nhello world\nstatus\n");
            assertThat(raw.finish()).containsExactly(
                    "error unknown request", "error unknown request", "error unknown request", "ok idle");
        }
        assertThat(listener.calls).filteredOn(c -> !c.startsWith("closed")).containsExactly("status 1");
    }

    @Test
    void anOverlongLineIsRefusedAndClosedWithoutHurtingOthers() throws Exception {
        try (RawConnection good = new RawConnection(socket); RawConnection bad = new RawConnection(socket)) {
            bad.send("x".repeat(PttControlServer.MAX_LINE) + "\n"); // exactly the limit is fine
            assertThat(bad.readLine()).isEqualTo("error unknown request");
            bad.send("y".repeat(PttControlServer.MAX_LINE + 1));
            assertThat(bad.readLine()).isEqualTo("error line too long");
            assertThat(bad.readLine()).isNull();
            good.send("status\n");
            assertThat(good.readLine()).isEqualTo("ok idle");
        }
    }

    @Test
    void refusesConnectionsBeyondTheCapAndServesAgainWhenOneCloses() throws Exception {
        List<RawConnection> many = new ArrayList<>();
        try {
            for (int i = 0; i < PttControlServer.MAX_CONNECTIONS; i++) {
                RawConnection connection = new RawConnection(socket);
                connection.send("status\n");
                assertThat(connection.readLine()).isEqualTo("ok idle"); // served, so counted
                many.add(connection);
            }
            assertThatThrownBy(() -> client.send(PttRequest.STATUS))
                    .isInstanceOf(PttControlException.class).hasMessageContaining("too many connections");
            many.remove(0).close();
            Await.until("a slot is free", () -> listener.closedCount() >= 1);
            assertThat(client.send(PttRequest.STATUS)).isFalse();
        } finally {
            for (RawConnection connection : many) {
                connection.close();
            }
        }
    }

    @Test
    void aSecondTuiIsRefusedWhileTheFirstListens() {
        assertThatThrownBy(() -> PttControlServer.start(socket, new RecordingListener()))
                .isInstanceOf(PttControlException.class).hasMessageContaining("already listening");
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        server.close();
        Path stale = temp.resolve("stale.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(stale)); // closing leaves the file behind, as a crash does
        }
        assertThat(stale).exists();
        assertThatThrownBy(() -> new PttControlClient(stale).send(PttRequest.STATUS))
                .isInstanceOf(PttControlException.class).hasMessageContaining("no confab TUI is listening");
        PttControlServer replacement = PttControlServer.start(stale, listener);
        assertThat(new PttControlClient(stale).send(PttRequest.STATUS)).isFalse();
        replacement.close();
        assertThat(stale).doesNotExist();
    }

    @Test
    void theClientSaysClearlyWhenNoTuiRuns() {
        server.close();
        assertThatThrownBy(() -> client.send(PttRequest.STATUS))
                .isInstanceOf(PttControlException.class).hasMessageContaining("no confab TUI is running");
    }

    @Test
    void aTuiThatDoesNotApplyTheRequestGetsAnError() {
        listener.answering = false;
        assertThatThrownBy(() -> client.send(PttRequest.TOGGLE))
                .isInstanceOf(PttControlException.class).hasMessageContaining("did not answer");
    }
}
