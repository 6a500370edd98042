-- How far a job that makes several Telegram calls got (the parts of a long answer already
-- sent), so a retry resumes at the part that failed instead of sending the first ones again.
ALTER TABLE outbox ADD COLUMN progress BIGINT NOT NULL DEFAULT 0;

-- Inputs from outside Telegram (a console form's nonce, an API request's idempotency key)
-- that were applied. Written in the input's own transaction: a form posted twice (a double
-- click, a browser retry) finds its mark and changes nothing the second time.
CREATE TABLE applied_inputs (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
    origin TEXT NOT NULL,
    applied_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, origin)
);
