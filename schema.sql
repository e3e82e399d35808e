-- Confab chat server schema. This file is migration 1; later migrations live in
-- chat-server/src/main/resources/db/migrations and are applied in order at start-up.
-- Times are epoch milliseconds. Names are unique case-insensitively through *_key columns.

-- Migration 3 (3-display-name.sql) adds display_name TEXT: the name shown, NULL for the account name.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    name_key      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,            -- PHC string: $argon2id$v=19$m=...,t=...,p=...$salt$hash
    role          TEXT    NOT NULL CHECK (role IN ('guest', 'member', 'moderator', 'admin')),
    created_at    INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    label        TEXT    NOT NULL,
    token_hash   BLOB    NOT NULL UNIQUE,      -- SHA-256 of the secret; the secret itself is never stored
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
);
CREATE INDEX api_tokens_by_account ON api_tokens (account_id);

-- AUTOINCREMENT: a deleted room's id never comes back as another room (clients keep ids).
-- Migration 2 (2-room-echo.sql) adds echo INTEGER NOT NULL DEFAULT 0: 1 marks an echo room.
CREATE TABLE rooms (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id     INTEGER REFERENCES rooms (id),
    name          TEXT    NOT NULL,
    name_key      TEXT    NOT NULL UNIQUE,
    password_hash TEXT,                        -- NULL: no password
    min_role      TEXT    NOT NULL DEFAULT 'guest' CHECK (min_role IN ('guest', 'member', 'moderator', 'admin')),
    bitrate       INTEGER NOT NULL,
    max_users     INTEGER NOT NULL DEFAULT 0,  -- 0: no limit
    created_at    INTEGER NOT NULL
);
-- The lobby is the root of the tree; every connection lands here and it cannot be deleted.
INSERT INTO rooms (id, parent_id, name, name_key, min_role, bitrate, max_users, created_at)
VALUES (1, NULL, 'Lobby', 'lobby', 'guest', 32000, 0, 0);

-- AUTOINCREMENT so that an id is never reused: clients page and de-duplicate by id.
CREATE TABLE messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL,
    author     TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    action     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX messages_by_room ON messages (room_id, id);

CREATE TABLE direct_messages (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    sender_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    recipient_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    body         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    delivered_at INTEGER
);
CREATE INDEX direct_messages_undelivered ON direct_messages (recipient_id, id) WHERE delivered_at IS NULL;

CREATE TABLE bans (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    ip         TEXT,
    reason     TEXT    NOT NULL DEFAULT '',
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,                        -- NULL: permanent
    CHECK (account_id IS NOT NULL OR ip IS NOT NULL)
);
