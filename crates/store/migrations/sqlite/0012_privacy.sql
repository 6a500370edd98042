-- Privacy (docs/privacy.md). An erased client keeps their row, so their tickets still count
-- in reports, but it names nobody: erased_at says when that happened, for the console and
-- the API to say so instead of showing an empty name.
ALTER TABLE clients ADD COLUMN erased_at BIGINT;
-- When a message's text and files were removed (the client's erasure, or the desk's retention
-- period): the console shows the message as removed rather than as an empty one.
ALTER TABLE messages ADD COLUMN content_deleted_at BIGINT;
-- The retention sweep looks for the oldest messages of a desk that still have content.
CREATE INDEX messages_by_age ON messages (workspace_id, created_at);
