package dev.confab.tui.ptt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.chat.Await;
import dev.confab.client.control.PttControlClient;
import dev.confab.client.control.PttControlServer;
import dev.confab.client.control.PttRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PushToTalk behind the real control socket, ticked by a "UI" thread at 50 frames a second, as the TUI will wire it. */
class PushToTalkControlTest {

    @TempDir
    Path temp;

    private final List<Boolean> changes = new CopyOnWriteArrayList<>();
    private final PushToTalk ptt = new PushToTalk(PushToTalk.Settings.DEFAULTS, changes::add);
    private final ScheduledExecutorService ui = Executors.newSingleThreadScheduledExecutor();
    private PttControlServer server;
    private PttControlClient client;

    @BeforeEach
    void start() throws Exception {
        ui.scheduleAtFixedRate(() -> ptt.tick(System.nanoTime()), 0, 20, TimeUnit.MILLISECONDS);
        server = PttControlServer.start(temp.resolve("ptt.sock"), ptt);
        client = new PttControlClient(server.path());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        ui.shutdownNow();
        ui.awaitTermination(1, TimeUnit.SECONDS);
    }

    @Test
    void aHotkeyDaemonHoldsAndReleasesFromSeparateProcesses() throws Exception {
        PttControlClient.Hold hold = client.press(); // key-down: `confab-cli ptt press` stays connected
        assertThat(client.send(PttRequest.STATUS)).isTrue();
        assertThat(client.send(PttRequest.RELEASE)).isFalse(); // key-up: another process
        hold.awaitEnd(); // the server closed the pressing connection, so its process may exit
        hold.close();
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void aDroppedConnectionStopsTransmitting() throws Exception {
        PttControlClient.Hold hold = client.press();
        hold.close(); // ssh died
        Await.until("talking stopped", () -> changes.size() == 2);
        assertThat(changes).containsExactly(true, false);
        assertThat(client.send(PttRequest.TOGGLE)).isTrue();
        assertThat(client.send(PttRequest.TOGGLE)).isFalse();
    }
}
