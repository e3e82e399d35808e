package dev.confab.cli.audio;

import dev.confab.cli.CliException;
import dev.confab.client.audio.device.AudioBackend;
import dev.confab.client.audio.device.AudioBackends;
import dev.confab.client.audio.device.AudioDeviceException;
import dev.confab.client.audio.engine.VoiceEngine;
import picocli.CommandLine.Option;

/** The audio device flags of the commands that use real devices (a picocli mixin). */
final class DeviceOptions {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "javasound",
            description = "The audio backend: javasound, pulse, portaudio, wav (files) or null (default ${DEFAULT-VALUE}; "
                    + "'confab-cli audio devices' lists them).")
    String backend;

    @Option(names = "--input", paramLabel = "DEVICE",
            description = "The capture device's name (the backend's default if left out; a file for wav).")
    String input;

    @Option(names = "--output", paramLabel = "DEVICE",
            description = "The playback device's name (the backend's default if left out; a file for wav).")
    String output;

    /** The devices, or a usage error (2) naming the backends when the name is unknown. */
    VoiceEngine.Devices devices() throws CliException {
        try {
            AudioBackend chosen = AudioBackends.byName(backend);
            return new VoiceEngine.Devices(chosen, input, chosen, output);
        } catch (AudioDeviceException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
