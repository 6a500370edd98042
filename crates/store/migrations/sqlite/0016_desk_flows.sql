-- Flows as data (docs/flows.md): every saved source of a desk's flow, as written (comments
-- kept), one row per revision; the newest is the one clients run. Rollback saves an old
-- revision's source again as a new one, so history only grows.
CREATE TABLE desk_flows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    source TEXT NOT NULL,
    saved_at INTEGER NOT NULL,
    saved_by INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    note TEXT,
    UNIQUE (workspace_id, revision)
);

-- What a flow collected, attached to the ticket it handed off: one row per field, in the
-- order asked. `value` is the JSON of ticketgram_flows::FieldValue; `display` its one line.
CREATE TABLE ticket_fields (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    display TEXT NOT NULL,
    PRIMARY KEY (ticket_id, position),
    UNIQUE (ticket_id, name)
);

-- Report events of the flow engine, for form completion and abandonment per step.
CREATE TABLE flow_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    step TEXT NOT NULL,
    kind TEXT NOT NULL,
    client_id INTEGER REFERENCES clients (id) ON DELETE SET NULL,
    at INTEGER NOT NULL
);
CREATE INDEX flow_events_by_time ON flow_events (workspace_id, at);
