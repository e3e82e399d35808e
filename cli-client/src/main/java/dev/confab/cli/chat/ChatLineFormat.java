package dev.confab.cli.chat;

import dev.confab.cli.output.Output;
import dev.confab.protocol.ChatLine;

/** How room messages look, the same in {@code history} and {@code tail}. */
final class ChatLineFormat {

    private ChatLineFormat() {
    }

    /** The message itself with --json (its wire fields), else an IRC-log style line. */
    static void print(Output out, ChatLine line) {
        out.result(line, human(line));
    }

    /** {@code [2026-01-02 15:04:05] <alice> deploy is green}, or {@code [...] * alice waves} for an action. */
    static String human(ChatLine line) {
        String time = "[" + Output.localTime(line.ts()) + "] ";
        return line.action() ? time + "* " + line.name() + " " + line.text() : time + "<" + line.name() + "> " + line.text();
    }
}
