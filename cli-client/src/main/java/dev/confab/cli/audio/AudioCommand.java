package dev.confab.cli.audio;

import dev.confab.cli.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "audio", mixinStandardHelpOptions = true,
        description = "Looks at this machine's audio: which backends work and which devices they reach. No server needed.",
        subcommands = AudioDevicesCommand.class,
        footerHeading = "%nExample:%n",
        footer = "  confab-cli audio devices")
public final class AudioCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        throw CliException.missingSubcommand(spec);
    }
}
