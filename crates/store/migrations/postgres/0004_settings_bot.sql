-- The settings bot: first-run setup codes and the owner's and admins' dialogs.

-- One-time codes printed by `serve` while the desk has no owner. Only a hash is kept; a code
-- is used once (used_at is set by a single guarded UPDATE).
CREATE TABLE setup_codes (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT,
    used_by BIGINT,
    PRIMARY KEY (workspace_id, code_hash)
);

-- Wrong codes sent since the last code was printed; claiming locks past a limit, so the
-- code cannot be guessed by brute force.
CREATE TABLE setup_attempts (
    workspace_id BIGINT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    failed BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Where an admin is in a multi-step settings dialog ("send me the token"), so a restart
-- drops nobody mid-step. The state is JSON the relay owns.
CREATE TABLE staff_dialogs (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    telegram_user_id BIGINT NOT NULL,
    state TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, telegram_user_id)
);
