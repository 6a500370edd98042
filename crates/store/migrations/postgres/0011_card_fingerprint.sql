-- What the ticket's card in the agents' channel shows now: a fingerprint of its text and
-- buttons as last sent. A refresh that would render the same card skips the Telegram call
-- (most client messages change nothing on the card).
ALTER TABLE ticket_posts ADD COLUMN card_fingerprint TEXT;
