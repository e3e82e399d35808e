package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** send, dm, history and tail (without --follow), through real processes against a real server. */
class ChatCommandsTest {

    @TempDir
    static Path serverData;
    static CliServer server;
    static String adminToken;
    static String botToken;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliServer.start(serverData);
        adminToken = server.tokenFor(server.createUser("boss", Role.ADMIN));
        botToken = server.tokenFor(server.createUser("bot", Role.MEMBER));
        server.createUser("erin", Role.MEMBER);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Cli as(String token) {
        return new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", token);
    }

    private long createRoom(String name, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "room";
        args[1] = "create";
        args[2] = name;
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = "--json";
        return Json.object(as(adminToken).runWithInput("door password\n", args).ok().out()).get("id").asLong();
    }

    @Test
    void aShellPipelinePostsEachLineAndHistoryReadsThemBack() {
        createRoom("ci");
        Cli bot = as(botToken);
        String lines = IntStream.rangeClosed(1, 300).mapToObj(i -> "build step " + i).reduce((a, b) -> a + "\\n" + b).orElseThrow();
        bot.bash("printf '" + lines + "\\n\\nünïcødé ✓ line\\n' | confab-cli send --room CI --lines").ok();

        List<JsonNode> history = Json.lines(bot.bash("confab-cli history --room ci --json --limit 1000").ok().out());
        assertThat(history).hasSize(301);
        assertThat(history).extracting(message -> message.get("text").asText())
                .startsWith("build step 1", "build step 2").endsWith("build step 300", "ünïcødé ✓ line");
        assertThat(history).extracting(message -> message.get("id").asLong()).isSorted().doesNotHaveDuplicates();
        JsonNode first = history.get(0);
        assertThat(first.get("name").asText()).isEqualTo("bot");
        assertThat(first.get("action").asBoolean()).isFalse();
        assertThat(first.get("ts").asLong()).isPositive();
        assertThat(first.get("user").asLong()).isPositive();
        assertThat(first.get("room").asLong()).isEqualTo(history.get(300).get("room").asLong());

        // Pages: the newest 2 before the last, the oldest 2 after the first, and the human form.
        long lastId = history.get(300).get("id").asLong();
        assertThat(Json.lines(bot.run("history", "--room", "ci", "--json", "-n", "2", "--before", String.valueOf(lastId)).ok().out()))
                .extracting(message -> message.get("text").asText()).containsExactly("build step 299", "build step 300");
        assertThat(Json.lines(bot.run("history", "--room", "ci", "--json", "-n", "2", "--after", first.get("id").asText()).ok().out()))
                .extracting(message -> message.get("text").asText()).containsExactly("build step 2", "build step 3");
        assertThat(bot.run("history", "--room", "ci", "--limit", "1").ok().out())
                .matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d] <bot> ünïcødé ✓ line\n");
        bot.run("history", "--room", "ci", "--before", "5", "--after", "1").fails(2, "usage");
    }

    @Test
    void sendTakesWordsOrStdinAndActionsAndReportsWhatItPosted() {
        createRoom("general");
        Cli bot = as(botToken);
        assertThat(bot.run("send", "--room", "general", "deploy", "is", "green").ok().out()).isEmpty();
        bot.runWithInput("from stdin\nsecond line\n\n", "send", "--room", "general").ok();
        JsonNode posted = Json.object(bot.run("send", "--room", "general", "--me", "--json", "waves").ok().out());
        assertThat(posted.get("id").asLong()).isPositive();
        assertThat(posted.get("ts").asLong()).isPositive();

        List<JsonNode> history = Json.lines(bot.run("history", "--room", "general", "--json").ok().out());
        assertThat(history).extracting(message -> message.get("text").asText())
                .containsExactly("deploy is green", "from stdin\nsecond line", "waves");
        assertThat(history).extracting(message -> message.get("action").asBoolean()).containsExactly(false, false, true);
        assertThat(bot.run("history", "--room", "general", "-n", "1").ok().out()).endsWith("] * bot waves\n");

        bot.runWithInput("", "send", "--room", "general").fails(2, "usage");
        bot.run("send", "--room", "general", "x".repeat(4001)).fails(9, "message_too_long");
        bot.run("send", "--room", "nowhere", "hi").fails(4, "unknown_room");
        bot.run("send", "hi").fails(2, "usage");
    }

    @Test
    void aRoomWithAPasswordIsJoinedWithTheOneFromTheEnvironment() {
        createRoom("Vault", "--password-stdin");
        Cli bot = as(botToken);
        bot.run("send", "--room", "vault", "hi").fails(5, "wrong_room_password");
        bot.with("CONFAB_ROOM_PASSWORD", "wrong").run("send", "--room", "vault", "hi").fails(5, "wrong_room_password");
        Cli knowsIt = bot.with("CONFAB_ROOM_PASSWORD", "door password");
        knowsIt.run("send", "--room", "vault", "inside").ok();
        assertThat(knowsIt.run("history", "--room", "vault").ok().out()).endsWith("<bot> inside\n");
    }

    @Test
    void dmReachesSomeoneOnlineOrWaitsForTheirNextLogin() throws Exception {
        Cli bot = as(botToken);
        ChatConnection boss = server.connectWithToken(adminToken);
        LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
        boss.addEventListener(events::add);
        try {
            JsonNode posted = Json.object(bot.run("dm", "BOSS", "--json", "your", "build").ok().out());
            Event.DirectReceived direct = awaitDirect(events);
            assertThat(direct.message().text()).isEqualTo("your build");
            assertThat(direct.message().fromName()).isEqualTo("bot");
            assertThat(direct.message().id()).isEqualTo(posted.get("id").asLong());
            bot.runWithInput("df says 91%\n", "dm", "boss").ok();
            assertThat(awaitDirect(events).message().text()).isEqualTo("df says 91%");
        } finally {
            boss.close().get(10, TimeUnit.SECONDS);
        }
        bot.run("dm", "nobody", "hello?").fails(4, "unknown_user");
        bot.run("dm", "erin", "see you").ok();
    }

    @Test
    void tailPrintsTheNewestThenNewMessagesUntilTheConnectionEnds() throws Exception {
        long room = createRoom("Watch");
        Cli bot = as(botToken);
        bot.run("send", "--room", "watch", "old one").ok();
        bot.run("send", "--room", "watch", "old two").ok();
        ChatConnection poster = server.connectWithToken(adminToken);
        try (TailProcess tail = TailProcess.start(as(botToken), "tail", "--room", "watch", "-n", "1", "--json")) {
            // Printed after the join and the history it needed: from now on messages arrive live.
            assertThat(tail.nextLine()).contains("\"text\":\"old two\"");
            poster.request(id -> new Request.Say(id, room, "live", false), Reply.Posted.class).get(10, TimeUnit.SECONDS);
            JsonNode live = Json.object(tail.nextLine());
            assertThat(live.get("text").asText()).isEqualTo("live");
            assertThat(live.get("name").asText()).isEqualTo("boss");
        } finally {
            poster.close().get(10, TimeUnit.SECONDS);
        }
    }

    private static Event.DirectReceived awaitDirect(LinkedBlockingQueue<Event> events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Event event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event instanceof Event.DirectReceived direct) {
                return direct;
            }
        }
        throw new AssertionError("no direct message arrived");
    }
}
