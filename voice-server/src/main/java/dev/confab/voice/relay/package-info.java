/**
 * The voice relay: from a datagram (or a tunnelled packet) to the packets it causes, with the
 * rules of who hears what. {@link dev.confab.voice.relay.VoiceRelay} is the feature class; the
 * transport ({@code dev.confab.voice.VoiceServer}) only moves bytes in and out.
 *
 * <h2>Per packet, in this order</h2>
 * <ol>
 * <li>Zero bytes: a keep-alive, ignored (neither counted in nor dropped, and it moves no route:
 *     it proves nothing about who sent it).</li>
 * <li>Not a valid packet ({@code VoicePacket.validate}), or not an uplink one (FLAG_DOWNLINK set,
 *     or a pong: clients only ever ping), or a payload longer than an Opus frame (it would not
 *     fit a downlink packet): <b>malformed</b>, counted in total only, since nobody is known to
 *     have sent it.</li>
 * <li>No open session with its id: <b>unknown session</b> (total only).</li>
 * <li>Its sequence already seen or too old: <b>replay</b>, before a decryption is spent on it.</li>
 * <li>The seal does not open under the session's key: <b>bad seal</b>. Then the sequence is
 *     recorded in the replay window (a race lost there: <b>replay</b>). Only opened packets move
 *     the window, so forgeries cannot.</li>
 * <li>Route learning: every opened packet except a ping with FLAG_PROBE moves the session's
 *     downlink to where it came from: a UDP source address (a client whose address changes, a
 *     NAT rebinding, keeps talking) or the tunnel. A probe is how a tunnelled client tests UDP
 *     without its voice following before it decides to switch.</li>
 * <li>A ping spends from the rate budget (over: <b>rate</b>) and is answered with a pong with the
 *     same payload and timestamp, party 0, the way it came: even a probe, even when muted or
 *     deafened.</li>
 * <li>Audio from a muted or deafened session: <b>muted</b> (deafen implies mute, as in Mumble,
 *     and as {@code VoiceCounters} describes the counter). Its route is still learned, so a muted
 *     person keeps hearing the room.</li>
 * <li>Over the rate budget: <b>rate</b>. Checked only after the seal opened, so a forger cannot
 *     spend somebody else's budget.</li>
 * <li>Delivery, each copy sealed under the receiver's key with the receiver's own downlink
 *     sequence, the sender's timestamp, and party = the sender's chat session:
 *   <ul>
 *   <li>FLAG_ECHO: back to the sender only (a microphone test), FLAG_ECHO set (with FLAG_WHISPER
 *       too if the uplink had it; echo wins over whisper).</li>
 *   <li>FLAG_WHISPER: the party field names the target's chat session. Delivered, with
 *       FLAG_WHISPER, only when that session is open on this relay, is not the sender, is not
 *       deafened, has a route, and the sender may reach it: {@code whisperAnywhere} (members and
 *       above) or the same room (guests). Otherwise it goes nowhere, silently: not a counted
 *       drop, just as talking in an empty room is not one; a whisper to someone who left is
 *       ordinary, and counting it would hide real drops.</li>
 *   <li>Otherwise: everyone else in the sender's room who has a route and is not deafened.</li>
 *   </ul></li>
 * </ol>
 *
 * <h2>Rate budgets</h2>
 * Two token buckets per session, checked together (a packet spends from both or neither):
 * payload bytes at twice the room's bitrate (bitrate / 8 * 2 bytes a second, for Opus VBR peaks
 * and in-band FEC) with a burst of one second of that, and 100 packets a second with a burst
 * of 50 (20 ms frames are 50 a second; pings and bursts after a stall fit in the rest). A bitrate
 * below 6 kb/s (Opus's floor) is taken as 6 kb/s. The budgets live with the session, so a room
 * change (a new session) starts with a full one.
 *
 * <h2>Threads</h2>
 * Each relay socket has one event loop; a datagram is handled, and its copies sent, on that
 * thread through that socket, written without a flush and flushed once at the end of the read
 * batch. A tunnelled packet is handled on the chat thread that passes it in; its UDP copies
 * leave through the first socket, flushed each, and its tunnel copies go to the
 * {@code TunnelPeer} (which must not block). Two threads can handle packets of one session
 * (UDP and the tunnel, or two sockets after an address change); what they share is safe for
 * that: the replay window and the rate budget lock per session for a few instructions; the
 * downlink sequence is an atomic counter, so no two copies ever share a nonce; routes and
 * mute state are volatile.
 *
 * <h2>Sessions</h2>
 * The chat server's calls ({@code open}, {@code close}, {@code setState}) are rare and serialized
 * on the relay's lock, which packets never take. Open sessions live in an immutable
 * {@code Directory} (primitive-keyed maps by voice id and chat id, and an array of members per
 * room) that each change copies and republishes through a volatile field; packets read it with
 * no lock and no boxing. {@code close} marks the session closed before republishing, and the hot
 * path checks the mark after the lookup, after opening, and before each delivery, so once
 * {@code close} returns the key opens nothing and the session is sent nothing. {@code open} of an
 * id already open replaces it; if the key is the same, the replay window, the downlink
 * sequence, the route and the counters carry over (a fresh downlink sequence under the same key
 * would reuse nonces).
 *
 * <h2>Hot path</h2>
 * Per thread: one {@code VoiceCipher} and two scratch arrays (the opened payload, the packet
 * being sealed), and per socket one input array. Per session: the {@code SecretKey}. What is
 * allocated per packet: Netty's {@code DatagramPacket} and source address on the way in, a pooled
 * direct buffer and a {@code DatagramPacket} per copy out, and the JDK's nonce spec and key copy
 * per cipher init. No logging, no strings. Counters: {@code LongAdder}s in total, an atomic
 * array per session; {@code packetsIn} counts every non-empty datagram, and per session every
 * packet that named it; {@code relayed} counts copies sent, per session those made of its packets
 * (pongs and echoes included).
 */
package dev.confab.voice.relay;
