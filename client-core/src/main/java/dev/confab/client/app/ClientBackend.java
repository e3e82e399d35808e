package dev.confab.client.app;

import dev.confab.client.app.ClientState.Phase;
import dev.confab.client.audio.device.AudioBackend;
import dev.confab.client.audio.device.AudioBackends;
import dev.confab.client.audio.device.AudioDevice;
import dev.confab.client.audio.device.AudioDeviceException;
import dev.confab.client.audio.engine.EngineState;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.client.chat.ChatSession;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.chat.ConnectionState;
import dev.confab.protocol.ChatLine;
import dev.confab.protocol.DirectLine;
import dev.confab.protocol.Event;
import dev.confab.protocol.Member;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.RoomInfo;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's backend actor: one thread that owns the chat session, the voice engine and all
 * client state. A UI {@link #submit}s {@link ClientCommand}s and renders the {@link ClientState}
 * snapshots the backend publishes to its listeners; it never waits for the network or audio.
 *
 * <p>Everything the session and the engine report (events, replies, state changes, engine
 * snapshots) is handed to the backend's thread, so the state has one writer and needs no locks.
 * Snapshots are coalesced: a burst of events publishes once, after the burst.
 */
public final class ClientBackend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClientBackend.class);
    /** The most notices kept while no conversation is viewed yet. */
    private static final int MAX_BEFORE_VIEWING = 50;

    /** Lines kept per conversation; older ones are fetched again on demand ({@link ClientCommand.LoadOlder}). */
    public static final int MAX_LINES = 1000;
    /** Lines fetched when a room's log is first shown, and per {@link ClientCommand.LoadOlder}. */
    public static final int HISTORY_PAGE = 50;

    /** A conversation's lines while the backend holds them. */
    private static final class Log {
        final ArrayDeque<ChatEntry> entries = new ArrayDeque<>();
        int unread;
        boolean historyLoaded;
    }

    private final BackendOptions options;
    private final ExecutorService thread;
    private final List<Consumer<? super ClientState>> listeners = new CopyOnWriteArrayList<>();
    private volatile ClientState published = ClientState.INITIAL;

    // The backend's thread only.
    private ChatSession session;
    private VoiceEngine engine;
    private Phase phase = Phase.OFFLINE;
    private String server;
    private String problem;
    private long mySession;
    private final List<RoomInfo> rooms = new ArrayList<>();
    private final Map<Long, Member> members = new LinkedHashMap<>();
    private final Map<Conversation, Log> conversations = new LinkedHashMap<>();
    private final Map<String, Integer> volumes;
    private VoiceEngine.Devices devices;
    private Conversation viewing;
    /** Notices and errors from before any conversation was viewed (a device that failed at login); the first takes them. */
    private final List<ChatEntry> beforeViewing = new ArrayList<>();
    private EngineState voice;
    private long version;
    private boolean publishPending;
    private boolean wasReconnecting;
    /** The person's own /echo; an echo room echoes whatever it says. */
    private boolean echoAsked;
    /** Whether the room this client is in was an echo room when last looked at. */
    private boolean inEchoRoom;
    /** The room to join once the login's snapshot has told the room tree, or null. */
    private String pendingRoom;

    public ClientBackend(BackendOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.volumes = new HashMap<>(options.volumes());
        this.devices = options.devices();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "confab-client");
            t.setDaemon(true);
            return t;
        });
    }

    /** Receives every snapshot from now on (the current one first), on the backend's thread: hand it on, never block. */
    public void addListener(Consumer<? super ClientState> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        run(() -> listener.accept(published));
    }

    /** The last snapshot published. */
    public ClientState state() {
        return published;
    }

    /** Queues a command; returns at once. */
    public void submit(ClientCommand command) {
        Objects.requireNonNull(command, "command");
        run(() -> {
            try {
                handle(command);
            } catch (RuntimeException e) {
                log.warn("command {} failed", command, e);
                error(command.getClass().getSimpleName() + " failed: " + e);
            }
        });
    }

    /** Logs out, closes voice and stops the backend's thread, waiting up to two seconds. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                disconnect();
                done.complete(null);
            });
            done.get(2, TimeUnit.SECONDS);
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        } catch (Exception e) {
            log.debug("closing the client backend: {}", e.toString());
        } finally {
            thread.shutdownNow();
        }
    }

    // ---- commands ----

    private void handle(ClientCommand command) {
        if (command instanceof ClientCommand.Connect c) {
            connect(c);
        } else if (command instanceof ClientCommand.Disconnect) {
            disconnect();
            phase = Phase.OFFLINE;
            problem = null;
        } else if (command instanceof ClientCommand.Join j) {
            join(j.room(), j.password());
        } else if (command instanceof ClientCommand.Say say) {
            say(say.text(), false);
        } else if (command instanceof ClientCommand.Act act) {
            say(act.text(), true);
        } else if (command instanceof ClientCommand.Direct d) {
            direct(d.to(), d.text());
        } else if (command instanceof ClientCommand.View v) {
            view(v.conversation());
        } else if (command instanceof ClientCommand.LoadOlder) {
            loadOlder();
        } else if (command instanceof ClientCommand.CreateRoom c) {
            createRoom(c);
        } else if (command instanceof ClientCommand.RenameRoom r) {
            withRoom(r.room(), room -> request(id -> new Request.RenameRoom(id, room.id(), r.name()),
                    ok -> notice("renamed " + room.name() + " to " + r.name())));
        } else if (command instanceof ClientCommand.DeleteRoom d) {
            withRoom(d.room(), room -> request(id -> new Request.DeleteRoom(id, room.id()),
                    ok -> notice("deleted " + room.name())));
        } else if (command instanceof ClientCommand.Kick k) {
            request(id -> new Request.Kick(id, k.user(), k.reason()), ok -> notice("kicked " + k.user()));
        } else if (command instanceof ClientCommand.Ban b) {
            Long seconds = b.length() == null ? null : b.length().toSeconds();
            request(id -> new Request.Ban(id, b.user(), null, b.reason(), seconds),
                    ok -> notice("banned " + b.user() + (seconds == null ? "" : " for " + seconds + " s")));
        } else if (command instanceof ClientCommand.Nick n) {
            request(id -> new Request.SetDisplayName(id, n.name()), ok -> notice(n.name() == null
                    ? "you are shown by your account name again" : "you are now shown as " + n.name().strip()));
        } else if (command instanceof ClientCommand.SetMuted m) {
            withVoice(e -> e.setMuted(m.muted()));
        } else if (command instanceof ClientCommand.SetDeafened d) {
            withVoice(e -> e.setDeafened(d.deafened()));
        } else if (command instanceof ClientCommand.Volume v) {
            volume(v.person(), v.percent());
        } else if (command instanceof ClientCommand.Mode m) {
            withVoice(e -> e.setMode(m.mode()));
        } else if (command instanceof ClientCommand.Talk t) {
            withVoice(e -> {
                if (t.talking()) {
                    e.startTalking();
                } else {
                    e.stopTalking();
                }
            });
        } else if (command instanceof ClientCommand.Whisper w) {
            whisper(w.person());
        } else if (command instanceof ClientCommand.Echo echo) {
            echoAsked = echo.on();
            withVoice(e -> applyEcho());
        } else if (command instanceof ClientCommand.Chaos c) {
            withVoice(e -> e.setChaos(c.settings()));
        } else if (command instanceof ClientCommand.Dump d) {
            withVoice(e -> dump(e, d));
        } else if (command instanceof ClientCommand.Show show) {
            if (show.error()) {
                error(show.text());
            } else {
                notice(show.text());
            }
        } else if (command instanceof ClientCommand.ListDevices) {
            listDevices();
        } else if (command instanceof ClientCommand.Input in) {
            changeDevices(in.backend(), in.device(), true);
        } else if (command instanceof ClientCommand.Output out) {
            changeDevices(out.backend(), out.device(), false);
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        requestPublish();
    }

    private void connect(ClientCommand.Connect c) {
        disconnect();
        phase = Phase.CONNECTING;
        server = c.server().toString();
        problem = null;
        ChatSession s = new ChatSession(ConnectOptions.builder(c.server(), c.trust())
                .clientName(options.clientName()).build());
        session = s;
        s.addEventListener(event -> run(() -> {
            if (s == session) {
                event(event);
            }
        }));
        s.addStateListener((state, cause) -> run(() -> {
            if (s == session) {
                sessionState(state, cause);
            }
        }));
        CompletableFuture<Reply.LoggedIn> login;
        if (c.login() instanceof ClientCommand.Login.Token t) {
            login = s.loginWithToken(t.token());
        } else if (c.login() instanceof ClientCommand.Login.Password p) {
            login = s.login(p.name(), p.password());
        } else {
            ClientCommand.Login.Register r = (ClientCommand.Login.Register) c.login();
            login = s.register(r.name(), r.password());
        }
        login.whenComplete((reply, failure) -> run(() -> {
            if (s != session) {
                return;
            }
            if (failure != null) {
                phase = Phase.OFFLINE;
                problem = describe(failure);
                session = null;
            } else {
                loggedIn(s, reply, c.room());
            }
            requestPublish();
        }));
    }

    private void loggedIn(ChatSession s, Reply.LoggedIn reply, String room) {
        phase = Phase.ONLINE;
        mySession = reply.session();
        startVoice(s, null);
        // The room tree arrives in the snapshot that follows the login's reply: join once it is here.
        pendingRoom = room;
    }

    /**
     * Starts the voice engine on {@code s} with the current devices, if there are any; carries
     * over the controls of {@code before} (the engine's last state) when it replaces one.
     */
    private void startVoice(ChatSession s, EngineState before) {
        if (devices == null) {
            return;
        }
        try {
            VoiceEngine e = VoiceEngine.forSession(s, devices, options.capture(), options.jitter());
            engine = e;
            e.addListener(state -> run(() -> {
                if (e == engine) {
                    voice = state;
                    requestPublish();
                }
            }));
            if (before != null) {
                e.setMode(before.mode());
                e.setMuted(before.muted());
                e.setDeafened(before.deafened());
                e.setMasterVolume(before.masterVolume());
            }
            for (Member m : members.values()) {
                applyVolume(m);
            }
            e.start();
            voice = e.state();
            applyEcho();
        } catch (AudioDeviceException | RuntimeException ex) {
            log.warn("voice could not start", ex);
            engine = null;
            voice = null;
            error("voice is off: " + ex.getMessage());
        }
    }

    private void listDevices() {
        CompletableFuture.supplyAsync(AudioBackends::listAll).whenComplete((listings, failure) -> run(() -> {
            if (failure != null) {
                error("listing audio devices failed: " + describe(failure));
                return;
            }
            for (AudioBackends.Listing l : listings) {
                if (!l.available() || l.problem() != null) {
                    notice(l.backend() + ": " + (l.problem() != null ? l.problem() : l.status()));
                    continue;
                }
                notice(l.backend() + " input: " + names(l.capture()));
                notice(l.backend() + " output: " + names(l.playback()));
            }
        }));
    }

    private static String names(List<AudioDevice> devices) {
        if (devices.isEmpty()) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (AudioDevice d : devices) {
            out.append(out.length() == 0 ? "" : ", ").append(d.name()).append(d.isDefault() ? " (default)" : "");
        }
        return out.toString();
    }

    private void changeDevices(String backendName, String device, boolean input) {
        VoiceEngine.Devices now = devices != null ? devices
                : new VoiceEngine.Devices(AudioBackends.defaultBackend(), null, AudioBackends.defaultBackend(), null);
        AudioBackend backend;
        try {
            backend = backendName == null ? (input ? now.captureBackend() : now.playbackBackend())
                    : AudioBackends.byName(backendName);
        } catch (AudioDeviceException e) {
            error(e.getMessage());
            return;
        }
        devices = input ? new VoiceEngine.Devices(backend, device, now.playbackBackend(), now.playbackDevice())
                : new VoiceEngine.Devices(now.captureBackend(), now.captureDevice(), backend, device);
        String what = (input ? "input: " : "output: ") + backend.name() + " " + (device == null ? "(default)" : device);
        if (session == null || phase == Phase.OFFLINE) {
            notice(what + " (from the next connection)");
            return;
        }
        EngineState before = voice;
        if (engine != null) {
            engine.close();
            engine = null;
        }
        startVoice(session, before);
        if (engine != null) {
            notice(what);
        }
    }

    private void disconnect() {
        if (engine != null) {
            engine.close();
            engine = null;
            voice = null;
        }
        if (session != null) {
            ChatSession s = session;
            session = null;
            s.logout().exceptionally(e -> null);
        }
        rooms.clear();
        members.clear();
        mySession = 0;
        pendingRoom = null;
    }

    private void join(String reference, String password) {
        withRoom(reference, room -> request(id -> new Request.Join(id, room.id(), password), ok -> {
            view(Conversation.room(room.id()));
        }));
    }

    private void say(String text, boolean action) {
        Conversation c = viewing;
        if (c == null) {
            error("not connected: /connect first");
        } else if (c.isDirect()) {
            if (action) {
                error("/me is for rooms; this is a direct conversation with " + c.peer());
            } else {
                direct(c.peer(), text);
            }
        } else {
            long room = c.room();
            request(id -> new Request.Say(id, room, text, action), posted -> { });
        }
    }

    private void direct(String to, String text) {
        String me = myName();
        request(id -> new Request.Dm(id, to, text), posted -> {
            Reply.Posted p = (Reply.Posted) posted;
            append(Conversation.direct(to), new ChatEntry(p.messageId(), p.ts(), ChatEntry.Kind.DIRECT, me, text));
            view(Conversation.direct(to));
        });
    }

    private void view(Conversation c) {
        viewing = c;
        for (ChatEntry entry : beforeViewing) {
            append(c, entry);
        }
        beforeViewing.clear();
        Log log = conversations.computeIfAbsent(c, k -> new Log());
        log.unread = 0;
        if (!c.isDirect() && !log.historyLoaded) {
            log.historyLoaded = true;
            fetchHistory(c.room(), null);
        }
    }

    private void loadOlder() {
        Conversation c = viewing;
        if (c == null || c.isDirect()) {
            return;
        }
        Log log = conversations.get(c);
        Long before = log == null ? null : log.entries.stream().filter(e -> e.id() > 0).map(ChatEntry::id)
                .findFirst().orElse(null);
        fetchHistory(c.room(), before);
    }

    private void fetchHistory(long room, Long before) {
        request(id -> new Request.History(id, room, before, null, HISTORY_PAGE), page -> {
            List<ChatLine> lines = ((Reply.HistoryPage) page).messages();
            Log log = conversations.computeIfAbsent(Conversation.room(room), k -> new Log());
            List<ChatEntry> older = new ArrayList<>();
            long oldestHeld = log.entries.stream().filter(e -> e.id() > 0).mapToLong(ChatEntry::id).min()
                    .orElse(Long.MAX_VALUE);
            for (ChatLine line : lines) {
                if (line.id() < oldestHeld) {
                    older.add(entry(line));
                }
            }
            older.sort((a, b) -> Long.compare(a.id(), b.id()));
            for (int i = older.size() - 1; i >= 0; i--) {
                log.entries.addFirst(older.get(i));
            }
            trim(log);
        });
    }

    /** After a resume, what was said meanwhile in the rooms whose logs are held. */
    private void catchUp() {
        for (Map.Entry<Conversation, Log> held : conversations.entrySet()) {
            Conversation c = held.getKey();
            long last = held.getValue().entries.stream().filter(e -> e.id() > 0).mapToLong(ChatEntry::id).max()
                    .orElse(0);
            if (c.isDirect() || last == 0) {
                continue;
            }
            request(id -> new Request.History(id, c.room(), null, last, MAX_LINES), page -> {
                for (ChatLine line : ((Reply.HistoryPage) page).messages()) {
                    append(c, entry(line));
                }
            });
        }
    }

    private void createRoom(ClientCommand.CreateRoom c) {
        if (c.parent() == null) {
            request(id -> new Request.CreateRoom(id, c.name(), null, null, null, null, null),
                    ok -> notice("created " + c.name()));
        } else {
            withRoom(c.parent(), parent -> request(id -> new Request.CreateRoom(id, c.name(), parent.id(), null, null,
                    null, null), ok -> notice("created " + c.name() + " in " + parent.name())));
        }
    }

    private void volume(String person, int percent) {
        if (percent < 0 || percent > 200) {
            error("volume must be 0 to 200 %, not " + percent);
            return;
        }
        volumes.put(person, percent);
        if (engine != null) {
            for (Member m : members.values()) {
                if (m.name().equalsIgnoreCase(person)) {
                    engine.setVolume(m.session(), percent);
                }
            }
        }
        notice("volume of " + person + ": " + percent + " %");
    }

    private void whisper(String person) {
        withVoice(e -> {
            if (person == null) {
                e.whisperTo(VoiceEngine.NO_WHISPER);
                notice("whisper off");
                return;
            }
            Member target = members.values().stream().filter(m -> m.name().equalsIgnoreCase(person)).findFirst()
                    .orElse(null);
            if (target == null) {
                error("nobody called " + person + " is online");
            } else {
                e.whisperTo(target.session());
                notice("whispering to " + target.name() + " (/whisper alone stops)");
            }
        });
    }

    private void dump(VoiceEngine e, ClientCommand.Dump d) {
        if (d.directory() == null) {
            e.stopDump();
            notice("audio dump stopped");
            return;
        }
        try {
            e.startDump(d.directory());
            notice("dumping audio into " + d.directory());
        } catch (IOException ex) {
            error("cannot dump audio into " + d.directory() + ": " + ex.getMessage());
        }
    }

    // ---- what the session tells ----

    private void sessionState(ConnectionState state, Throwable cause) {
        switch (state) {
            case ONLINE -> {
                phase = Phase.ONLINE;
                problem = null;
                if (wasReconnecting) {
                    wasReconnecting = false;
                    notice("connection resumed");
                    catchUp();
                }
            }
            case RECONNECTING -> {
                phase = Phase.RECONNECTING;
                wasReconnecting = true;
                problem = cause == null ? "connection lost" : describe(cause);
            }
            case CLOSED -> {
                if (phase != Phase.OFFLINE || cause != null) {
                    phase = Phase.OFFLINE;
                    problem = cause == null ? null : describe(cause);
                    if (cause != null) {
                        error("disconnected: " + problem);
                    }
                }
            }
            case CONNECTING -> phase = Phase.CONNECTING;
        }
        requestPublish();
    }

    private void event(Event event) {
        if (event instanceof Event.Snapshot s) {
            rooms.clear();
            rooms.addAll(s.rooms());
            members.clear();
            for (Member m : s.members()) {
                members.put(m.session(), m);
                applyVolume(m);
            }
            Member me = members.get(mySession);
            if (me != null && viewing == null) {
                view(Conversation.room(me.room()));
            }
            if (pendingRoom != null) {
                String room = pendingRoom;
                pendingRoom = null;
                join(room, null);
            }
        } else if (event instanceof Event.RoomAdded a) {
            rooms.add(a.room());
        } else if (event instanceof Event.RoomChanged c) {
            rooms.replaceAll(r -> r.id() == c.room().id() ? c.room() : r);
        } else if (event instanceof Event.RoomRemoved r) {
            rooms.removeIf(room -> room.id() == r.room());
            if (viewing != null && viewing.room() == r.room()) {
                view(Conversation.room(r.movedTo()));
            }
        } else if (event instanceof Event.MemberJoined j) {
            members.put(j.member().session(), j.member());
            applyVolume(j.member());
            noticeInRoom(j.member().room(), j.member().name() + " joined");
        } else if (event instanceof Event.MemberLeft l) {
            Member gone = members.remove(l.session());
            if (gone != null) {
                noticeInRoom(gone.room(), gone.name() + " left" + (l.reason() == null ? "" : " (" + l.reason() + ")"));
            }
        } else if (event instanceof Event.MemberChanged c) {
            members.put(c.member().session(), c.member());
        } else if (event instanceof Event.MemberMoved m) {
            moved(m);
        } else if (event instanceof Event.MessagePosted p) {
            append(Conversation.room(p.message().room()), entry(p.message()));
        } else if (event instanceof Event.DirectReceived d) {
            directReceived(d.message());
        } else if (event instanceof Event.Bye b) {
            error("the server closed the connection: " + b.reason());
        }
        // Voice grants and revocations go to the voice connection.
        applyEcho();
        requestPublish();
    }

    /**
     * Echoes this client's voice back to it (and to nobody else) while the person asked for it or
     * while it is in an echo room, and says so on entering one. Called after every event and
     * whenever the voice engine or the person's choice changes.
     */
    private void applyEcho() {
        Member me = members.get(mySession);
        RoomInfo room = me == null ? null : roomById(me.room());
        boolean echoRoom = room != null && room.echo();
        if (echoRoom && !inEchoRoom) {
            notice(room.name() + " is an echo room: you hear yourself, and nobody hears you");
        }
        inEchoRoom = echoRoom;
        if (engine != null) {
            engine.setEchoTest(echoAsked || echoRoom);
        }
    }

    private void moved(Event.MemberMoved m) {
        Member who = members.get(m.session());
        if (who == null) {
            return;
        }
        members.put(m.session(), new Member(who.session(), who.user(), who.name(), who.role(), m.to(), who.muted(),
                who.deafened(), who.serverMuted()));
        if (m.session() == mySession) {
            return; // the join's reply moves the view
        }
        RoomInfo to = roomById(m.to());
        noticeInRoom(m.from(), who.name() + " went to " + (to == null ? "another room" : to.name()));
        noticeInRoom(m.to(), who.name() + " came in");
    }

    private void directReceived(DirectLine line) {
        String me = myName();
        String peer = line.fromName().equalsIgnoreCase(me) ? line.toName() : line.fromName();
        Conversation c = Conversation.direct(peer);
        Log log = conversations.get(c);
        if (log != null && log.entries.stream().anyMatch(e -> e.id() == line.id())) {
            return; // our own, already shown from the reply
        }
        append(c, new ChatEntry(line.id(), line.ts(), ChatEntry.Kind.DIRECT, line.fromName(), line.text()));
    }

    // ---- state helpers ----

    private void append(Conversation c, ChatEntry entry) {
        Log log = conversations.computeIfAbsent(c, k -> new Log());
        if (entry.id() > 0 && log.entries.stream().anyMatch(e -> e.id() == entry.id())) {
            return;
        }
        log.entries.addLast(entry);
        trim(log);
        boolean counts = entry.kind() != ChatEntry.Kind.NOTICE && entry.kind() != ChatEntry.Kind.ERROR;
        if (counts && !c.equals(viewing)) {
            log.unread++;
        }
        requestPublish();
    }

    private static void trim(Log log) {
        while (log.entries.size() > MAX_LINES) {
            log.entries.removeFirst();
        }
    }

    private void notice(String text) {
        appendHere(ChatEntry.notice(text));
    }

    private void error(String text) {
        appendHere(ChatEntry.error(text));
        if (viewing == null) {
            problem = text;
            requestPublish();
        }
    }

    private void appendHere(ChatEntry entry) {
        if (viewing != null) {
            append(viewing, entry);
        } else {
            if (beforeViewing.size() == MAX_BEFORE_VIEWING) {
                beforeViewing.remove(0);
            }
            beforeViewing.add(entry);
            requestPublish();
        }
    }

    private void noticeInRoom(long room, String text) {
        Member me = members.get(mySession);
        if (me != null && me.room() == room) {
            append(Conversation.room(room), ChatEntry.notice(text));
        }
    }

    private void applyVolume(Member m) {
        Integer percent = volumes.get(m.name());
        if (percent != null && engine != null) {
            engine.setVolume(m.session(), percent);
        }
    }

    private String myName() {
        Member me = members.get(mySession);
        return me == null ? "me" : me.name();
    }

    private RoomInfo roomById(long id) {
        for (RoomInfo r : rooms) {
            if (r.id() == id) {
                return r;
            }
        }
        return null;
    }

    /** Resolves a room by id or by name (any case), or says there is none. */
    private void withRoom(String reference, Consumer<RoomInfo> action) {
        if (reference == null || reference.isBlank()) {
            error("which room?");
            return;
        }
        String wanted = reference.strip();
        for (RoomInfo r : rooms) {
            if (r.name().equalsIgnoreCase(wanted) || Long.toString(r.id()).equals(wanted)) {
                action.accept(r);
                return;
            }
        }
        error("there is no room " + wanted);
    }

    private void withVoice(Consumer<VoiceEngine> action) {
        if (engine == null) {
            error("voice is off");
        } else {
            action.accept(engine);
        }
    }

    /** Sends a request; its reply runs {@code then} on the backend's thread, a failure becomes an error line. */
    private void request(LongFunction<Request> build, Consumer<Reply> then) {
        ChatSession s = session;
        if (s == null) {
            error("not connected: /connect first");
            return;
        }
        s.request(build).whenComplete((reply, failure) -> run(() -> {
            if (failure != null) {
                error(describe(failure));
            } else {
                then.accept(reply);
            }
            requestPublish();
        }));
    }

    private static ChatEntry entry(ChatLine line) {
        return new ChatEntry(line.id(), line.ts(), line.action() ? ChatEntry.Kind.ACTION : ChatEntry.Kind.MESSAGE,
                line.name(), line.text());
    }

    /** The failure's message: a refusal's reads "code: what the server said". */
    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    // ---- publishing ----

    private void requestPublish() {
        if (!publishPending) {
            publishPending = true;
            run(this::publish);
        }
    }

    private void publish() {
        publishPending = false;
        Map<Conversation, ConversationLog> logs = new LinkedHashMap<>();
        for (Map.Entry<Conversation, Log> e : conversations.entrySet()) {
            logs.put(e.getKey(), new ConversationLog(e.getKey(), new ArrayList<>(e.getValue().entries),
                    e.getValue().unread));
        }
        ClientState next = new ClientState(phase, server, problem, members.get(mySession), rooms,
                new ArrayList<>(members.values()), logs, viewing, beforeViewing, voice, ++version);
        published = next;
        for (Consumer<? super ClientState> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                log.warn("a client state listener failed", e);
            }
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closed) {
            // the backend was closed: late news goes nowhere
        }
    }
}
