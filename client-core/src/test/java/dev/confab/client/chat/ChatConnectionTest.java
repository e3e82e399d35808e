package dev.confab.client.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.ChatLine;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Failure;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One connection against the fake server over real TLS: requests, replies, events, pings, closing. */
class ChatConnectionTest {

    private static final String SILENCE = "the server never answers this";

    private static SelfSignedCertificate certificate;
    private FakeChatServer server;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = FakeChatServer.newCertificate();
    }

    @AfterAll
    static void deleteCertificate() {
        certificate.delete();
    }

    @BeforeEach
    void startServer() throws Exception {
        server = FakeChatServer.tls(certificate);
        server.override((request, client) -> request instanceof Request.Say say && say.text().equals(SILENCE));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private ConnectOptions.Builder options() throws Exception {
        return ConnectOptions.builder(server.address(), TrustPolicy.pinned(server.fingerprint()));
    }

    private ChatConnection open() throws Exception {
        return Await.result(ChatConnection.open(options().build()));
    }

    private static LongFunction<Request> say(String text) {
        return id -> new Request.Say(id, 1, text, false);
    }

    @Test
    void concurrentRequestsEachGetTheirOwnReply() throws Exception {
        // Answers come back in a scrambled order; the number in the text must come back in messageId.
        server.override((request, client) -> {
            if (request instanceof Request.Say say && say.text().startsWith("n=")) {
                long number = Long.parseLong(say.text().substring(2));
                client.sendAfter(Duration.ofMillis(ThreadLocalRandom.current().nextInt(20)),
                        new Reply.Posted(say.id(), number, 0));
                return true;
            }
            return false;
        });
        ChatConnection connection = open();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Boolean>> checks = new ArrayList<>();
            for (int n = 0; n < 400; n++) {
                long number = n;
                checks.add(CompletableFuture.supplyAsync(() -> connection.request(say("n=" + number), Reply.Posted.class), callers)
                        .thenCompose(posted -> posted)
                        .thenApply(posted -> posted.messageId() == number));
            }
            for (CompletableFuture<Boolean> check : checks) {
                assertThat(Await.result(check)).isTrue();
            }
        } finally {
            callers.shutdown();
        }
        Await.result(connection.close());
    }

    @Test
    void aRequestWithoutAnswerTimesOutAndTheConnectionGoesOn() throws Exception {
        ChatConnection connection = Await.result(ChatConnection.open(
                options().requestTimeout(Duration.ofMillis(200)).build()));

        Throwable failure = Await.failure(connection.request(say(SILENCE)));

        assertThat(failure).isInstanceOf(TimeoutException.class).hasMessageContaining("Say #2");
        assertThat(Await.result(connection.request(say("still there?")))).isInstanceOf(Reply.Posted.class);
        Await.result(connection.close());
    }

    @Test
    void anErrorAnswerFailsTheRequestWithItsCode() throws Exception {
        server.override((request, client) -> {
            if (request instanceof Request.Join join) {
                client.send(Failure.of(join.id(), ErrorCode.FORBIDDEN, "you may not enter this room"));
                return true;
            }
            return false;
        });
        ChatConnection connection = open();

        Throwable failure = Await.failure(connection.request(id -> new Request.Join(id, 4, null)));

        assertThat(failure).isInstanceOf(RequestFailedException.class)
                .hasMessage("forbidden: you may not enter this room");
        assertThat(((RequestFailedException) failure).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(((RequestFailedException) failure).failure().id()).isEqualTo(2L);
        Await.result(connection.close());
    }

    @Test
    void aReplyOfAnotherKindThanExpectedFailsTheTypedRequest() throws Exception {
        ChatConnection connection = open();

        Throwable failure = Await.failure(connection.request(say("hi"), Reply.HistoryPage.class));

        assertThat(failure).isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("expected HistoryPage but the server answered Posted");
        Await.result(connection.close());
    }

    @Test
    void aRequestMustCarryTheIdItWasGiven() throws Exception {
        ChatConnection connection = open();

        assertThatThrownBy(() -> connection.request(id -> new Request.Ping(id + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        Await.result(connection.close());
    }

    @Test
    void serverPingsAreAnsweredAndNotShownToListeners() throws Exception {
        ChatConnection connection = open();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        connection.addEventListener(events::add);
        server.received().clear();

        server.sendToAll(new Request.Ping(77));
        server.sendToAll(new Event.RoomRemoved(5, 1));

        assertThat(server.awaitReceived(Reply.Pong.class).id()).isEqualTo(77);
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new Event.RoomRemoved(5, 1));
        assertThat(events).isEmpty();
        Await.result(connection.close());
    }

    @Test
    void eventsAndUnsolicitedErrorsReachListenersInOrder() throws Exception {
        ChatConnection connection = open();
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        connection.addEventListener(seen::add);
        connection.addFailureListener(seen::add);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(new Event.MessagePosted(new ChatLine(i, 1, 2, "ann", "line " + i, false, i)));
        }
        sent.add(Failure.of(null, ErrorCode.RATE_LIMITED, "slow down"));
        sent.add(new Event.Bye(ErrorCode.SHUTTING_DOWN, "maintenance"));

        for (Message message : sent) {
            server.sendToAll(message);
        }

        List<Object> received = new ArrayList<>();
        while (received.size() < sent.size()) {
            Object next = seen.poll(5, TimeUnit.SECONDS);
            assertThat(next).as("message %d", received.size()).isNotNull();
            received.add(next);
        }
        assertThat(received).isEqualTo(sent);
        Await.result(connection.close());
    }

    @Test
    void linesTooLongOrUnreadableAreDroppedWithoutClosingTheConnection() throws Exception {
        ChatConnection connection = open();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        connection.addEventListener(events::add);

        byte[] tooLong = ("{\"type\":\"room_removed\",\"room\":1,\"x\":\"" + "x".repeat(20_000) + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        server.sendToAll(new Event.RoomRemoved(1, 1));
        server.sendRaw(Unpooled.wrappedBuffer(tooLong));
        server.sendRaw(Unpooled.copiedBuffer("{\"type\":\"from_the_future\"}\n", StandardCharsets.UTF_8));
        server.sendToAll(new Event.RoomRemoved(2, 1));

        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new Event.RoomRemoved(1, 1));
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new Event.RoomRemoved(2, 1));
        Await.result(connection.close());
    }

    @Test
    void whenTheConnectionClosesWaitingAndLaterRequestsFail() throws Exception {
        ChatConnection connection = open();
        CompletableFuture<Reply> waiting = connection.request(say(SILENCE));

        connection.dropAbruptly();

        assertThat(Await.failure(waiting)).isInstanceOf(ConnectionClosedException.class);
        Await.result(connection.closeFuture());
        assertThat(Await.failure(connection.request(say("anyone?")))).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void closeLogsOutFirst() throws Exception {
        ChatConnection connection = open();

        Await.result(connection.close());

        assertThat(server.awaitReceived(Request.Logout.class)).isNotNull();
    }

    @Test
    void aRefusedHelloFailsTheOpening() throws Exception {
        server.override((request, client) -> {
            if (request instanceof Request.Hello hello) {
                client.send(Failure.of(hello.id(), ErrorCode.UNSUPPORTED_VERSION, "this server speaks version 2"));
                return true;
            }
            return false;
        });

        Throwable failure = Await.failure(ChatConnection.open(options().build()));

        assertThat(failure).isInstanceOf(RequestFailedException.class);
        assertThat(((RequestFailedException) failure).code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        Await.until("the refused connection is closed", () -> server.connectedClients() == 0);
    }

    @Test
    void nobodyListeningFailsTheOpeningWithAConnectException() throws Exception {
        ConnectOptions options = options().build();
        server.close();

        assertThat(Await.failure(ChatConnection.open(options))).isInstanceOf(ConnectException.class);
    }

    @Test
    void connectionsCanShareAGroupThatOutlivesThem() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(2);
        try {
            ConnectOptions options = options().eventLoopGroup(group).build();
            ChatConnection first = Await.result(ChatConnection.open(options));
            ChatConnection second = Await.result(ChatConnection.open(options));

            Await.result(first.close());
            Await.result(second.close());

            assertThat(group.isShuttingDown()).isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
