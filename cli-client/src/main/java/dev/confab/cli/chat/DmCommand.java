package dev.confab.cli.chat;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dm", mixinStandardHelpOptions = true,
        description = {"Sends a direct message: the TEXT words joined by spaces, or else all of stdin.",
                "Someone offline gets it at their next login. With --json, prints {\"id\":...,\"ts\":...}."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli dm alice 'your build is ready'", "  df -h / | confab-cli dm ops-oncall"})
public final class DmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER", description = "Account name (any case).")
    String user;

    @Parameters(index = "1..*", paramLabel = "TEXT", arity = "0..*", description = "The message. Without it, stdin is read.")
    List<String> words;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        String text = MessageText.from(words, cli.stdin());
        try (ServerLink link = cli.connect()) {
            Reply.Posted posted = link.call(id -> new Request.Dm(id, user, text), Reply.Posted.class);
            if (cli.output().json()) {
                cli.output().object(new Posted(posted.messageId(), posted.ts()));
            }
        }
        return 0;
    }
}
