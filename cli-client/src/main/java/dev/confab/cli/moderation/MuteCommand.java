package dev.confab.cli.moderation;

import picocli.CommandLine.Command;

@Command(name = "mute", mixinStandardHelpOptions = true,
        description = {"Mutes an account at the voice server: the relay drops the voice of every session of it that is "
                + "online now (moderators and admins). They still hear the room and can chat.",
                "It lasts until 'unmute'; sessions they open later start unmuted. Not online: exit 4."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli mute bob", "  confab-cli users --json | jq -r 'select(.serverMuted) | .name'"})
public final class MuteCommand extends ServerMuteCommand {

    public MuteCommand() {
        super(true);
    }
}
