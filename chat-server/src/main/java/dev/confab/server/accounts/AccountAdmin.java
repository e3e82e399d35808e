package dev.confab.server.accounts;

import dev.confab.protocol.Role;
import dev.confab.server.AdminException;
import dev.confab.server.ChatFailure;
import dev.confab.server.storage.Database;
import dev.confab.server.storage.Migrations;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/** Account work the operator does from a shell, straight on the database file. */
public final class AccountAdmin {
    private AccountAdmin() {
    }

    public static void createUser(Path databaseFile, String name, String password, Role role)
            throws AdminException, SQLException {
        String problem = Accounts.nameProblem(name);
        if (problem != null) {
            throw new AdminException(problem);
        }
        try {
            AccountHandlers.checkPassword(password);
        } catch (ChatFailure e) {
            throw new AdminException(e.getMessage());
        }
        try {
            Files.createDirectories(databaseFile.getParent());
        } catch (IOException e) {
            throw new AdminException("cannot create " + databaseFile.getParent() + ": " + e.getMessage());
        }
        String hash;
        try (PasswordHasher hasher = new PasswordHasher(1, 1)) {
            hash = hasher.hash(password).join();
        }
        try (Connection c = Database.connect(databaseFile)) {
            Migrations.apply(c);
            if (Accounts.insert(c, name, hash, role, System.currentTimeMillis()).isEmpty()) {
                throw new AdminException("the name " + name + " is taken");
            }
        }
    }

    /** The password from the first line of stdin, or typed at a prompt (twice) without echo. */
    public static String readPassword(boolean fromStdin) throws IOException, AdminException {
        if (fromStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new AdminException("no password on stdin");
            }
            return line;
        }
        Console console = System.console();
        if (console == null) {
            throw new AdminException("no terminal to prompt on; use --password-stdin");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, second)) {
            throw new AdminException("the passwords differ");
        }
        return new String(first);
    }
}
