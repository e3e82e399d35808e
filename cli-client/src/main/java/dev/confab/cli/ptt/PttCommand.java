package dev.confab.cli.ptt;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.client.control.PttControlClient;
import dev.confab.client.control.PttControlException;
import dev.confab.client.control.PttRequest;
import dev.confab.client.control.PttSocketPath;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ptt", mixinStandardHelpOptions = true,
        description = {"Push-to-talk for the confab TUI running as this user on this machine (even one you reach over "
                + "SSH), through its control socket, so that a system hotkey daemon can hold the talk key.",
                "press: talk until a release (from any process), or until this command ends (Ctrl-C, or the hotkey "
                        + "daemon stopping it): it waits meanwhile. release: stop. toggle: flip. status: print "
                        + "talking or idle. The others are quiet.",
                "Exit 6 when no TUI is running; with --json, {\"talking\": true|false} after the request."},
        footerHeading = "%nExamples (sxhkd: F9 held talks):%n",
        footer = {"  F9", "      confab-cli ptt press", "  @F9", "      confab-cli ptt release",
                "  confab-cli ptt toggle"})
public final class PttCommand implements Callable<Integer> {

    /** The --json object. */
    record Talking(boolean talking) {
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ACTION", description = "press, release, toggle or status.")
    String action;

    @Override
    public Integer call() throws CliException {
        PttRequest request = PttRequest.parse(action.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                CliException.usage("ACTION must be press, release, toggle or status, not '" + action + "'"));
        Invocation cli = Invocation.of(spec);
        PttControlClient client = new PttControlClient(PttSocketPath.resolve(cli.environment(),
                System.getProperty("user.name")));
        try {
            if (request == PttRequest.PRESS) {
                try (PttControlClient.Hold hold = client.press()) {
                    report(cli, request, true);
                    hold.awaitEnd();
                }
                return 0;
            }
            report(cli, request, client.send(request));
            return 0;
        } catch (PttControlException e) {
            throw new CliException(Exit.NETWORK, "no_tui", e.getMessage(), e);
        } catch (IOException e) {
            return 0; // the hold's connection ended: released
        }
    }

    /** Quiet on success but for status (and --json). */
    private static void report(Invocation cli, PttRequest request, boolean talking) {
        if (cli.output().json()) {
            cli.output().object(new Talking(talking));
        } else if (request == PttRequest.STATUS) {
            cli.output().line(talking ? "talking" : "idle");
        }
        cli.output().flush();
    }
}
