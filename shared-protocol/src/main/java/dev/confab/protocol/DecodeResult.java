package dev.confab.protocol;

/** What {@link MessageCodec#decode} made of one line: a message, or the failure to answer with. */
public sealed interface DecodeResult {

    record Decoded(Message message) implements DecodeResult {}

    /** The line was refused; {@code failure} carries the line's id when one could be read. */
    record Rejected(Failure failure) implements DecodeResult {}
}
