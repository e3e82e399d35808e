package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tail --follow} across a server restart on the same port: nothing lost, nothing twice. */
class TailFollowTest {

    @TempDir
    Path serverData;
    @TempDir
    Path home;

    @Test
    void tailFollowCatchesUpAfterARestartWithoutGapsOrDuplicates() throws Exception {
        try (CliServer server = CliServer.start(serverData)) {
            String adminToken = server.tokenFor(server.createUser("admin", Role.ADMIN));
            String readerToken = server.tokenFor(server.createUser("reader", Role.MEMBER));
            Cli admin = new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", adminToken);
            Cli reader = admin.with("CONFAB_TOKEN", readerToken);
            long room = Json.object(admin.run("room", "create", "Feed", "--json").ok().out()).get("id").asLong();

            List<String> posted = new ArrayList<>();
            ChatConnection poster = server.connectWithToken(adminToken);
            post(poster, room, posted, "before", 3);

            try (TailProcess follower = TailProcess.start(reader, "tail", "--room", "feed", "--follow", "--json", "-n", "2");
                 TailProcess oneShot = TailProcess.start(reader, "tail", "--room", "feed")) {
                List<JsonNode> seen = new ArrayList<>();
                seen.add(Json.object(follower.nextLine()));
                seen.add(Json.object(follower.nextLine()));
                post(poster, room, posted, "live", 5);
                read(follower, seen, 5);

                server.restart();
                // Straight after the restart, before the follower's next reconnect attempt: these
                // can only reach it through the catch-up.
                poster = server.connectWithToken(adminToken);
                post(poster, room, posted, "while away", 20);
                read(follower, seen, 20);
                post(poster, room, posted, "after", 5);
                read(follower, seen, 5);
                poster.close().get(10, TimeUnit.SECONDS);

                assertThat(seen).extracting(message -> message.get("text").asText())
                        .containsExactlyElementsOf(posted.subList(1, posted.size()));
                assertThat(seen).extracting(message -> message.get("id").asLong()).isSorted().doesNotHaveDuplicates();
                assertThat(follower.quietFor(1000)).isTrue();
                assertThat(follower.stderr()).contains("reconnecting").contains("reconnected to " + server.address());

                // Without --follow, tail ends with the connection, saying why.
                assertThat(oneShot.awaitExit()).isEqualTo(7);
                assertThat(oneShot.stderr()).startsWith("confab-cli: shutting_down: ").doesNotContain("Exception");
            }
        }
    }

    private static void post(ChatConnection poster, long room, List<String> posted, String prefix, int count) throws Exception {
        for (String text : IntStream.rangeClosed(1, count).mapToObj(i -> prefix + " " + i).toList()) {
            poster.request(id -> new Request.Say(id, room, text, false), Reply.Posted.class).get(10, TimeUnit.SECONDS);
            posted.add(text);
        }
    }

    private static void read(TailProcess follower, List<JsonNode> into, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            into.add(Json.object(follower.nextLine()));
        }
    }
}
