package dev.confab.cli;

import dev.confab.cli.connect.ConnectionWarmUp;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code confab-cli}: the root command. Each subcommand is a small class in its feature's package,
 * listed in {@link CommandRegistry}.
 */
@Command(name = "confab-cli", mixinStandardHelpOptions = true, version = "confab-cli 0.1",
        description = {"The scriptable Confab client: post to rooms, read history, follow rooms, administer.",
                "Quiet on success; errors are one line on stderr: confab-cli: CODE: MESSAGE."},
        footerHeading = "%nExample:%n",
        footer = {"  export CONFAB_SERVER=chat.example.org",
                "  confab-cli login alice && confab-cli send --room ops 'deploy is green'",
                "", "Full guide: docs/CLI.md"})
public final class ConfabCli implements Callable<Integer> {

    /** Set to anything to print the stack trace behind an error line too. */
    static final String DEBUG_VARIABLE = "CONFAB_CLI_DEBUG";

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    final Map<String, String> environment;
    final InputStream stdin;

    ConfabCli(Map<String, String> environment, InputStream stdin) {
        this.environment = environment;
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        PrintWriter out = utf8(FileDescriptor.out);
        PrintWriter err = utf8(FileDescriptor.err);
        System.exit(run(args, System.getenv(), System.in, out, err));
    }

    /** Runs one command line and returns its exit code; everything printed is flushed. */
    public static int run(String[] args, Map<String, String> environment, InputStream stdin, PrintWriter out,
                          PrintWriter err) {
        if (CommandRegistry.willConnect(args)) {
            ConnectionWarmUp.start();
        }
        CommandLine commandLine = new CommandLine(new ConfabCli(environment, stdin));
        CommandRegistry.register(commandLine, args);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(ConfabCli::usageError);
        commandLine.setExecutionExceptionHandler((error, failed, parsed) ->
                reportFailure(Failures.translate(error), failed, environment));
        declareExitCodes(commandLine);
        try {
            return commandLine.execute(args);
        } finally {
            ConnectionWarmUp.discardUnused();
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() throws CliException {
        throw CliException.usage("a command is needed: see 'confab-cli --help'");
    }

    /** Unknown commands and flags, bad values: one line naming the command's --help, exit 2. */
    private static int usageError(ParameterException error, String[] args) {
        CommandLine failed = error.getCommandLine();
        StringBuilder line = new StringBuilder(error.getMessage());
        if (error instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
            }
        }
        line.append(" (see '").append(failed.getCommandSpec().qualifiedName()).append(" --help')");
        return reportFailure(CliException.usage(line.toString()), failed, Map.of());
    }

    private static int reportFailure(CliException failure, CommandLine failed, Map<String, String> environment) {
        PrintWriter err = failed.getErr();
        err.println(failure.line());
        if (environment.get(DEBUG_VARIABLE) != null && failure.getCause() != null) {
            failure.getCause().printStackTrace(err);
        }
        return failure.exit().code();
    }

    /** Every command's --help ends with the same table, so nobody has to look it up. */
    private static void declareExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(Exit.helpTable());
        commandLine.getSubcommands().values().forEach(ConfabCli::declareExitCodes);
    }

    private static PrintWriter utf8(FileDescriptor descriptor) {
        return new PrintWriter(new OutputStreamWriter(new BufferedOutputStream(new FileOutputStream(descriptor), 1 << 16),
                StandardCharsets.UTF_8), false);
    }
}
