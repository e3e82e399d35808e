package dev.confab.cli.audio;

import dev.confab.cli.Invocation;
import dev.confab.cli.output.Output;
import dev.confab.client.audio.device.AudioBackends;
import dev.confab.client.audio.device.AudioDevice;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"Lists every audio backend (javasound, pulse, portaudio, wav, null): whether it works here, and its "
                + "capture and playback devices. Needs no server.",
                "With --json, one object per device: backend, kind (capture or playback), name, description, "
                        + "isDefault; a backend with no devices to list (wav, null, or one not available here) is one "
                        + "object with kind \"backend\", name null, available and status (see docs/CLI.md)."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli audio devices",
                "  confab-cli --json audio devices | jq -r 'select(.kind==\"capture\") | .name'"})
public final class AudioDevicesCommand implements Callable<Integer> {

    /**
     * One --json line.
     *
     * @param kind capture, playback, or backend (a backend's own line when it lists no device)
     */
    record DeviceRow(String backend, String kind, String name, String description, boolean isDefault,
                     boolean available, String status) {
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Output out = Invocation.of(spec).output();
        for (AudioBackends.Listing listing : AudioBackends.listAll()) {
            if (out.json()) {
                printJson(out, listing);
            } else {
                printText(out, listing);
            }
        }
        return 0;
    }

    private static void printJson(Output out, AudioBackends.Listing listing) {
        String status = listing.problem() != null ? listing.problem() : listing.status();
        if (listing.capture().isEmpty() && listing.playback().isEmpty()) {
            out.object(new DeviceRow(listing.backend(), "backend", null, describeEmpty(listing), false,
                    listing.available(), status));
            return;
        }
        for (AudioDevice device : listing.capture()) {
            out.object(new DeviceRow(listing.backend(), "capture", device.name(), device.description(),
                    device.isDefault(), listing.available(), status));
        }
        for (AudioDevice device : listing.playback()) {
            out.object(new DeviceRow(listing.backend(), "playback", device.name(), device.description(),
                    device.isDefault(), listing.available(), status));
        }
    }

    private static void printText(Output out, AudioBackends.Listing listing) {
        out.line(listing.backend() + ": " + (listing.available() ? "available" : "not available") + " ("
                + listing.status() + ")");
        if (listing.problem() != null && listing.available()) {
            out.line("  cannot list devices: " + listing.problem());
        }
        if (listing.capture().isEmpty() && listing.playback().isEmpty()) {
            if (listing.available()) {
                out.line("  " + describeEmpty(listing));
            }
            return;
        }
        table(out, "capture", listing.capture());
        table(out, "playback", listing.playback());
    }

    private static void table(Output out, String kind, List<AudioDevice> devices) {
        for (AudioDevice device : devices) {
            String description = device.description().isEmpty() ? "" : "  " + device.description();
            out.line(String.format("  %-8s %s %s%s", kind, device.isDefault() ? "*" : " ", device.name(), description));
        }
    }

    private static String describeEmpty(AudioBackends.Listing listing) {
        return switch (listing.backend()) {
            case "wav" -> "no device list: any WAV file's path is a capture device, any writable path a playback device";
            case "null" -> "no device list: silence in, nothing out, in real time";
            default -> listing.available() ? "no devices" : "not available";
        };
    }
}
