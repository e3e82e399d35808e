/**
 * The UDP voice packet: a small cleartext header, authenticated as associated data, followed by
 * the Opus payload sealed with ChaCha20-Poly1305 under the voice session's key. Pure functions of
 * bytes: the relay, the clients and the load generator share them, and nothing here does I/O.
 * The byte layout, the nonce scheme and a worked example are in docs/PROTOCOL.md.
 */
package dev.confab.protocol.voice;
