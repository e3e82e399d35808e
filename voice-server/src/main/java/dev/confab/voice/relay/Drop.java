package dev.confab.voice.relay;

/** Why a packet went nowhere; one counter each, in total and per session. */
enum Drop {
    /** The tag did not match: a wrong key, a changed byte, a forgery. */
    BAD_SEAL,
    /** A sequence number seen before, or older than the replay window. */
    REPLAY,
    /** No open session has the packet's id (never counted per session). */
    UNKNOWN_SESSION,
    /** Over the session's byte or packet budget. */
    RATE,
    /** Not a voice uplink packet (never counted per session: nobody is known to have sent it). */
    MALFORMED,
    /** Audio from a muted (or deafened) session. */
    MUTED
}
