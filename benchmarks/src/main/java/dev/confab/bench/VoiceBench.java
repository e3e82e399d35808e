package dev.confab.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code confab-bench-voice}: a load generator for the voice relay. Like {@link ChatLoad}, each
 * run starts the server jar as its own process (or loads one given with --server); the crowd logs
 * in over TLS with client-core, and its voice goes over UDP as real sealed packets.
 */
@Command(name = "confab-bench-voice", mixinStandardHelpOptions = true, version = "confab-bench-voice 0.1",
        description = "Loads a confab server's voice relay and reports what it delivered, dropped and cost.",
        subcommands = {VoiceRoomsScenario.class, VoiceMaxScenario.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run finished and its checks passed", "1:a check failed, or a run could not be done",
                "2:bad arguments"})
public final class VoiceBench implements Runnable {

    public static void main(String[] args) {
        System.exit(ChatLoad.execute(new VoiceBench(), args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
