-- The manager bot: canned replies agents insert with one tap, one set per language.
CREATE TABLE reply_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (workspace_id, language, name)
);

-- The agent's queue (/my) and the unassigned queue (/queue) read tickets by assignee.
CREATE INDEX tickets_by_assignee ON tickets (workspace_id, assignee_id, status);
