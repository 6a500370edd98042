-- Each desk's intent model (docs/classification.md): trained on its own tickets, the topics
-- agents set being the labels, and retrained on a schedule. `model` is the classifier's JSON;
-- `accuracy_pct` its accuracy on a held-out share of the examples it was trained from.
CREATE TABLE desk_intent_models (
    workspace_id BIGINT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    labels BIGINT NOT NULL,
    examples BIGINT NOT NULL,
    accuracy_pct BIGINT,
    trained_at BIGINT NOT NULL
);

-- What the model made of a ticket's first question: the label (a topic's id), its confidence
-- in percent, and whether it was confident enough to set the ticket's topic (such a ticket
-- does not teach the next model its own guess).
CREATE TABLE ticket_intents (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    confidence_pct BIGINT NOT NULL,
    applied BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, ticket_id)
);
