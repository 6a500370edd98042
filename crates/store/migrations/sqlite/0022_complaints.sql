-- The complaint register (docs/complaints.md): a ticket registered as a complaint, with its
-- category, the severity the desk computed (points and reasons as a JSON array) and the one an
-- agent set instead with a reason, root cause, resolution, and the acknowledgement's promise.
CREATE TABLE complaints (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    points INTEGER NOT NULL,
    reasons TEXT NOT NULL,
    adjusted_severity TEXT,
    adjusted_reason TEXT,
    public INTEGER NOT NULL,
    root_cause TEXT,
    resolution TEXT,
    acknowledged_at INTEGER,
    promised_by INTEGER,
    registered_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, ticket_id)
);
-- Repeats within 30 days are counted per client; the register is read by date.
CREATE INDEX complaints_by_client ON complaints (workspace_id, client_id, registered_at);
CREATE INDEX complaints_by_date ON complaints (workspace_id, registered_at);

-- Compensation decisions, amounts in minor units of the desk's currency. `pending` waits for
-- someone whose approval limit covers the amount; the first decision counts.
CREATE TABLE compensations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    note TEXT NOT NULL,
    status TEXT NOT NULL,
    proposed_by INTEGER NOT NULL REFERENCES agents (id),
    proposed_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES agents (id),
    decided_at INTEGER
);
CREATE INDEX compensations_by_ticket ON compensations (workspace_id, ticket_id);
CREATE INDEX compensations_by_status ON compensations (workspace_id, status);
