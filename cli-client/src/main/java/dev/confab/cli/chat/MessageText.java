package dev.confab.cli.chat;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/** The text of one message: the command's words, or all of stdin when there are none. */
final class MessageText {

    private MessageText() {
    }

    /** {@code words} joined by spaces like echo does, or stdin without its trailing line breaks. */
    static String from(List<String> words, BufferedReader stdin) throws CliException {
        String text;
        if (words != null && !words.isEmpty()) {
            text = String.join(" ", words);
        } else {
            try {
                text = stripTrailingLineBreaks(readAll(stdin));
            } catch (IOException e) {
                throw new CliException(Exit.USAGE, "io", "cannot read stdin: " + e.getMessage(), e);
            }
        }
        if (text.isEmpty()) {
            throw CliException.usage("nothing to send: give the text as arguments or on stdin");
        }
        return text;
    }

    private static String readAll(BufferedReader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) >= 0; ) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    static String stripTrailingLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
