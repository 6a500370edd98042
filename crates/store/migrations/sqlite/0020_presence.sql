-- Agents' presence for routing (docs/routing.md): on duty, away or off, since when, and when
-- routing last gave them a ticket (round robin's turn). An agent without a row is on duty.
CREATE TABLE agent_presence (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    presence TEXT NOT NULL,
    since INTEGER NOT NULL,
    last_routed_at INTEGER,
    PRIMARY KEY (workspace_id, agent_id)
);
