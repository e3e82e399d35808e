package dev.confab.client.audio.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Packets pass untouched while off; otherwise they are dropped, held and reordered as set, live. */
class ChaosSenderTest {

    private static final long FRAME = TimeUnit.MILLISECONDS.toNanos(20);

    private record Sent(int timestamp, int flags, long party, byte[] payload, Thread thread, long atNanos) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final ChaosSender chaos = new ChaosSender((payload, offset, length, timestamp, flags, party) ->
            sent.add(new Sent(timestamp, flags, party, java.util.Arrays.copyOfRange(payload, offset, offset + length),
                    Thread.currentThread(), System.nanoTime())), FRAME);

    @AfterEach
    void close() {
        chaos.close();
    }

    @Test
    void offSendsEachPacketAtOnceOnTheCallersThread() {
        byte[] buffer = {9, 1, 2, 3, 9};
        chaos.send(buffer, 1, 3, 960, 4, 42);
        assertThat(sent).hasSize(1);
        Sent s = sent.get(0);
        assertThat(s.payload()).containsExactly(1, 2, 3);
        assertThat(s.timestamp()).isEqualTo(960);
        assertThat(s.flags()).isEqualTo(4);
        assertThat(s.party()).isEqualTo(42);
        assertThat(s.thread()).isSameAs(Thread.currentThread());
        assertThat(chaos.state()).isEqualTo(ChaosState.NONE);
    }

    @Test
    void aDelayHoldsACopyOfThePacket() throws Exception {
        chaos.setSettings(new ChaosSettings(0, 60, 0, 0));
        byte[] buffer = {5, 6};
        long before = System.nanoTime();
        chaos.send(buffer, 0, 2, 0, 0, 0);
        buffer[0] = 99; // the caller reuses its buffer at once
        assertThat(sent).isEmpty();
        awaitSent(1);
        assertThat(sent.get(0).payload()).containsExactly(5, 6);
        assertThat(sent.get(0).atNanos() - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(60));
        assertThat(chaos.state().delayed()).isEqualTo(1);
    }

    @Test
    void reorderingLetsTheNextPacketOvertake() throws Exception {
        chaos.setSettings(new ChaosSettings(0, 0, 0, 100));
        send(0);
        chaos.setSettings(ChaosSettings.OFF); // changed live: the next packet goes at once
        send(960);
        awaitSent(2);
        assertThat(sent).extracting(Sent::timestamp).containsExactly(960, 0);
        assertThat(chaos.state().reordered()).isEqualTo(1);
        assertThat(chaos.state().settings()).isEqualTo(ChaosSettings.OFF);
    }

    @Test
    void fullLossSendsNothingAndCountsIt() throws Exception {
        chaos.setSettings(new ChaosSettings(100, 0, 0, 0));
        for (int i = 0; i < 50; i++) {
            send(i * 960);
        }
        Thread.sleep(50);
        assertThat(sent).isEmpty();
        assertThat(chaos.state().dropped()).isEqualTo(50);
    }

    @Test
    void jitterAloneKeepsEveryPacketAndReordersSome() throws Exception {
        chaos.setSettings(new ChaosSettings(0, 0, 60, 0));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            order.add(i * 960);
            send(i * 960);
        }
        awaitSent(40);
        assertThat(sent).extracting(Sent::timestamp).containsExactlyInAnyOrderElementsOf(order)
                .doesNotContainSequence(order); // 60 ms of jitter over 0 ms apart: surely out of order
    }

    @Test
    void packetsHeldAtCloseAreNeverSent() throws Exception {
        chaos.setSettings(new ChaosSettings(0, 100, 0, 0));
        send(0);
        chaos.close();
        Thread.sleep(200);
        assertThat(sent).isEmpty();
    }

    private void send(int timestamp) {
        chaos.send(new byte[] {1}, 0, 1, timestamp, 0, 0);
    }

    private void awaitSent(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sent.size() < count) {
            assertThat(System.nanoTime()).as("waiting for %d packets", count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
