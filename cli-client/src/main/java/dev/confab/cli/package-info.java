/**
 * {@code confab-cli}, the scriptable picocli client (issue 3), on top of client-core's
 * {@code ChatSession}.
 */
package dev.confab.cli;
