package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.audio.jitter.SpeakerStats;
import org.junit.jupiter.api.Test;

/** The CPU benchmarks measure what they say: real speech packets decoded, not silence or concealment. */
class VoiceEngineCpuTest {

    @Test
    void everySpeakerPlaysARealPacketEveryFrameOnceTheBuffersAreFull() {
        VoiceEngineCpu benchmark = new VoiceEngineCpu();
        VoiceEngineCpu.Receiving receiving = new VoiceEngineCpu.Receiving();
        receiving.speakers = 10;
        receiving.setUp();
        for (int frame = 0; frame < 10; frame++) {
            benchmark.receive(receiving); // the 40 ms target fills first
        }
        for (int frame = 0; frame < 200; frame++) {
            assertThat(benchmark.receive(receiving)).as("speakers in the mix").isEqualTo(10);
        }
        for (SpeakerStats stats : receiving.registry.stats(receiving.now)) {
            assertThat(stats.fecFrames() + stats.plcFrames()).as("concealed frames").isZero();
            assertThat(stats.levelDbfs()).as("decoded level").isGreaterThan(-60);
        }
    }

    @Test
    void theEncoderAndThePipelineSendSpeech() {
        VoiceEngineCpu benchmark = new VoiceEngineCpu();
        VoiceEngineCpu.Sending sending = new VoiceEngineCpu.Sending();
        sending.setUp();
        int bytes = 0;
        for (int frame = 0; frame < 50; frame++) {
            bytes += benchmark.encode(sending);
            assertThat(benchmark.capture(sending)).isTrue();
        }
        assertThat(bytes / 50).as("average packet, bytes (32 kb/s is 80)").isBetween(40, 120);
        assertThat(sending.sentBytes).isPositive();
    }
}
