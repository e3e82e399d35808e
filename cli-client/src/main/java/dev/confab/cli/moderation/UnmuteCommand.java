package dev.confab.cli.moderation;

import picocli.CommandLine.Command;

@Command(name = "unmute", mixinStandardHelpOptions = true,
        description = {"Lifts a moderator's mute (see 'mute') from every session of an account that is online now "
                + "(moderators and admins). Their own mute or deafen stays as they set it."},
        footerHeading = "%nExample:%n",
        footer = "  confab-cli unmute bob")
public final class UnmuteCommand extends ServerMuteCommand {

    public UnmuteCommand() {
        super(false);
    }
}
