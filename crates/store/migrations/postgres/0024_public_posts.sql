-- Public complaints (docs/public-complaints.md): a ticket opened from a message in a public
-- group or a public channel's comments the client bot watches. The message it came from (to
-- link and answer it), its author, when the desk answered there, and when the author opened
-- the client bot (`joined_at`): until then nothing can be sent to them privately, so their
-- answers wait.
CREATE TABLE public_posts (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    chat_id BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    chat_title TEXT NOT NULL,
    link TEXT NOT NULL,
    answered_at BIGINT,
    joined_at BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, ticket_id),
    UNIQUE (workspace_id, chat_id, message_id)
);
-- A client's posts: the ones waiting for them to open the bot, their latest in a chat.
CREATE INDEX public_posts_by_client ON public_posts (workspace_id, client_id, created_at);
