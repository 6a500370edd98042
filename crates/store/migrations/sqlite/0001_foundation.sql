-- Ticketgram foundation schema (SQLite). The PostgreSQL twin in ../postgres has the same
-- tables and columns; only the column types differ (INTEGER here, BIGINT there).
-- Conventions: timestamps are unix milliseconds, booleans 0/1, JSON documents TEXT.

-- One support desk. Every row of desk data carries its workspace_id.
CREATE TABLE workspaces (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Ticket numbers are handed out by incrementing this row inside the create-ticket transaction.
CREATE TABLE workspace_counters (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    next_ticket_number INTEGER NOT NULL
);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    telegram_user_id INTEGER NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT,
    username TEXT,
    language TEXT NOT NULL,
    blocked_reason TEXT,
    blocked_by_kind TEXT,
    blocked_by_id INTEGER,
    blocked_at INTEGER,
    attributes TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, telegram_user_id)
);

CREATE TABLE agents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    telegram_user_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    alias TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    skills TEXT NOT NULL DEFAULT '[]',
    schedule TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, telegram_user_id)
);

CREATE TABLE topics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    names TEXT NOT NULL,
    position INTEGER NOT NULL,
    default_priority TEXT NOT NULL,
    queue TEXT,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX topics_by_workspace ON topics (workspace_id, position);

CREATE TABLE tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    topic_id INTEGER REFERENCES topics (id),
    subject TEXT NOT NULL,
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    assignee_id INTEGER REFERENCES agents (id),
    queue TEXT,
    language TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    first_response_at INTEGER,
    resolved_at INTEGER,
    closed_at INTEGER,
    rating INTEGER,
    rating_comment TEXT,
    -- Optimistic lock: every update bumps it and is guarded by the value it read.
    version INTEGER NOT NULL DEFAULT 0,
    UNIQUE (workspace_id, number)
);
CREATE INDEX tickets_by_client ON tickets (workspace_id, client_id, status);
CREATE INDEX tickets_by_status ON tickets (workspace_id, status);

CREATE TABLE ticket_tags (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);

-- Status history and other ticket events; reports and the audit trail read it.
CREATE TABLE ticket_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    actor_kind TEXT NOT NULL,
    actor_id INTEGER,
    details TEXT NOT NULL DEFAULT '{}',
    at INTEGER NOT NULL
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    direction TEXT NOT NULL,
    author_agent_id INTEGER REFERENCES agents (id),
    text TEXT,
    media TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    edited_at INTEGER
);
CREATE INDEX messages_by_ticket ON messages (ticket_id, id);

-- Where each message lives in Telegram. Edits and replies are mapped back through this table,
-- never through forward_from (hidden by users' privacy settings).
CREATE TABLE message_copies (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    bot_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    telegram_message_id INTEGER NOT NULL,
    PRIMARY KEY (bot_id, chat_id, telegram_message_id)
);
CREATE INDEX message_copies_by_message ON message_copies (message_id);

-- A client's conversation with the client bot, so a restart never drops someone mid-form,
-- and the ticket their next message belongs to.
CREATE TABLE client_states (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    client_id INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
    state TEXT NOT NULL DEFAULT '{"state":"idle"}',
    current_ticket_id INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    actor_kind TEXT NOT NULL,
    actor_id INTEGER,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '[]',
    at INTEGER NOT NULL
);
CREATE INDEX audit_log_by_workspace ON audit_log (workspace_id, id);

CREATE TABLE settings (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, key)
);

-- Bots are identified everywhere (inbox, outbox, message copies) by their Telegram bot id.
CREATE TABLE bots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    telegram_bot_id INTEGER NOT NULL UNIQUE,
    username TEXT NOT NULL,
    -- Opaque to the store; encryption at rest arrives in a later issue.
    token_ciphertext TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- One row per agents' channel post: the unique ticket_id makes creation idempotent.
CREATE TABLE ticket_posts (
    ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    channel_chat_id INTEGER NOT NULL,
    channel_message_id INTEGER,
    group_chat_id INTEGER,
    thread_message_id INTEGER,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ticket_posts_by_channel_message ON ticket_posts (channel_chat_id, channel_message_id);
CREATE INDEX ticket_posts_by_thread ON ticket_posts (group_chat_id, thread_message_id);

-- Update inbox: an update is committed here before its offset is acknowledged to Telegram.
CREATE TABLE updates (
    bot_id INTEGER NOT NULL,
    update_id INTEGER NOT NULL,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    payload TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    processed_at INTEGER,
    error TEXT,
    PRIMARY KEY (bot_id, update_id)
);
CREATE INDEX updates_unprocessed ON updates (bot_id, processed_at, update_id);

-- The getUpdates offset each bot has durably confirmed.
CREATE TABLE update_offsets (
    bot_id INTEGER PRIMARY KEY,
    last_confirmed_update_id INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Every outgoing Telegram call. Jobs of one ordering_key run strictly one after another.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    bot_id INTEGER NOT NULL,
    ordering_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before INTEGER NOT NULL,
    claimed_by TEXT,
    claim_expires_at INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    done_at INTEGER,
    result TEXT
);
CREATE INDEX outbox_unfinished ON outbox (status, ordering_key, id);
CREATE INDEX outbox_by_key ON outbox (ordering_key, id);

-- Leases make exactly one instance poll each bot; an expired lease may be taken over.
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
