/**
 * The chaos simulator: what a bad network does to voice, applied to this client's outgoing
 * packets so that the far end's jitter buffer, FEC and concealment can be watched and tested on a
 * clean one. Settings ({@link dev.confab.client.audio.chaos.ChaosSettings}: loss %, added delay,
 * jitter, reorder %) change while running through {@code VoiceEngine.setChaos}; their effect is
 * counted in {@link dev.confab.client.audio.chaos.ChaosState}, in the engine's state.
 *
 * <p>Definitions, in {@link dev.confab.client.audio.chaos.ChaosSchedule}, which the engine and
 * the receive tests use: loss drops each packet independently; jitter adds a delay drawn
 * uniformly from 0 to the jitter; reordering holds a packet back one to two frames more, so that
 * the next one overtakes it. The jitter benchmark's simulated network defines loss and jitter
 * the same way, and reordering as a packet held until just after the next one. The simulator
 * only adds delay: it cannot make a packet faster than the real network.
 */
package dev.confab.client.audio.chaos;
