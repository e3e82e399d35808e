package dev.confab.tui.ptt;

import com.googlecode.lanterna.input.CharacterPattern;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;

/**
 * Teaches Lanterna's input decoder the kitty protocol's key sequences, which it would otherwise
 * split into alt+[ and loose characters:
 * {@code ((StreamBasedTerminal) terminal).getInputDecoder().addProfile(() -> List.of(new KittyKeyPattern()))}. A key
 * comes out as a {@link KittyKeyStroke}; the reply to {@link KittyKeyboard#QUERY} as a
 * {@link FlagsReply}. Sequences {@link KittyKeyboard#parse} does not understand (mouse reports,
 * cursor position reports) are left to Lanterna's own patterns.
 */
public final class KittyKeyPattern implements CharacterPattern {

    private static final char ESC = 0x1b;

    /** The terminal's answer to {@link KittyKeyboard#QUERY}: the protocol is there, with these flags. */
    public static final class FlagsReply extends KeyStroke {

        private final int flags;

        FlagsReply(int flags) {
            super(com.googlecode.lanterna.input.KeyType.Unknown);
            this.flags = flags;
        }

        public int flags() {
            return flags;
        }

        /** Whether key releases will be reported, for {@link PushToTalk#releasesReported}. */
        public boolean reportsReleases() {
            return (flags & KittyKeyboard.REPORT_EVENT_TYPES) != 0;
        }
    }

    @Override
    public Matching match(List<Character> sequence) {
        int size = sequence.size();
        if (size == 0 || sequence.get(0) != ESC) {
            return null;
        }
        if (size == 1 || size == 2 && sequence.get(1) == '[') {
            return Matching.NOT_YET;
        }
        if (sequence.get(1) != '[' || size > KittyKeyboard.MAX_LENGTH + 2) {
            return null;
        }
        boolean query = sequence.get(2) == '?';
        for (int i = query ? 3 : 2; i < size - 1; i++) {
            if (!isParameter(sequence.get(i))) {
                return null;
            }
        }
        char last = sequence.get(size - 1);
        if (isParameter(last) || query && size == 3) {
            return Matching.NOT_YET;
        }
        StringBuilder body = new StringBuilder(size - 2);
        for (int i = 2; i < size; i++) {
            body.append(sequence.get(i));
        }
        if (query) {
            return KittyKeyboard.flagsReply(body).stream()
                    .mapToObj(flags -> new Matching(new FlagsReply(flags))).findFirst().orElse(null);
        }
        return KittyKeyboard.parse(body).map(event -> new Matching(KittyKeyStroke.of(event))).orElse(null);
    }

    private static boolean isParameter(char c) {
        return c >= '0' && c <= '9' || c == ';' || c == ':';
    }
}
