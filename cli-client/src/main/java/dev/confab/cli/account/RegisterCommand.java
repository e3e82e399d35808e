package dev.confab.cli.account;

import dev.confab.cli.connect.Login;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Creates an account (role member), then stores a login for it like 'login' does.",
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli --server chat.example.org register alice",
                "  printf '%%s\\n' \"$PASSWORD\" | confab-cli register ci-bot --password-stdin"})
public final class RegisterCommand extends PasswordLoginCommand {

    @Parameters(paramLabel = "NAME", description = "Account name: 1 to 32 letters, digits, '_', '.' or '-'.")
    String name;

    @Override
    boolean newPassword() {
        return true;
    }

    @Override
    Login credentials(String password) {
        return new Login.Register(name, password);
    }
}
