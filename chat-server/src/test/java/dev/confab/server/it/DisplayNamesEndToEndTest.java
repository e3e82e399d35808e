package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Member;
import dev.confab.protocol.Request;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Display names on a real server with a real SQLite file: set by the person, seen by everyone at
 * once, kept for the next login and across a restart, removed with a blank name; bad ones refused.
 */
class DisplayNamesEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aDisplayNameIsSeenAtOnceKeptAndRemovable() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String annName;
            try (TestClient ann = server.registered("ann"); TestClient bob = server.registered("bob")) {
                annName = ann.name();
                ann.ok(id -> new Request.SetDisplayName(id, "  Ann Smith  "));
                Member seen = bob.await(Event.MemberChanged.class, e -> e.member().session() == ann.session()).member();
                assertThat(seen.display()).isEqualTo("Ann Smith");
                assertThat(seen.name()).isEqualTo(annName);
                assertThat(seen.shownName()).isEqualTo("Ann Smith");

                ann.assertFails(ErrorCode.BAD_REQUEST, id -> new Request.SetDisplayName(id, "x".repeat(33)));
                ann.assertFails(ErrorCode.BAD_REQUEST, id -> new Request.SetDisplayName(id, "Ann\u0007Bell"));
                ann.assertFails(ErrorCode.BAD_REQUEST, id -> new Request.SetDisplayName(id, "Ann\u202eevil"));
            }

            server.restart();

            try (TestClient ann = server.connect(); TestClient watcher = server.registered("watcher")) {
                ann.login(annName, TestServer.PASSWORD);
                assertThat(ann.loggedIn().account().display()).isEqualTo("Ann Smith");
                Member joined = watcher.await(Event.MemberJoined.class, e -> e.member().name().equals(annName)).member();
                assertThat(joined.display()).isEqualTo("Ann Smith");

                ann.ok(id -> new Request.SetDisplayName(id, " "));
                Member cleared = watcher.await(Event.MemberChanged.class, e -> e.member().name().equals(annName)).member();
                assertThat(cleared.display()).isNull();
                assertThat(cleared.shownName()).isEqualTo(annName);
            }
        }
    }
}
