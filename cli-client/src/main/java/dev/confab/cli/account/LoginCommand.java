package dev.confab.cli.account;

import dev.confab.cli.connect.Login;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Logs in with a password and stores an API token for this server in confab-cli.credentials "
                + "(mode 600), which later commands use. The password is never stored.",
                "With --server (or CONFAB_SERVER) and no server configured yet, the server becomes the default."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli --server chat.example.org login alice",
                "  printf '%%s\\n' \"$PASSWORD\" | confab-cli login alice --password-stdin"})
public final class LoginCommand extends PasswordLoginCommand {

    @Parameters(paramLabel = "NAME", description = "Account name.")
    String name;

    @Override
    boolean newPassword() {
        return false;
    }

    @Override
    Login credentials(String password) {
        return new Login.Password(name, password);
    }
}
