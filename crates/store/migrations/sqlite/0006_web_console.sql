-- The web console's sign-in. Tokens and session ids are stored only as SHA-256 hashes, so a
-- copy of the database does not let anyone in.

-- One-time sign-in links the manager bot sends on /login: single use, minutes long.
CREATE TABLE web_login_links (
    token_hash TEXT PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

-- Console sessions, in the database so every instance behind a load balancer knows them.
CREATE TABLE web_sessions (
    id_hash TEXT PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX web_sessions_by_agent ON web_sessions (workspace_id, agent_id);

-- Optional passwords (argon2 PHC strings), for admins who sign in without Telegram.
CREATE TABLE agent_passwords (
    agent_id INTEGER PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
