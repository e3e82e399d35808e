package dev.confab.bench;

import dev.confab.client.trust.ServerAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that choose the server under load: one this run starts, or one given with --server. */
final class TargetOptions {
    static final String PASSWORD_VARIABLE = "CONFAB_BENCH_PASSWORD";

    @Option(names = "--server-jar", paramLabel = "JAR",
            defaultValue = "${env:CONFAB_SERVER_JAR:-chat-server/target/confab-server.jar}",
            description = "confab-server jar to start for each run (default: ${DEFAULT-VALUE}).")
    Path serverJar;

    @Option(names = "--server-jvm-opts", paramLabel = "OPTIONS", defaultValue = "",
            description = "JVM options for the started server, space-separated, e.g. \"-XX:+UseSerialGC -Xmx256m\".")
    String serverJvmOptions;

    @Option(names = "--keep-data", description = "Keep the started server's temporary data folder (its log, its database).")
    boolean keepData;

    @Option(names = "--server", paramLabel = "HOST:PORT",
            description = "Load an already running server on loopback instead of starting one.")
    String server;

    @Option(names = "--trust", paramLabel = "SHA256:...", description = "Fingerprint of the --server's certificate.")
    String trust;

    @Option(names = "--user", defaultValue = Target.ADMIN_NAME,
            description = "Moderator or admin account on the --server (password from $" + PASSWORD_VARIABLE
                    + "; default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--server-pid", paramLabel = "PID", defaultValue = "-1",
            description = "Process id of the --server, to report its memory and CPU.")
    long serverPid;

    Target open() throws IOException, InterruptedException {
        if (server == null) {
            return Target.start(serverJar, jvmOptions(), keepData);
        }
        if (trust == null) {
            throw new IllegalArgumentException("--server needs --trust with the server's fingerprint");
        }
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("--server needs the password of --user " + user + " in $" + PASSWORD_VARIABLE);
        }
        return Target.existing(ServerAddress.parse(server), trust, user, password, serverPid);
    }

    List<String> jvmOptions() {
        String trimmed = serverJvmOptions.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }
}
