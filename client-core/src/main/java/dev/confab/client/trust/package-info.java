/**
 * Which chat servers to trust. Confab servers use self-signed certificates, so a server's
 * identity is the SHA-256 fingerprint of its certificate: pinned explicitly, or remembered on
 * first use in {@code known_servers} like ssh's known_hosts. A changed certificate is refused
 * with a {@link dev.confab.client.trust.FingerprintMismatchException} that says what to do.
 */
package dev.confab.client.trust;
