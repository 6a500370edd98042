-- Each desk's intent model (docs/classification.md): trained on its own tickets, the topics
-- agents set being the labels, and retrained on a schedule. `model` is the classifier's JSON;
-- `accuracy_pct` its accuracy on a held-out share of the examples it was trained from.
CREATE TABLE desk_intent_models (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    labels INTEGER NOT NULL,
    examples INTEGER NOT NULL,
    accuracy_pct INTEGER,
    trained_at INTEGER NOT NULL
);

-- What the model made of a ticket's first question: the label (a topic's id), its confidence
-- in percent, and whether it was confident enough to set the ticket's topic (such a ticket
-- does not teach the next model its own guess).
CREATE TABLE ticket_intents (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    confidence_pct INTEGER NOT NULL,
    applied INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, ticket_id)
);
