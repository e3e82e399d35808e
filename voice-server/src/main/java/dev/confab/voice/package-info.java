/**
 * The UDP voice relay: opens packets under the keys the chat server minted, and forwards them to
 * the other people in the sender's room. Built with issue 4; the chat server already mints and
 * revokes the sessions it will check ({@code dev.confab.server.voice.VoiceSessions}).
 */
package dev.confab.voice;
