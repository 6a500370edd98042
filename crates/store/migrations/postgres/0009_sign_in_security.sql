-- Password sign-in throttling, in the database so every instance behind a load balancer counts
-- the same attempts. One row per thing being throttled: an account ("account:<telegram id>")
-- or a client address ("address:<ip>"). Each attempt is counted before the password is
-- checked; past a free allowance each attempt closes the door for `next_delay_ms`, which
-- doubles up to a cap.
CREATE TABLE sign_in_throttle (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_delay_ms BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, subject)
);
