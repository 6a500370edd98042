-- Each client's flood limit (a token bucket, kept as the instant it is full again) and their
-- current flood: written with every message the client sends, in that message's transaction,
-- so a replayed update judges it the same way and a flood's notice is queued once.
CREATE TABLE client_flood (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    full_at BIGINT,
    flood_since BIGINT,
    held_total BIGINT NOT NULL,
    held_before_flood BIGINT NOT NULL,
    last_held BIGINT,
    PRIMARY KEY (workspace_id, client_id)
);
