package dev.confab.client.audio.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AudioBackendsTest {

    @Test
    void everyNameGivesItsBackend() throws Exception {
        for (String name : AudioBackends.NAMES) {
            assertThat(AudioBackends.byName(name).name()).isEqualTo(name);
        }
        assertThat(AudioBackends.byName(" PortAudio ")).isInstanceOf(PortAudioBackend.class);
        assertThat(AudioBackends.defaultBackend()).isInstanceOf(JavaSoundBackend.class);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> AudioBackends.byName("alsa")).isInstanceOf(AudioDeviceException.class)
                .hasMessage("no audio backend 'alsa'; known: javasound, pulse, portaudio, wav, null");
    }

    @Test
    void theListingCoversEveryBackendAndNeverThrows() {
        List<AudioBackends.Listing> listings = AudioBackends.listAll();
        assertThat(listings).extracting(AudioBackends.Listing::backend).containsExactlyElementsOf(AudioBackends.NAMES);
        AudioBackends.Listing none = listings.get(AudioBackends.NAMES.indexOf("null"));
        assertThat(none.available()).isTrue();
        assertThat(none.capture()).containsExactly(new AudioDevice("null", "silence in, nothing out", true));
        assertThat(listings.get(AudioBackends.NAMES.indexOf("wav")).capture()).isEmpty();
        for (AudioBackends.Listing listing : listings) {
            assertThat(listing.status()).isNotBlank();
            if (!listing.available()) {
                assertThat(listing.problem()).isNotBlank();
            }
        }
    }

    @Test
    void anUnavailableBackendIsListedWithItsReason() {
        AudioBackends.Listing listing = AudioBackends.list(new PortAudioBackend("/nonexistent/libportaudio.so.2"));
        assertThat(listing.available()).isFalse();
        assertThat(listing.problem()).contains("could not be loaded");
        assertThat(listing.capture()).isEmpty();
    }
}
