-- Machine translation (docs/translation.md). The desk's settings live in `settings`
-- (`desk.translation`, and the provider's key sealed under `desk.translation_key`); here are
-- what was translated and how much.
--
-- One translation per message: a client's message translated for the agents (`incoming`), or
-- an agent's answer translated for the client (`answer`). `state` says what became of it:
-- `shown` (an incoming translation posted in the thread), `pending` (an answer waiting for its
-- agent's confirmation), `approved` (the translation is what the client gets), `declined`
-- (sent as written), `failed` (not translated: `note` says why). Its text is the client's
-- words in another language, so erasure and retention remove it with the message's.
CREATE TABLE message_translations (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    source_lang TEXT,
    target_lang TEXT NOT NULL,
    text TEXT,
    state TEXT NOT NULL,
    note TEXT,
    provider TEXT NOT NULL,
    -- The thread message that shows it (the translation, or the prompt with its buttons).
    shown_message_id INTEGER,
    decided_by INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    PRIMARY KEY (workspace_id, message_id)
);

-- Characters sent to the provider per desk-local day, for the daily quota.
CREATE TABLE translation_usage (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    chars INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, day)
);
