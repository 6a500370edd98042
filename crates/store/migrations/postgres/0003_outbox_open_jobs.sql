-- Delivered jobs stay in the outbox (history, dedupe keys), so the table only grows. Claiming
-- looks at unfinished jobs only: index just those, so a claim's cost follows the backlog, not
-- the number of messages ever sent.
CREATE INDEX outbox_open_by_key ON outbox (ordering_key, id) WHERE status IN ('pending', 'in_flight');
CREATE INDEX outbox_open_by_bot ON outbox (bot_id, id) WHERE status IN ('pending', 'in_flight');
