-- Where a client's bot language came from (an explicit choice in the bot is never
-- overridden by what detection learns) and the language they write in, any language, as
-- detected from their messages (docs/classification.md). Clients from before this migration
-- count as seeded by Telegram: their earlier explicit choices cannot be told apart.
ALTER TABLE clients ADD COLUMN language_source TEXT NOT NULL DEFAULT 'telegram';
ALTER TABLE clients ADD COLUMN written_language TEXT;
