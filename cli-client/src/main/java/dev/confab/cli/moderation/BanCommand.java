package dev.confab.cli.moderation;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ban", mixinStandardHelpOptions = true,
        description = {"Bans an account, or with --ip an address, and disconnects them (moderators and admins).",
                "Without --for the ban is permanent. With --json, prints the ban (see 'bans')."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli ban bob --for 2h --reason spam", "  confab-cli ban --ip 203.0.113.7 --for 7d"})
public final class BanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "USER", arity = "0..1", description = "Account name (any case).")
    String user;

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "Ban this IPv4 or IPv6 address instead of an account.")
    String ip;

    @Option(names = "--reason", description = "Shown to them, up to 200 characters.")
    String reason;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long: 90s, 10m, 2h, 7d, 2w, or combined like 1h30m (default: permanent).")
    Duration duration;

    @Override
    public Integer call() throws CliException {
        if ((user == null) == (ip == null)) {
            throw CliException.usage("give either USER or --ip ADDRESS (see 'confab-cli ban --help')");
        }
        Invocation cli = Invocation.of(spec);
        Long seconds = duration == null ? null : duration.toSeconds();
        try (ServerLink link = cli.connect()) {
            Reply.BanCreated created = link.call(id -> new Request.Ban(id, user, ip, reason, seconds), Reply.BanCreated.class);
            if (cli.output().json()) {
                cli.output().object(created.ban());
            }
        }
        return 0;
    }
}
