-- The knowledge base (docs/knowledge-base.md): articles in Markdown, one row per language,
-- translations sharing a slug; every saved text kept as a revision for history and rollback.
CREATE TABLE kb_articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    language TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    revision INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    UNIQUE (workspace_id, language, slug)
);

CREATE TABLE kb_article_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    slug TEXT NOT NULL,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    edited_at INTEGER NOT NULL,
    edited_by INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    UNIQUE (article_id, revision)
);

-- Bumped in the transaction of every article change: each instance keeps its search index in
-- memory and rebuilds it when the desk's generation moved.
CREATE TABLE kb_generations (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    generation INTEGER NOT NULL
);

-- What clients said about suggested articles: deflections ("helped") per article, and the
-- suggestions that did not help before a request was opened.
CREATE TABLE kb_feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    client_id INTEGER REFERENCES clients (id) ON DELETE SET NULL,
    ticket_id INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    outcome TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX kb_feedback_by_time ON kb_feedback (workspace_id, at);
