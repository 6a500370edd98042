-- Proactive alerts (docs/proactive-alerts.md): each event the platform reported, once (its id
-- is the platform's), what became of it for the client (sent, opted_out, rate_limited) and
-- the ticket it opened, if any. The event's data is not kept: it lived in the message.
CREATE TABLE proactive_alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    delivery TEXT NOT NULL,
    risk INTEGER,
    ticket_id INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (workspace_id, event_id)
);
-- The day's limit counts a client's recent alerts.
CREATE INDEX proactive_alerts_by_client ON proactive_alerts (workspace_id, client_id, received_at);

-- Clients who pressed "No more alerts".
CREATE TABLE proactive_opt_outs (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    opted_out_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, client_id)
);
