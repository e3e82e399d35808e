package dev.confab.server.accounts;

import dev.confab.protocol.Account;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.DirectLine;
import dev.confab.server.Access;
import dev.confab.server.ChatFailure;
import dev.confab.server.Hub;
import dev.confab.server.Router;
import dev.confab.server.chat.Messages;
import dev.confab.server.moderation.BanList;
import dev.confab.server.net.Connection;
import dev.confab.server.presence.Presence;
import dev.confab.server.presence.Session;
import dev.confab.server.storage.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Register, log in (password or token), resume, log out, API tokens and roles. Hub thread. */
public final class AccountHandlers {
    private static final int MAX_TOKEN_LABEL = 64;

    private final Database db;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final BanList bans;
    private final Presence presence;
    private final Hub hub;
    private final Clock clock;

    public AccountHandlers(Database db, PasswordHasher hasher, LoginThrottle throttle, BanList bans,
                           Presence presence, Hub hub, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.throttle = throttle;
        this.bans = bans;
        this.presence = presence;
        this.hub = hub;
        this.clock = clock;
    }

    public void register(Router router) {
        router.anonymous(Request.Register.class, this::registerAccount);
        router.anonymous(Request.Login.class, this::login);
        router.anonymous(Request.Resume.class, this::resume);
        router.loggedIn(Request.Logout.class, this::logout);
        router.loggedIn(Request.CreateToken.class, this::createToken);
        router.loggedIn(Request.ListTokens.class, this::listTokens);
        router.loggedIn(Request.RevokeToken.class, this::revokeToken);
        router.loggedIn(Request.SetRole.class, this::setRole);
        router.loggedIn(Request.SetDisplayName.class, this::setDisplayName);
    }

    private void registerAccount(Connection connection, Request.Register request) {
        requireLoggedOut(connection);
        String problem = Accounts.nameProblem(request.name());
        if (problem != null) {
            throw new ChatFailure(ErrorCode.INVALID_NAME, problem);
        }
        checkPassword(request.password());
        requireAddressNotBanned(connection);
        hub.then(hasher.hash(request.password()), connection, request.id(), hash ->
                hub.then(db.write(c -> Accounts.insert(c, request.name(), hash, Role.MEMBER, clock.millis())),
                        connection, request.id(), created -> admit(connection, created.orElseThrow(() ->
                                new ChatFailure(ErrorCode.NAME_TAKEN, "the name " + request.name() + " is taken"))
                                .toAccount(), request.id())));
    }

    private void login(Connection connection, Request.Login request) {
        requireLoggedOut(connection);
        if (request.token() != null) {
            loginWithToken(connection, request);
            return;
        }
        String name = Access.require(request.name(), "name");
        String password = Access.require(request.password(), "password");
        String key = Accounts.key(name);
        refuseWhileThrottled(key, connection.ip());
        hub.then(db.read(c -> Accounts.findByName(c, name)), connection, request.id(), found ->
                hub.then(hasher.verify(password, found.map(Accounts.StoredAccount::passwordHash).orElse(null)),
                        connection, request.id(), matches -> {
                            if (!matches) {
                                throttle.recordFailure(key, connection.ip());
                                throw new ChatFailure(ErrorCode.BAD_CREDENTIALS, "wrong name or password");
                            }
                            throttle.recordSuccess(key);
                            admit(connection, found.get().toAccount(), request.id());
                        }));
    }

    private void loginWithToken(Connection connection, Request.Login request) {
        refuseWhileThrottled(null, connection.ip());
        hub.then(db.write(c -> {
            Optional<Long> account = ApiTokens.authenticate(c, request.token(), clock.millis());
            return account.isEmpty() ? Optional.<Accounts.StoredAccount>empty() : Accounts.findById(c, account.get());
        }), connection, request.id(), found -> {
            if (found.isEmpty()) {
                throttle.recordFailure(null, connection.ip());
                throw new ChatFailure(ErrorCode.BAD_CREDENTIALS, "unknown or revoked token");
            }
            connection.setScript(true);
            admit(connection, found.get().toAccount(), request.id());
        });
    }

    private void refuseWhileThrottled(String key, String ip) {
        long wait = throttle.secondsUntilAllowed(key, ip);
        if (wait > 0) {
            throw new ChatFailure(ErrorCode.RATE_LIMITED, "too many failed logins; try again in " + wait + " s");
        }
    }

    /** The last step of every login: bans, then presence, then the direct messages that waited. */
    private void admit(Connection connection, Account account, long requestId) {
        requireLoggedOut(connection);
        long now = clock.millis();
        bans.forAccount(account.id(), now).or(() -> bans.forAddress(connection.ip(), now)).ifPresent(ban -> {
            throw new ChatFailure(ErrorCode.BANNED, "you are " + BanList.describe(ban));
        });
        Session session = presence.enter(connection, account, requestId);
        if (session != null) {
            deliverWaitingDirects(session);
        }
    }

    private void deliverWaitingDirects(Session session) {
        long account = session.account().id();
        db.read(c -> Messages.undelivered(c, account)).thenAcceptAsync(waiting -> {
            if (waiting.isEmpty() || session.connection() == null) {
                return;
            }
            waiting.forEach(line -> session.connection().send(new Event.DirectReceived(line)));
            List<Long> ids = waiting.stream().map(DirectLine::id).toList();
            db.write(c -> {
                Messages.markDelivered(c, ids, clock.millis());
                return null;
            });
        }, hub);
    }

    private void resume(Connection connection, Request.Resume request) {
        requireLoggedOut(connection);
        requireAddressNotBanned(connection);
        if (presence.resume(connection, request.token(), request.id()) == null) {
            throw new ChatFailure(ErrorCode.RESUME_FAILED, "that session has expired or never existed; log in again");
        }
    }

    private void logout(Connection connection, Session session, Request.Logout request) {
        presence.leave(session, "logged out");
        connection.send(new Reply.Ok(request.id()));
    }

    private void createToken(Connection connection, Session session, Request.CreateToken request) {
        String label = request.label() == null || request.label().isBlank() ? "token" : request.label().strip();
        if (label.length() > MAX_TOKEN_LABEL) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "a token label is at most " + MAX_TOKEN_LABEL + " characters");
        }
        String secret = ApiTokens.newSecret();
        hub.then(db.write(c -> ApiTokens.insert(c, session.account().id(), label, secret, clock.millis())),
                connection, request.id(), token -> connection.send(new Reply.TokenCreated(request.id(), token, secret)));
    }

    private void listTokens(Connection connection, Session session, Request.ListTokens request) {
        hub.then(db.read(c -> ApiTokens.list(c, session.account().id())), connection, request.id(),
                tokens -> connection.send(new Reply.Tokens(request.id(), tokens)));
    }

    private void revokeToken(Connection connection, Session session, Request.RevokeToken request) {
        hub.then(db.write(c -> ApiTokens.revoke(c, session.account().id(), request.token())), connection,
                request.id(), revoked -> {
                    if (!revoked) {
                        throw new ChatFailure(ErrorCode.NOT_FOUND, "you have no token " + request.token());
                    }
                    connection.send(new Reply.Ok(request.id()));
                });
    }

    private void setRole(Connection connection, Session session, Request.SetRole request) {
        Access.requireRole(session, Role.ADMIN, "change roles");
        String name = Access.require(request.user(), "user");
        if (request.role() == null) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "\"role\" is required");
        }
        hub.then(db.write(c -> {
            Optional<Accounts.StoredAccount> target = Accounts.findByName(c, name);
            if (target.isPresent()) {
                Accounts.setRole(c, target.get().id(), request.role());
            }
            return target;
        }), connection, request.id(), target -> {
            Accounts.StoredAccount account = target.orElseThrow(() ->
                    new ChatFailure(ErrorCode.UNKNOWN_USER, "there is no account named " + name));
            Account updated = new Account(account.id(), account.name(), request.role(), account.displayName());
            presence.ofAccount(account.id()).forEach(s -> {
                s.setAccount(updated);
                presence.broadcast(new Event.MemberChanged(s.member()));
            });
            connection.send(new Reply.Ok(request.id()));
        });
    }

    /** Any person may choose the name they are shown by; every session of the account shows it at once. */
    private void setDisplayName(Connection connection, Session session, Request.SetDisplayName request) {
        String display;
        try {
            display = Accounts.displayName(request.name());
        } catch (IllegalArgumentException e) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        long accountId = session.account().id();
        hub.then(db.write(c -> Accounts.setDisplayName(c, accountId, display)), connection, request.id(), updated -> {
            presence.ofAccount(accountId).forEach(s -> {
                Account account = s.account();
                s.setAccount(new Account(account.id(), account.name(), account.role(), display));
                presence.broadcast(new Event.MemberChanged(s.member()));
            });
            connection.send(new Reply.Ok(request.id()));
        });
    }

    private void requireLoggedOut(Connection connection) {
        if (connection.session() != null) {
            throw new ChatFailure(ErrorCode.ALREADY_LOGGED_IN, "this connection is already logged in");
        }
    }

    private void requireAddressNotBanned(Connection connection) {
        bans.forAddress(connection.ip(), clock.millis()).ifPresent(ban -> {
            throw new ChatFailure(ErrorCode.BANNED, "this address is " + BanList.describe(ban));
        });
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < Limits.MIN_PASSWORD_CHARS) {
            throw new ChatFailure(ErrorCode.WEAK_PASSWORD,
                    "a password needs at least " + Limits.MIN_PASSWORD_CHARS + " characters");
        }
        if (password.length() > Limits.MAX_PASSWORD_CHARS) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST,
                    "a password is at most " + Limits.MAX_PASSWORD_CHARS + " characters");
        }
    }
}
