package dev.confab.cli.connect;

import dev.confab.cli.CliException;
import dev.confab.client.trust.KnownServers;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which server to talk to and how to trust it. The server comes from {@code --server}, else
 * {@code CONFAB_SERVER}, else the config file. Trust is ssh-style pinning in the known_servers
 * file the TUI uses too; {@code --trust} (or {@code CONFAB_TRUST}) pins a fingerprint up front,
 * for a first contact with nobody there to check it.
 */
public record ServerTarget(ServerAddress server, TrustPolicy trust, KnownServers knownServers) {

    public static final String SERVER_VARIABLE = "CONFAB_SERVER";
    public static final String TRUST_VARIABLE = "CONFAB_TRUST";

    public static ServerTarget resolve(String serverFlag, String trustFlag, Map<String, String> env, Path configDir)
            throws CliException {
        ServerAddress server = parse(chooseServer(serverFlag, env, new ConfigFile(configDir.resolve(ConfigFile.FILE_NAME))));
        KnownServers known = new KnownServers(configDir.resolve("known_servers"));
        String pin = trustFlag != null ? trustFlag : blankToNull(env.get(TRUST_VARIABLE));
        if (pin == null) {
            return new ServerTarget(server, TrustPolicy.trustOnFirstUse(known), known);
        }
        try {
            return new ServerTarget(server, TrustPolicy.pinned(pin.strip(), known), known);
        } catch (IllegalArgumentException e) {
            throw CliException.usage((trustFlag != null ? "--trust: " : TRUST_VARIABLE + ": ") + e.getMessage());
        }
    }

    private static String chooseServer(String flag, Map<String, String> env, ConfigFile config) throws CliException {
        if (flag != null) {
            return flag;
        }
        String fromEnv = blankToNull(env.get(SERVER_VARIABLE));
        if (fromEnv != null) {
            return fromEnv;
        }
        Optional<String> fromFile = config.server();
        if (fromFile.isPresent()) {
            return fromFile.get();
        }
        throw CliException.usage("no server given: use --server HOST[:PORT], set " + SERVER_VARIABLE
                + ", or put 'server = HOST[:PORT]' in " + config.file());
    }

    private static ServerAddress parse(String text) throws CliException {
        try {
            return ServerAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
