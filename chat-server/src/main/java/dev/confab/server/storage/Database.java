package dev.confab.server.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite database in WAL mode, with one writer thread and one reader thread, so that nothing
 * else in the server ever blocks on disk.
 *
 * <p>Writes are group-committed: the writer takes every piece of work queued since its last
 * commit (up to {@link #MAX_BATCH}), runs each inside its own savepoint, commits once, and only
 * then completes their futures. A reply sent from such a future therefore reports data that is
 * already in the WAL file and survives the process being killed. One commit per batch instead of
 * per message is what lets a single SQLite file accept tens of thousands of messages a second.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int MAX_BATCH = 1024;

    private final Connection writeConnection;
    private final Connection readConnection;
    private final BlockingQueue<PendingWrite<?>> writes = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final ExecutorService reader;
    private volatile boolean closing;

    private Database(Connection writeConnection, Connection readConnection) {
        this.writeConnection = writeConnection;
        this.readConnection = readConnection;
        this.writer = new Thread(this::writeLoop, "db-writer");
        this.reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "db-reader"));
    }

    /** Opens (creating if needed) the database file and brings its schema up to date. */
    public static Database open(Path file) throws SQLException {
        Connection write = connect(file);
        try {
            Migrations.apply(write);
            write.setAutoCommit(false);
            Connection read = connect(file);
            Database database = new Database(write, read);
            database.writer.start();
            return database;
        } catch (SQLException | RuntimeException e) {
            write.close();
            throw e;
        }
    }

    /** A plain connection with the pragmas every connection needs; for one-shot admin tools. */
    public static Connection connect(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement pragma = connection.createStatement()) {
            pragma.execute("PRAGMA journal_mode=WAL");
            // NORMAL in WAL mode: a commit survives the process dying; only an OS crash or power
            // loss can take back the last commits.
            pragma.execute("PRAGMA synchronous=NORMAL");
            pragma.execute("PRAGMA foreign_keys=ON");
            pragma.execute("PRAGMA busy_timeout=5000");
        }
        return connection;
    }

    public <T> CompletableFuture<T> write(SqlWork<T> work) {
        PendingWrite<T> pending = new PendingWrite<>(work, new CompletableFuture<>());
        if (closing) {
            pending.result.completeExceptionally(new IllegalStateException("database is closing"));
        } else {
            writes.add(pending);
        }
        return pending.result;
    }

    public <T> CompletableFuture<T> read(SqlWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            reader.execute(() -> {
                try {
                    result.complete(work.run(readConnection));
                } catch (SQLException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("database is closing"));
        }
        return result;
    }

    private void writeLoop() {
        List<PendingWrite<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                PendingWrite<?> first = writes.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && writes.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                writes.drainTo(batch, MAX_BATCH - 1);
                commitBatch(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commitBatch(List<PendingWrite<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        try {
            for (PendingWrite<?> pending : batch) {
                completions.add(runInSavepoint(pending));
            }
            writeConnection.commit();
            completions.forEach(Runnable::run);
        } catch (SQLException e) {
            log.error("commit of {} writes failed", batch.size(), e);
            rollbackQuietly();
            batch.forEach(pending -> pending.result.completeExceptionally(e));
        }
    }

    /** Runs one write; its failure rolls back only its own changes. Returns how to complete it. */
    private <T> Runnable runInSavepoint(PendingWrite<T> pending) throws SQLException {
        Savepoint savepoint = writeConnection.setSavepoint();
        try {
            T value = pending.work.run(writeConnection);
            writeConnection.releaseSavepoint(savepoint);
            return () -> pending.result.complete(value);
        } catch (SQLException | RuntimeException e) {
            writeConnection.rollback(savepoint);
            writeConnection.releaseSavepoint(savepoint);
            return () -> pending.result.completeExceptionally(e);
        }
    }

    private void rollbackQuietly() {
        try {
            writeConnection.rollback();
        } catch (SQLException e) {
            log.error("rollback failed", e);
        }
    }

    /** Finishes every queued write, then closes both connections. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.shutdown();
        try {
            reader.awaitTermination(10, TimeUnit.SECONDS);
            try (Statement checkpoint = writeConnection.createStatement()) {
                checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            writeConnection.commit();
            writeConnection.close();
            readConnection.close();
        } catch (SQLException e) {
            log.warn("closing the database", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record PendingWrite<T>(SqlWork<T> work, CompletableFuture<T> result) {
    }
}
