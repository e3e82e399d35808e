/**
 * The UDP voice relay: opens packets under the keys the chat server minted, and forwards them to
 * the other people in the sender's room. {@link dev.confab.voice.VoiceServer} owns the sockets
 * and threads (Netty, epoll with SO_REUSEPORT where available) and hands each datagram to
 * {@link dev.confab.voice.relay.VoiceRelay}, which holds the rules; the chat server drives it
 * through {@link dev.confab.voice.control.VoiceControl}, in process or over the link
 * ({@code dev.confab.voice.link}).
 */
package dev.confab.voice;
