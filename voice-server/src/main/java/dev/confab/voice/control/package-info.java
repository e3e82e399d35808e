/**
 * The contract between the chat server and a voice relay: sessions opened, closed and muted by
 * the chat server, tunnelled packets, and counters. In one process the relay implements it
 * directly; in split mode the link carries each call.
 */
package dev.confab.voice.control;
