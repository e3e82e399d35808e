/**
 * The voice transport: {@link dev.confab.client.voice.VoiceConnection} follows a chat
 * session's voice grants and moves sealed voice packets over UDP, or through the chat connection
 * when UDP gets no answer, probing UDP to switch back. It sees bytes only; capture, Opus, the
 * jitter buffer and playback build on it. Everything runs on the chat session's event loop.
 */
package dev.confab.client.voice;
