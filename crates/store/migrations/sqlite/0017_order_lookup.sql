-- A desk's order lookup on its platform (docs/platform.md), one row per desk. `settings` is
-- the JSON of everything the admin configured but the secret (URL template, timeout, fields,
-- status template, order pattern); `secret` is the shared secret sealed with the instance's
-- key, so a database dump cannot sign requests to the platform.
CREATE TABLE desk_order_lookups (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    settings TEXT NOT NULL,
    secret TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES agents (id) ON DELETE SET NULL
);
