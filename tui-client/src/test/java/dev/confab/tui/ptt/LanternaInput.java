package dev.confab.tui.ptt;

import com.googlecode.lanterna.input.DefaultKeyDecodingProfile;
import com.googlecode.lanterna.input.InputDecoder;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseCharacterPattern;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** What Lanterna's real input decoder (with mouse reports on) makes of the bytes a terminal sends, with or without the kitty pattern. */
final class LanternaInput {

    private LanternaInput() {
    }

    static List<KeyStroke> decode(String input, boolean withKittyPattern) throws IOException {
        InputDecoder decoder = new InputDecoder(new StringReader(input));
        decoder.addProfile(new DefaultKeyDecodingProfile());
        decoder.addProfile(() -> List.of(new MouseCharacterPattern())); // as Lanterna adds it when mouse capture is on
        if (withKittyPattern) {
            decoder.addProfile(() -> List.of(new KittyKeyPattern()));
        }
        List<KeyStroke> strokes = new ArrayList<>();
        for (KeyStroke stroke; (stroke = decoder.getNextCharacter(false)) != null && stroke.getKeyType() != KeyType.EOF; ) {
            strokes.add(stroke);
        }
        return strokes;
    }

    static KeyStroke one(String input) throws IOException {
        List<KeyStroke> strokes = decode(input, false);
        if (strokes.size() != 1) {
            throw new AssertionError("expected one key from " + input.replace("\u001b", "ESC") + " but got " + strokes);
        }
        return strokes.get(0);
    }
}
