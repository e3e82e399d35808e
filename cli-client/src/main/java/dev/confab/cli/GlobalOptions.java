package dev.confab.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, before or after its name ({@code confab-cli --json rooms} and
 * {@code confab-cli rooms --json} are the same): mixed into the root command and inherited by
 * every subcommand, so they all write here.
 */
public final class GlobalOptions {

    @Option(names = "--server", paramLabel = "HOST[:PORT]", scope = ScopeType.INHERIT,
            description = "Chat server (port 7700 unless given). Default: $CONFAB_SERVER, else 'server' in confab-cli.conf.")
    String server;

    @Option(names = "--trust", paramLabel = "SHA256:...", scope = ScopeType.INHERIT,
            description = "Accept only this certificate fingerprint (and remember it). Default: $CONFAB_TRUST, "
                    + "else the fingerprint pinned in known_servers, pinned on first use.")
    String trust;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON object per line (field names in docs/CLI.md).")
    boolean json;
}
