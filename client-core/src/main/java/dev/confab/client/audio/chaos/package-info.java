/**
 * The chaos simulator: what a bad network does to voice, applied to this client's outgoing
 * packets so that the far end's jitter buffer, FEC and concealment can be watched and tested on a
 * clean one. Settings ({@link dev.confab.client.audio.chaos.ChaosSettings}: loss %, added delay,
 * jitter, reorder %) change while running through {@code VoiceEngine.setChaos}; their effect is
 * counted in {@link dev.confab.client.audio.chaos.ChaosState}, in the engine's state.
 *
 * <p>Definitions, the same in the engine, the tests and the benchmarks (all use
 * {@link dev.confab.client.audio.chaos.ChaosSchedule}): loss drops each packet independently;
 * jitter adds a delay drawn uniformly from 0 to the jitter; reordering holds a packet back one to
 * two frames more, so that the next one overtakes it. The simulator only adds delay: it cannot
 * make a packet faster than the real network.
 */
package dev.confab.client.audio.chaos;
