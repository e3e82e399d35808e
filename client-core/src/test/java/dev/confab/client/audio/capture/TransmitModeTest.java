package dev.confab.client.audio.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransmitModeTest {

    @Test
    void eachModeDecidesOnItsOwnInput() {
        for (boolean key : new boolean[] {false, true}) {
            for (boolean voice : new boolean[] {false, true}) {
                assertThat(TransmitMode.PUSH_TO_TALK.transmits(key, voice)).isEqualTo(key);
                assertThat(TransmitMode.CONTINUOUS.transmits(key, voice)).isTrue();
                assertThat(TransmitMode.VOICE_ACTIVATED.transmits(key, voice)).isEqualTo(voice);
                assertThat(TransmitMode.MUTED.transmits(key, voice)).isFalse();
            }
        }
    }
}
