package dev.confab.cli.moderation;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.output.Output;
import dev.confab.protocol.BanInfo;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bans", mixinStandardHelpOptions = true,
        description = {"Lists the bans in force (moderators and admins).",
                "With --json: id, user and userName or ip, reason, by, created, expires (absent: permanent)."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli bans", "  confab-cli bans --json | jq -r 'select(.ip) | .ip'"})
public final class BansCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        Output out = cli.output();
        try (ServerLink link = cli.connect()) {
            Reply.Bans bans = link.call(Request.ListBans::new, Reply.Bans.class);
            if (!out.json() && !bans.bans().isEmpty()) {
                out.line(String.format("%-6s %-32s %-19s  %-16s %s", "ID", "BANNED", "UNTIL", "BY", "REASON"));
            }
            for (BanInfo ban : bans.bans()) {
                String target = ban.ip() != null ? "ip " + ban.ip() : ban.userName();
                String until = ban.expires() == null ? "forever" : Output.localTime(ban.expires());
                out.result(ban, String.format("%-6d %-32s %-19s  %-16s %s", ban.id(), target, until, ban.by(), ban.reason()));
            }
        }
        return 0;
    }
}
