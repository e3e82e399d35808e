package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.chat.RequestFailedException;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Failure;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void cpuTicksAreReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (hub (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 170 30 0 0 20 0 29 0 100 0 0";
        assertThat(ProcStats.ticksOf(stat)).isEqualTo(200);
    }

    @Test
    void thisProcessHasMemoryAndCpuTime() {
        long self = ProcessHandle.current().pid();
        assertThat(ProcStats.rssBytes(self)).isPositive();
        assertThat(ProcStats.cpuNanos(self)).isPositive();
        assertThat(ProcStats.rssBytes(-1)).isEqualTo(-1);
    }

    @Test
    void failuresAreTalliedByKind() {
        ErrorTally tally = new ErrorTally();
        tally.add(new CompletionException(new TimeoutException("slow")));
        tally.add(new TimeoutException("slow"));
        tally.add(new RequestFailedException(new Failure(1L, ErrorCode.RATE_LIMITED, "slow down")));
        assertThat(tally.total()).isEqualTo(3);
        assertThat(tally.summary()).isEqualTo("rate_limited x1, timeout x2");
    }
}
