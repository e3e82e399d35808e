/**
 * {@code confab}, the Lanterna terminal UI (issue 6). It will drive client-core's
 * {@code ChatSession} through a backend actor and render the state snapshots it publishes.
 */
package dev.confab.tui;
