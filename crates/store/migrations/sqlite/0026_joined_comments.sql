-- Joined comments (issue 13): while a discussion group's sending budget holds a ticket's
-- comments back, the client's text messages waiting behind each other go out as one comment.
-- Each of them then has that comment as its copy, so one Telegram message may be the copy of
-- several messages: the message joins the key. SQLite cannot change a primary key in place.
CREATE TABLE message_copies_joined (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    bot_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    telegram_message_id INTEGER NOT NULL,
    PRIMARY KEY (bot_id, chat_id, telegram_message_id, message_id)
);
INSERT INTO message_copies_joined (workspace_id, message_id, bot_id, chat_id, telegram_message_id)
    SELECT workspace_id, message_id, bot_id, chat_id, telegram_message_id FROM message_copies;
DROP TABLE message_copies;
ALTER TABLE message_copies_joined RENAME TO message_copies;
CREATE INDEX message_copies_by_message ON message_copies (message_id);
