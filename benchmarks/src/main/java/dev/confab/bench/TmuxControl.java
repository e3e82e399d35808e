package dev.confab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tmux server of this harness's own (a private socket, {@code -L}, and no configuration file,
 * so neither the user's tmux sessions nor their {@code ~/.tmux.conf} are touched), driven through
 * one long-lived control-mode client: every {@code send-keys} and {@code capture-pane} is a line
 * written to that client and a block read back, with no process started per command. That keeps
 * the harness's own cost and delay small next to what it measures: a {@code tmux capture-pane}
 * process per poll would cost a fork and exec each time, on the same two cores as the program
 * being timed.
 *
 * <p>The server's global environment is the one given here (tmux copies the starting client's),
 * so programs started in its sessions get it without it appearing on any command line.
 */
final class TmuxControl implements AutoCloseable {
    private static final long REPLY_TIMEOUT_SECONDS = 10;
    /** The session the control client sits in; it runs {@code cat}, which waits on its terminal forever. */
    private static final String HOME_SESSION = "bench-control";

    private final String socket;
    private final Process client;
    private final OutputStream commands;
    private final BlockingQueue<ControlReplies.Reply> replies = new LinkedBlockingQueue<>();
    private final Thread killOnExit;
    /** The server's socket file, which tmux leaves behind after kill-server; null until known. */
    private volatile Path socketPath;

    private TmuxControl(String socket, Process client) {
        this.socket = socket;
        this.client = client;
        this.commands = client.getOutputStream();
        this.killOnExit = new Thread(this::killServer, "kill-bench-tmux");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Thread reader = new Thread(this::readReplies, "tmux-control-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a tmux server on the private socket {@code socket} with exactly {@code environment}. */
    static TmuxControl start(String socket, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("tmux", "-L", socket, "-f", "/dev/null", "-C",
                "new-session", "-s", HOME_SESSION, "-x", "80", "-y", "24", "cat")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        TmuxControl tmux = new TmuxControl(socket, builder.start());
        tmux.awaitReply(); // the new-session that attached the control client
        tmux.socketPath = Path.of(tmux.run("display-message", "-p", "#{socket_path}").lines().get(0));
        return tmux;
    }

    /** Runs one tmux command and returns its output; fails when tmux answers with an error. */
    synchronized ControlReplies.Reply run(String... words) throws IOException, InterruptedException {
        ControlReplies.Reply reply = tryRun(words);
        if (!reply.ok()) {
            throw new IOException("tmux " + String.join(" ", words) + ": " + String.join(" ", reply.lines()));
        }
        return reply;
    }

    /** Runs one tmux command and returns its answer, an error included. */
    synchronized ControlReplies.Reply tryRun(String... words) throws IOException, InterruptedException {
        List<String> quoted = new ArrayList<>(words.length);
        for (String word : words) {
            quoted.add(ControlReplies.quote(word));
        }
        commands.write((String.join(" ", quoted) + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
        return awaitReply();
    }

    /** The visible screen of {@code session}, one string per row, with when it was read. */
    ControlReplies.Reply capture(String session) throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-t", session);
    }

    boolean hasSession(String session) throws IOException, InterruptedException {
        return tryRun("has-session", "-t", session).ok();
    }

    /** The process id of the program in {@code session}'s pane. */
    long panePid(String session) throws IOException, InterruptedException {
        List<String> lines = run("display-message", "-p", "-t", session, "#{pane_pid}").lines();
        return Long.parseLong(lines.get(0).strip());
    }

    private ControlReplies.Reply awaitReply() throws IOException, InterruptedException {
        ControlReplies.Reply reply = replies.poll(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (reply == null) {
            throw new IOException("tmux's control client did not answer within " + REPLY_TIMEOUT_SECONDS + " s"
                    + (client.isAlive() ? "" : " (it exited with " + client.exitValue() + ")"));
        }
        return reply;
    }

    private void readReplies() {
        ControlReplies parser = new ControlReplies();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                ControlReplies.Reply reply = parser.accept(line, System.nanoTime());
                if (reply != null) {
                    replies.add(reply);
                }
            }
        } catch (IOException e) {
            // the client is gone; whoever waits for a reply times out and says so
        }
    }

    /** Ends every session of this server (and so the programs in them) and the server itself. */
    @Override
    public void close() {
        killServer();
        try {
            commands.close();
            if (!client.waitFor(5, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        } catch (IOException e) {
            client.destroyForcibly();
        } catch (InterruptedException e) {
            client.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway and finds no server
        }
    }

    /** {@code tmux -L SOCKET kill-server} as its own process, so it works even when the control client is stuck. */
    private void killServer() {
        try {
            Process kill = new ProcessBuilder("tmux", "-L", socket, "kill-server")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            // no tmux: no server to kill
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path path = socketPath;
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                System.err.println("could not delete tmux's socket " + path + ": " + e.getMessage());
            }
        }
    }
}
