package dev.confab.tui.ptt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kitty keyboard protocol (kitty, foot, WezTerm, Alacritty, Ghostty): the only way a
 * terminal reports key releases, and so the only true hold-to-talk from the keyboard.
 *
 * <p>The TUI writes {@link #ENABLE} at start and {@link #RESTORE} at exit (and on suspend); a
 * terminal without the protocol ignores both, and tmux does not pass event types through, so
 * there keys keep arriving as plain presses. {@link #QUERY} asks which flags are on; the answer
 * ({@code ESC [ ? flags u}) is read by {@link #flagsReply}.
 *
 * <p>{@link #parse} reads one CSI sequence: the characters after {@code ESC [}, up to and
 * including the final character, e.g. {@code "15;1:3~"} (F5 released) or {@code "97;5:2u"}
 * (ctrl+a repeated). Its forms:
 * <pre>
 *   code[:alternates] [; mods[:type] [; text]] u     a key by code point (13 Enter, 9 Tab, 127 Backspace, 27 Escape)
 *   number [; mods[:type]] ~                         2 Insert, 3 Delete, 5 PgUp, 6 PgDn, 7 Home, 8 End,
 *                                                    11-15 F1-F5, 17-21 F6-F10, 23 F11, 24 F12
 *   [1 [; mods[:type]]] A B C D H F P Q S R          Up Down Right Left Home End F1 F2 F4 F3
 * </pre>
 * {@code mods} is one plus the modifier bits; {@code type} is 1 press, 2 repeat, 3 release, and
 * press when missing (legacy sequences have neither). {@code 1;mods R} without a type is left
 * alone: it is also the cursor position report for row 1 (kitty itself now sends F3 as
 * {@code 13~} for that reason). Code points in the protocol's private-use range (keypad, media,
 * F13 and up, lone modifiers: only sent with flags this class does not ask for) and C0 controls
 * are not understood either. Anything not understood gives empty; the parser never throws.
 */
public final class KittyKeyboard {

    /** Pushes flags 1 (disambiguate escape codes) | 2 (report event types) on the terminal's stack. */
    public static final String ENABLE = "\u001b[>3u";
    /** Pops what {@link #ENABLE} pushed, restoring the terminal's previous keyboard mode. */
    public static final String RESTORE = "\u001b[<u";
    /** Asks for the flags in force; terminals with the protocol answer {@code ESC [ ? flags u}. */
    public static final String QUERY = "\u001b[?u";
    /** The flag that makes the terminal report repeats and releases. */
    public static final int REPORT_EVENT_TYPES = 2;

    /** Longer sequences are not key events (the longest real one, with text, is well under this). */
    static final int MAX_LENGTH = 96;

    private static final int PRIVATE_USE_FIRST = 0xE000;
    private static final int PRIVATE_USE_LAST = 0xF8FF;

    private static final Map<Integer, NamedKey> TILDE = Map.ofEntries(
            Map.entry(2, NamedKey.INSERT), Map.entry(3, NamedKey.DELETE),
            Map.entry(5, NamedKey.PAGE_UP), Map.entry(6, NamedKey.PAGE_DOWN),
            Map.entry(7, NamedKey.HOME), Map.entry(8, NamedKey.END),
            Map.entry(11, NamedKey.F1), Map.entry(12, NamedKey.F2), Map.entry(13, NamedKey.F3),
            Map.entry(14, NamedKey.F4), Map.entry(15, NamedKey.F5), Map.entry(17, NamedKey.F6),
            Map.entry(18, NamedKey.F7), Map.entry(19, NamedKey.F8), Map.entry(20, NamedKey.F9),
            Map.entry(21, NamedKey.F10), Map.entry(23, NamedKey.F11), Map.entry(24, NamedKey.F12));

    private static final Map<Character, NamedKey> LETTER = Map.of(
            'A', NamedKey.UP, 'B', NamedKey.DOWN, 'C', NamedKey.RIGHT, 'D', NamedKey.LEFT,
            'H', NamedKey.HOME, 'F', NamedKey.END,
            'P', NamedKey.F1, 'Q', NamedKey.F2, 'R', NamedKey.F3, 'S', NamedKey.F4);

    private static final Map<Integer, NamedKey> CODE = Map.of(
            13, NamedKey.ENTER, 9, NamedKey.TAB, 127, NamedKey.BACKSPACE, 27, NamedKey.ESCAPE);

    private KittyKeyboard() {
    }

    /** The key event in a CSI sequence (see the class comment for the form), or empty. */
    public static Optional<KeyEvent> parse(CharSequence sequence) {
        if (sequence == null || sequence.length() == 0 || sequence.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int last = sequence.length() - 1;
        for (int i = 0; i < last; i++) {
            char c = sequence.charAt(i);
            if (!(c >= '0' && c <= '9') && c != ';' && c != ':') {
                return Optional.empty(); // private markers (<, ?, >) and anything else are not keys
            }
        }
        List<String> fields = split(sequence.subSequence(0, last).toString(), ';');
        char end = sequence.charAt(last);
        if (end == 'u') {
            return csiU(fields);
        }
        if (fields.size() > 2) {
            return Optional.empty();
        }
        Optional<NamedKey> key;
        if (end == '~') {
            key = number(fields.get(0)).flatMap(n -> Optional.ofNullable(TILDE.get(n)));
        } else if (LETTER.containsKey(end) && (fields.get(0).isEmpty() || fields.get(0).equals("1"))) {
            boolean cursorReportLookalike = end == 'R' && fields.size() == 2 && !fields.get(1).contains(":");
            key = cursorReportLookalike ? Optional.empty() : Optional.of(LETTER.get(end));
        } else {
            key = Optional.empty();
        }
        return key.flatMap(k -> withModifiers(k, fields.size() == 2 ? fields.get(1) : ""));
    }

    /** The flags in a reply to {@link #QUERY}: the characters after {@code ESC [}, e.g. {@code "?3u"}. */
    public static OptionalInt flagsReply(CharSequence sequence) {
        if (sequence == null || sequence.length() < 3 || sequence.length() > 8
                || sequence.charAt(0) != '?' || sequence.charAt(sequence.length() - 1) != 'u') {
            return OptionalInt.empty();
        }
        return number(sequence.subSequence(1, sequence.length() - 1).toString())
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    private static Optional<KeyEvent> csiU(List<String> fields) {
        if (fields.size() > 3) {
            return Optional.empty();
        }
        List<String> codes = split(fields.get(0), ':'); // the key, then its shifted and base-layout alternates
        if (codes.size() > 3 || !codes.stream().allMatch(c -> c.isEmpty() || number(c).isPresent())) {
            return Optional.empty();
        }
        if (fields.size() == 3 && !split(fields.get(2), ':').stream().allMatch(c -> number(c).isPresent())) {
            return Optional.empty(); // the associated text: code points, ignored but checked
        }
        return number(codes.get(0))
                .flatMap(KittyKeyboard::keyForCode)
                .flatMap(key -> withModifiers(key, fields.size() >= 2 ? fields.get(1) : ""));
    }

    private static Optional<Key> keyForCode(int code) {
        NamedKey named = CODE.get(code);
        if (named != null) {
            return Optional.of(named);
        }
        boolean understood = Character.isValidCodePoint(code) && code >= ' ' && code != 127
                && !(code >= 0xD800 && code <= 0xDFFF)
                && !(code >= PRIVATE_USE_FIRST && code <= PRIVATE_USE_LAST);
        return understood ? Optional.of(Key.of(code)) : Optional.empty();
    }

    /** {@code mods[:type]}, both optional: modifiers 1 to 256 (one plus eight bits), type 1 to 3. */
    private static Optional<KeyEvent> withModifiers(Key key, String field) {
        List<String> parts = split(field, ':');
        if (parts.size() > 2) {
            return Optional.empty();
        }
        int mods = parts.get(0).isEmpty() ? 1 : number(parts.get(0)).orElse(0);
        int type = parts.size() < 2 || parts.get(1).isEmpty() ? 1 : number(parts.get(1)).orElse(0);
        if (mods < 1 || mods > 256 || type < 1 || type > 3) {
            return Optional.empty();
        }
        return Optional.of(new KeyEvent(key, KeyEvent.Modifiers.fromBits(mods - 1), KeyEvent.Type.values()[type - 1]));
    }

    /** A decimal number of at most seven digits (so it cannot overflow), or empty. */
    private static Optional<Integer> number(String digits) {
        if (digits.isEmpty() || digits.length() > 7) {
            return Optional.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(Integer.parseInt(digits));
    }

    /** Splits on {@code separator}, keeping empty parts ({@code ""} gives one empty part). */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }
}
