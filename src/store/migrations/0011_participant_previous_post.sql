-- The post before a person's latest in an incident's channel: a catch-up asked for in a post of its own
-- (`@incident catchup`) counts what changed since the one before it.
ALTER TABLE "participants" ADD COLUMN "previous_message_at" timestamp with time zone;
