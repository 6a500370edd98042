-- Each client's flood limit (a token bucket, kept as the instant it is full again) and their
-- current flood: written with every message the client sends, in that message's transaction,
-- so a replayed update judges it the same way and a flood's notice is queued once.
CREATE TABLE client_flood (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    full_at INTEGER,
    flood_since INTEGER,
    held_total INTEGER NOT NULL,
    held_before_flood INTEGER NOT NULL,
    last_held INTEGER,
    PRIMARY KEY (workspace_id, client_id)
);
