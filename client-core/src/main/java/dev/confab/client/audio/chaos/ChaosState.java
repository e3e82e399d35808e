package dev.confab.client.audio.chaos;

/**
 * What the chaos simulator is set to and has done since the engine started.
 *
 * @param settings  the settings now
 * @param dropped   packets dropped
 * @param delayed   packets held back (by delay, jitter or reordering)
 * @param reordered packets held back for reordering
 */
public record ChaosState(ChaosSettings settings, long dropped, long delayed, long reordered) {

    public static final ChaosState NONE = new ChaosState(ChaosSettings.OFF, 0, 0, 0);
}
