package dev.confab.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What the voice scenarios share: a crowd of token logins in rooms with their voice grants, and
 * the UDP traffic of their sessions, every session's route learned with a ping first.
 */
abstract class VoiceScenario extends ScenarioCommand {
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);
    private static final int PING_ATTEMPTS = 5;
    private static final long PING_WAIT_MILLIS = 1_000;

    @Option(names = "--rooms", defaultValue = "100", description = "Rooms (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--size", defaultValue = "10", description = "Voice sessions (chat logins) per room (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--sockets", defaultValue = "8",
            description = "UDP sockets the sessions are spread over; the relay's SO_REUSEPORT sockets are picked by"
                    + " a hash of each one's address, so more of them spread the load over its threads more evenly"
                    + " (default: ${DEFAULT-VALUE}).")
    int sockets;

    @Option(names = "--receiver-threads", defaultValue = "2",
            description = "Threads reading the sockets (default: ${DEFAULT-VALUE}, the machine has two cores).")
    int receiverThreads;

    /** Checks of the scenario's own options, beyond the shared ones. */
    abstract void validateMore();

    /** One in how many received audio packets is opened (its seal checked). */
    abstract int openEvery();

    /** The measurements, once the crowd is in place and routed. */
    abstract void measure(BenchSession session, VoiceTraffic traffic, int relayPort, List<VoiceTraffic.Voice> routed,
                          ScenarioResult result) throws Exception;

    @Override
    int roomsNeeded() {
        return rooms;
    }

    @Override
    final void validate() {
        if (rooms < 1 || size < 2 || sockets < 1 || receiverThreads < 1 || openEvery() < 1) {
            throw new IllegalArgumentException("need --rooms >= 1, --size >= 2, --sockets, --receiver-threads and"
                    + " --open-every >= 1");
        }
        validateMore();
    }

    @Override
    final ScenarioResult run(BenchSession session) throws Exception {
        ScenarioResult result = new ScenarioResult(name())
                .setting("rooms", rooms).setting("size", size).setting("sockets", sockets)
                .setting("receiver_threads", receiverThreads).setting("open_every", openEvery());
        VoiceCrowd crowd = VoiceCrowd.assemble(session, rooms, size, parallel, PHASE_TIMEOUT, result);
        InetSocketAddress relay = crowd.relay();
        result.setting("relay", relay.getHostString() + ":" + relay.getPort()).setting("bitrate", crowd.bitrate());
        try (VoiceTraffic traffic = new VoiceTraffic(crowd.voices(), rooms, relay, sockets, receiverThreads, openEvery())) {
            long routed = traffic.pingAll(PING_ATTEMPTS, PING_WAIT_MILLIS);
            result.figure("sessions_routed", "voice sessions routed (ping answered)", routed, "");
            if (routed < traffic.sessions()) {
                result.problem((traffic.sessions() - routed) + " of " + traffic.sessions()
                        + " voice sessions never had their ping answered");
            }
            if (routed == 0) {
                throw new IllegalStateException("no voice session had its ping answered: is the relay at "
                        + relay.getHostString() + ":" + relay.getPort() + " running?");
            }
            int serverSockets = UdpKernelStats.serverSockets(UdpKernelStats.sockets(), relay.getPort());
            result.setting("relay_sockets", serverSockets);
            measure(session, traffic, relay.getPort(), traffic.routedVoices(), result);
        }
        return result;
    }

    /** {@code count} speakers spread over the rooms (see {@link SpeakerPick}). */
    List<VoiceTraffic.Voice> speakers(List<VoiceTraffic.Voice> routed, int count) {
        int[] roomOf = routed.stream().mapToInt(voice -> voice.room).toArray();
        List<VoiceTraffic.Voice> speakers = new ArrayList<>(count);
        for (int index : SpeakerPick.pick(roomOf, rooms, count)) {
            speakers.add(routed.get(index));
        }
        return speakers;
    }

    /** Common checks of what arrived: seals that did not open and packets for the wrong room are bugs. */
    static void checkDeliveries(VoiceLevel.Outcome outcome, ScenarioResult result) {
        VoiceTraffic.ReceiverTotals got = outcome.run().receivers();
        if (got.badSeal() > 0) {
            result.problem(got.badSeal() + " of " + got.opened() + " opened packets did not open under the receiver's key");
        }
        if (got.misrouted() > 0) {
            result.problem(got.misrouted() + " packets came from a speaker outside the receiver's room (or its own)");
        }
        if (got.malformed() > 0 || got.foreign() > 0) {
            result.note(got.malformed() + " malformed packets and " + got.foreign() + " for unknown sessions arrived");
        }
    }
}
