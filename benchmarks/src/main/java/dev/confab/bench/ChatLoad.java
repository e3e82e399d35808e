package dev.confab.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code confab-bench}: a load generator for the chat server. By default each run starts the
 * server jar as its own process on 127.0.0.1 with an empty data folder, loads it through
 * client-core's {@code ChatConnection} (real TLS, real protocol), measures, and stops it.
 */
@Command(name = "confab-bench", mixinStandardHelpOptions = true, version = "confab-bench 0.1",
        description = "Loads a confab chat server and reports what it sustained.",
        subcommands = {ConnectionsScenario.class, ThroughputScenario.class, FanoutScenario.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run finished and its checks passed", "1:a check failed, or a run could not be done",
                "2:bad arguments"})
public final class ChatLoad implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(new ChatLoad(), args));
    }

    /** Runs a command line of this tool (or of {@link VoiceBench}) with the exit codes both document. */
    static int execute(Object command, String[] args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            if (error instanceof IllegalArgumentException) {
                // Options that parse but do not make sense together: say which, as picocli would.
                cmd.getErr().println("confab-bench: " + error.getMessage());
                return 2;
            }
            cmd.getErr().println("confab-bench: " + ErrorTally.kindOf(error));
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        // No scenario named: say which there are.
        new CommandLine(this).usage(System.out);
    }
}
