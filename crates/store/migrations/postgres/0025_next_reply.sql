-- Next-reply targets (docs/routing.md, SLA): since when a client who has been answered waits
-- for the desk's next reply (their oldest unanswered message; NULL when nothing is owed), and
-- on each agent's reply the wait it ended, so reports measure next replies with the same rule
-- as the live clock (a wait the desk ended by resolving the ticket is no reply and not counted).
ALTER TABLE tickets ADD COLUMN awaiting_reply_since BIGINT;
ALTER TABLE messages ADD COLUMN answered_wait_since BIGINT;
-- The replies that ended a wait, by when they were given: what a report reads.
CREATE INDEX messages_answered_waits ON messages (workspace_id, created_at)
    WHERE answered_wait_since IS NOT NULL;
