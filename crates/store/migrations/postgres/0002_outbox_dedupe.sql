-- Idempotent enqueue: re-handling the same update after a crash must not send twice.
-- NULL keys never collide, so jobs without a key are unaffected.
ALTER TABLE outbox ADD COLUMN dedupe_key TEXT;
CREATE UNIQUE INDEX outbox_dedupe ON outbox (workspace_id, dedupe_key);
CREATE INDEX outbox_by_bot ON outbox (bot_id, status, id);
