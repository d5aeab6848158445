-- The Slack workspace an API token was made in (the web UI knows it; CLI-made tokens have none):
-- a token minted in the sandbox workspace never works once the same data serves a real one.
ALTER TABLE "api_tokens" ADD COLUMN "team_id" varchar(32);
