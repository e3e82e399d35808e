package dev.confab.client.chat;

import dev.confab.protocol.Request;

/** What a session logs in with again when its session on the server could not be resumed. */
sealed interface Credentials {

    Request.Login login(long id);

    record Password(String name, String password) implements Credentials {
        @Override
        public Request.Login login(long id) {
            return new Request.Login(id, name, password, null);
        }

        @Override
        public String toString() {
            return "Password[name=" + name + ", password=(hidden)]";
        }
    }

    record Token(String token) implements Credentials {
        @Override
        public Request.Login login(long id) {
            return new Request.Login(id, null, null, token);
        }

        @Override
        public String toString() {
            return "Token[(hidden)]";
        }
    }
}
