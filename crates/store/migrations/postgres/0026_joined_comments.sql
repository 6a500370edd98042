-- Joined comments (issue 13): while a discussion group's sending budget holds a ticket's
-- comments back, the client's text messages waiting behind each other go out as one comment.
-- Each of them then has that comment as its copy, so one Telegram message may be the copy of
-- several messages: the message joins the key.
ALTER TABLE message_copies DROP CONSTRAINT message_copies_pkey;
ALTER TABLE message_copies ADD PRIMARY KEY (bot_id, chat_id, telegram_message_id, message_id);
