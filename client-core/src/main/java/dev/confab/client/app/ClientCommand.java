package dev.confab.client.app;

import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.chaos.ChaosSettings;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a UI asks the {@link ClientBackend} to do. Plain values, so that a UI's command parser
 * is a pure function from text to commands and can be tested without a backend. Results show up
 * in the next {@link ClientState}: as state, as a notice, or as an error line in the
 * conversation being viewed.
 */
public sealed interface ClientCommand {

    /** How to log in: a stored API token, a password, or registering a new account. */
    sealed interface Login {
        record Token(String token) implements Login {
            @Override
            public String toString() {
                return "Token[(hidden)]";
            }
        }

        record Password(String name, String password) implements Login {
            @Override
            public String toString() {
                return "Password[" + name + ", (hidden)]";
            }
        }

        record Register(String name, String password) implements Login {
            @Override
            public String toString() {
                return "Register[" + name + ", (hidden)]";
            }
        }
    }

    /** Connects (closing any current connection), logs in, and joins {@code room} if not null. */
    record Connect(ServerAddress server, TrustPolicy trust, Login login, String room) implements ClientCommand {
        public Connect {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(trust, "trust");
            Objects.requireNonNull(login, "login");
        }
    }

    /** Logs out and closes the connection and voice. */
    record Disconnect() implements ClientCommand {
    }

    /** Joins a room by name (any case) or id; the password only for rooms that have one. */
    record Join(String room, String password) implements ClientCommand {
    }

    /** Says {@code text} in the conversation viewed: to its room, or to its peer. */
    record Say(String text) implements ClientCommand {
    }

    /** A {@code /me} action in the room viewed. */
    record Act(String text) implements ClientCommand {
    }

    /** A direct message; its conversation becomes the one viewed. */
    record Direct(String to, String text) implements ClientCommand {
    }

    /** The person looks at {@code conversation}: its unread count goes to 0 and it stays 0 while viewed. */
    record View(Conversation conversation) implements ClientCommand {
    }

    /** Fetches older lines of the conversation viewed (scrolling back past what is held). */
    record LoadOlder() implements ClientCommand {
    }

    record CreateRoom(String name, String parent) implements ClientCommand {
    }

    record RenameRoom(String room, String name) implements ClientCommand {
    }

    record DeleteRoom(String room) implements ClientCommand {
    }

    record Kick(String user, String reason) implements ClientCommand {
    }

    /** Bans an account, for {@code length} or for good when null. */
    record Ban(String user, String reason, Duration length) implements ClientCommand {
    }

    record SetMuted(boolean muted) implements ClientCommand {
    }

    record SetDeafened(boolean deafened) implements ClientCommand {
    }

    /** A person's local volume, 0 to 200 %, by account name; kept for when they come back. */
    record Volume(String person, int percent) implements ClientCommand {
    }

    record Mode(TransmitMode mode) implements ClientCommand {
    }

    /** Push-to-talk: transmitting from now ({@code true}) or not any more. */
    record Talk(boolean talking) implements ClientCommand {
    }

    /** Whispers to a person in the same room, or stops whispering when null. */
    record Whisper(String person) implements ClientCommand {
    }

    /** The name this account is shown by, for everyone; null removes it (the account name shows). */
    record Nick(String name) implements ClientCommand {
    }

    /** The microphone test: what is said comes back from the server to this client only. */
    record Echo(boolean on) implements ClientCommand {
    }

    record Chaos(ChaosSettings settings) implements ClientCommand {
    }

    /** Shows a line of the UI's own (help, a usage error) in the conversation viewed, or as the problem before one is. */
    record Show(String text, boolean error) implements ClientCommand {
    }

    /** Lists every audio backend's devices, as notices. */
    record ListDevices() implements ClientCommand {
    }

    /**
     * Captures from another device: {@code device} of {@code backend} (a name from
     * {@code AudioBackends.NAMES}; null keeps the backend), null for the backend's default.
     * Voice restarts on the new device; mute, deafen, mode and volumes carry over.
     */
    record Input(String backend, String device) implements ClientCommand {
    }

    /** Plays to another device, as {@link Input} does for capture. */
    record Output(String backend, String device) implements ClientCommand {
    }

    /** Starts the audio dumper into {@code directory}, or stops it when null. */
    record Dump(Path directory) implements ClientCommand {
    }
}
