package dev.confab.tui.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.confab.client.trust.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code confab} remembers between runs, in {@code CONFIG/confab-tui.json} (mode 600, next
 * to known_servers and confab-cli's logins): bookmarks (server, account, last room), volumes per
 * person, audio devices, the transmit mode and the push-to-talk key and timings. Unknown fields
 * are ignored and missing ones take their defaults, so an older or newer file still loads.
 *
 * @param bookmarks       servers connected to, most recent first
 * @param volumes         local volume per account name, percent
 * @param backend         the audio backend's name
 * @param input           the capture device, or null for the backend's default
 * @param output          the playback device, or null for the backend's default
 * @param transmit        {@code hold}, {@code toggle} (push-to-talk), {@code vad} or {@code continuous}
 * @param pttKey          the talk key, as {@code PttKey.parse} reads it
 * @param holdInitialGapMs a talk key held by auto-repeat is let go after this long without a first repeat
 * @param holdRepeatGapMs  ... and after this long between repeats
 * @param toggleAutoStopSeconds in toggle mode, stop talking after this long (0: never)
 * @param lowLatency      the low-latency profile: 10 ms frames, a jitter buffer from 20 ms down to one frame
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TuiSettings(List<Bookmark> bookmarks, Map<String, Integer> volumes, String backend, String input,
                          String output, String transmit, String pttKey, int holdInitialGapMs, int holdRepeatGapMs,
                          int toggleAutoStopSeconds, boolean lowLatency) {

    public static final String FILE_NAME = "confab-tui.json";
    /** Bookmarks kept. */
    static final int MAX_BOOKMARKS = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A server connected to, with the account and the room last in. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bookmark(String server, String name, String room) {
        public Bookmark {
            Objects.requireNonNull(server, "server");
        }
    }

    public static final TuiSettings DEFAULTS = new TuiSettings(List.of(), Map.of(), "javasound", null, null, "hold",
            "F5", 700, 150, 0, false);

    public TuiSettings {
        bookmarks = bookmarks == null ? List.of() : List.copyOf(bookmarks);
        volumes = volumes == null ? Map.of() : Map.copyOf(volumes);
        backend = backend == null ? "javasound" : backend;
        transmit = transmit == null ? "hold" : transmit;
        pttKey = pttKey == null ? "F5" : pttKey;
        holdInitialGapMs = holdInitialGapMs <= 0 ? 700 : holdInitialGapMs;
        holdRepeatGapMs = holdRepeatGapMs <= 0 ? 150 : holdRepeatGapMs;
        toggleAutoStopSeconds = Math.max(0, toggleAutoStopSeconds);
    }

    /** The settings in {@code file}, or the defaults when there is none. */
    public static TuiSettings load(Path file) throws IOException {
        List<String> lines = PrivateFiles.readLines(file);
        if (lines.isEmpty()) {
            return DEFAULTS;
        }
        try {
            return JSON.readValue(String.join("\n", lines), TuiSettings.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid settings (" + e.getOriginalMessage() + "); fix or delete it", e);
        }
    }

    public void save(Path file) throws IOException {
        PrivateFiles.replace(file, List.of(JSON.writeValueAsString(this)));
    }

    /** With {@code server} (account, room) as the most recent bookmark. */
    public TuiSettings withBookmark(Bookmark bookmark) {
        List<Bookmark> next = new ArrayList<>();
        next.add(bookmark);
        for (Bookmark b : bookmarks) {
            if (!b.server().equals(bookmark.server()) && next.size() < MAX_BOOKMARKS) {
                next.add(b);
            }
        }
        return new TuiSettings(next, volumes, backend, input, output, transmit, pttKey, holdInitialGapMs,
                holdRepeatGapMs, toggleAutoStopSeconds, lowLatency);
    }

    public TuiSettings withVolume(String person, int percent) {
        Map<String, Integer> next = new LinkedHashMap<>(volumes);
        next.put(person, percent);
        return new TuiSettings(bookmarks, next, backend, input, output, transmit, pttKey, holdInitialGapMs,
                holdRepeatGapMs, toggleAutoStopSeconds, lowLatency);
    }

    public TuiSettings withDevices(String backend, String input, String output) {
        return new TuiSettings(bookmarks, volumes, backend, input, output, transmit, pttKey, holdInitialGapMs,
                holdRepeatGapMs, toggleAutoStopSeconds, lowLatency);
    }

    public TuiSettings withTransmit(String transmit) {
        return new TuiSettings(bookmarks, volumes, backend, input, output, transmit, pttKey, holdInitialGapMs,
                holdRepeatGapMs, toggleAutoStopSeconds, lowLatency);
    }
}
