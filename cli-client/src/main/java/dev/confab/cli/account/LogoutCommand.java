package dev.confab.cli.account;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.Login;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.connect.ServerTarget;
import dev.confab.client.trust.StoredLogins;
import dev.confab.client.trust.StoredLogins.StoredLogin;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = {"Revokes the token 'login' stored for this server and forgets it.",
                "A token the server no longer accepts is just forgotten. When the server cannot be reached the "
                        + "login is kept, so that the token can still be revoked later."},
        footerHeading = "%nExample:%n",
        footer = "  confab-cli logout")
public final class LogoutCommand implements Callable<Integer> {

    record LogoutResult(String server, String name, long tokenId, boolean revoked) {
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        ServerTarget target = cli.target();
        StoredLogins logins = cli.storedLogins();
        StoredLogin stored;
        try {
            stored = logins.lookup(target.server()).orElseThrow(() -> new CliException(Exit.AUTH, "not_logged_in",
                    "no stored login for " + target.server() + " in " + logins.file()));
        } catch (IOException e) {
            throw new CliException(Exit.FAILURE, "io", "cannot read " + logins.file() + ": " + e.getMessage(), e);
        }
        boolean revoked = revoke(cli, target, stored);
        try {
            logins.remove(target.server());
        } catch (IOException e) {
            throw new CliException(Exit.FAILURE, "io", "cannot update " + logins.file() + ": " + e.getMessage(), e);
        }
        cli.output().result(new LogoutResult(target.server().toString(), stored.name(), stored.tokenId(), revoked),
                "logged out of " + target.server() + (revoked ? "" : " (the token was no longer valid)"));
        return 0;
    }

    /** True when the token was revoked now; false when the server had already stopped accepting it. */
    private static boolean revoke(Invocation cli, ServerTarget target, StoredLogin stored) throws CliException {
        ServerLink link = new ServerLink(target, false);
        try {
            link.logIn(new Login.Token(stored.secret()));
            link.call(id -> new Request.RevokeToken(id, stored.tokenId()), Reply.Ok.class);
            return true;
        } catch (CliException e) {
            if (e.code().equals("bad_credentials") || e.code().equals("not_found")) {
                return false;
            }
            throw e;
        } finally {
            link.close();
        }
    }
}
