package dev.confab.cli.connect;

import dev.confab.client.chat.ChatSession;
import dev.confab.protocol.Reply;
import java.util.concurrent.CompletableFuture;

/** How a {@link ServerLink} logs in. The secrets never appear in {@code toString}. */
public sealed interface Login {

    CompletableFuture<Reply.LoggedIn> start(ChatSession session);

    /** An API token: from CONFAB_TOKEN or a stored login. Cheap for the server, and rate-limited generously. */
    record Token(String secret) implements Login {
        @Override
        public CompletableFuture<Reply.LoggedIn> start(ChatSession session) {
            return session.loginWithToken(secret);
        }

        @Override
        public String toString() {
            return "Token[(hidden)]";
        }
    }

    record Password(String name, String password) implements Login {
        @Override
        public CompletableFuture<Reply.LoggedIn> start(ChatSession session) {
            return session.login(name, password);
        }

        @Override
        public String toString() {
            return "Password[" + name + ", (hidden)]";
        }
    }

    /** Creates the account, then is logged in as it. */
    record Register(String name, String password) implements Login {
        @Override
        public CompletableFuture<Reply.LoggedIn> start(ChatSession session) {
            return session.register(name, password);
        }

        @Override
        public String toString() {
            return "Register[" + name + ", (hidden)]";
        }
    }
}
