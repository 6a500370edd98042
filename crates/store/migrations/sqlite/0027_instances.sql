-- Instances sharing the database (docs/deploy.md, several instances): each running process
-- (incarnation) keeps a row alive while it runs, renewed shortly before it expires, so the
-- others know how many share the desk's bots and each aims at a fair share of them. A draining
-- instance (SIGTERM) is marked so the others take its bots at once instead of counting it.
CREATE TABLE instances (
    id TEXT PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    draining INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX instances_live ON instances (workspace_id, expires_at);
