CREATE TABLE "slack_effects" (
	"key" varchar(200) PRIMARY KEY NOT NULL,
	"channel_id" varchar(40) NOT NULL,
	"state" varchar(20) NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"first_attempt_at" timestamp with time zone NOT NULL,
	"attempt_at" timestamp with time zone NOT NULL,
	"message_ts" varchar(40),
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notification_schedules" ADD COLUMN "runs" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Channels set up before the ledger existed: their invites, topic, welcome and bookmark are done (never made again).
INSERT INTO "slack_effects" ("key", "channel_id", "state", "attempts", "first_attempt_at", "attempt_at", "message_ts", "done_at")
SELECT k.prefix || c."channel_id", c."channel_id", 'done', 1, c."created_at", c."created_at", 'before-ledger', c."created_at"
FROM "comms_channels" c CROSS JOIN (VALUES ('comms-invite:'), ('comms-topic:'), ('comms-welcome:'), ('comms-bookmark:')) AS k(prefix)
ON CONFLICT DO NOTHING;
