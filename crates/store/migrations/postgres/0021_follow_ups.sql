-- What clients answered when the desk followed up after closing (docs/follow-up.md): the
-- Customer Effort Score (1-7), and whether the issue is really solved (1 yes, 0 no, NULL not
-- asked or not answered). The first answer counts.
CREATE TABLE ticket_follow_ups (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    effort BIGINT NOT NULL,
    solved BIGINT,
    answered_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, ticket_id)
);
