package dev.confab.cli.account;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.client.trust.StoredLogins;
import dev.confab.client.trust.StoredLogins.StoredLogin;
import dev.confab.client.trust.ServerAddress;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code login} and {@code register} do once logged in with a password: make an API token
 * for this machine and store it, so later commands log in with the token (cheap for the server,
 * no password kept anywhere), and make the server the default when none is configured yet.
 */
final class StoredLoginMaker {

    /** The JSON of a login: which server, which account, which token this machine now holds. */
    record LoginResult(String server, long id, String name, Role role, long tokenId, String label) {
    }

    private static final int MAX_LABEL = 64;

    private StoredLoginMaker() {
    }

    static void storeTokenFor(Invocation cli, ServerLink link, String label) throws CliException {
        ServerAddress server = link.session().server();
        String tokenLabel = label != null ? label : defaultLabel(cli);
        StoredLogins logins = cli.storedLogins();
        Optional<StoredLogin> previous;
        try {
            previous = logins.lookup(server);
        } catch (IOException e) {
            previous = Optional.empty();
        }
        Reply.TokenCreated created = link.call(id -> new Request.CreateToken(id, tokenLabel), Reply.TokenCreated.class);
        String name = link.account().name();
        try {
            logins.store(new StoredLogin(server, name, created.token().id(), created.secret()));
        } catch (IOException e) {
            // The new token is useless if it cannot be kept: take it back rather than leave it lying around.
            revokeQuietly(link, created.token().id());
            throw new CliException(Exit.FAILURE, "io", "cannot store the login in " + logins.file() + ": " + e.getMessage(), e);
        }
        // Logging in again replaces this machine's token: revoke the old one so they do not pile up.
        if (previous.isPresent() && previous.get().name().equalsIgnoreCase(name)) {
            revokeQuietly(link, previous.get().tokenId());
        }
        rememberDefaultServer(cli, server);
        var account = link.account();
        cli.output().result(new LoginResult(server.toString(), account.id(), account.name(), account.role(),
                        created.token().id(), created.token().label()),
                "logged in to " + server + " as " + account.name() + " (" + account.role().wireName() + ")");
    }

    /** Best effort: a token that cannot be revoked now can still be revoked with 'token revoke'. */
    private static void revokeQuietly(ServerLink link, long tokenId) {
        link.request(id -> new Request.RevokeToken(id, tokenId), Reply.Ok.class).exceptionally(error -> null).join();
    }

    /** A first login with --server (or CONFAB_SERVER) makes that server the default for later commands. */
    private static void rememberDefaultServer(Invocation cli, ServerAddress server) {
        var config = cli.configFile();
        try {
            if (config.server().isEmpty()) {
                config.setServer(server);
            }
        } catch (CliException | IOException e) {
            cli.err().println("confab-cli: note: could not make " + server + " the default in " + config.file()
                    + ": " + e.getMessage());
        }
    }

    /** {@code confab-cli@HOSTNAME}, so a person can tell their machines' tokens apart in {@code token list}. */
    private static String defaultLabel(Invocation cli) {
        String host = cli.environment().get("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                host = "";
            }
        }
        String label = host.isBlank() ? "confab-cli" : "confab-cli@" + host.toLowerCase(Locale.ROOT);
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL);
    }
}
