package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.chat.ChatConnection;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.BanInfo;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On its own server: every test client connects from 127.0.0.1, so this ban hits them all. */
class AddressBanEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void anAddressBanDisconnectsThatAddressAndRefusesItAtConnectUntilLifted() throws Exception {
        try (TestServer server = TestServer.start(dir); TestClient moderator = server.withRole("mod", Role.MODERATOR)) {
            TestClient neighbour = server.registered("neighbour");

            BanInfo ban = moderator.call(id -> new Request.Ban(id, null, "127.0.0.1", "abuse", null),
                    Reply.BanCreated.class).ban();

            assertThat(neighbour.awaitBye().code()).isEqualTo(ErrorCode.BANNED);
            var refused = ChatConnection.open(ConnectOptions.builder(new ServerAddress("127.0.0.1", server.port()),
                    TrustPolicy.pinned(server.server().fingerprint())).build());
            assertThat(refused).failsWithin(Duration.ofSeconds(10));
            assertThat(server.server().counters().bannedAtConnect.sum()).isEqualTo(1);

            moderator.ok(id -> new Request.Unban(id, ban.id()));
            server.registered("welcome-back").close();
        }
    }
}
