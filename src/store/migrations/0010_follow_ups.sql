-- Follow-ups made from a Slack message (✅ on it) remember the message: its key makes one message one
-- action however often it is reacted to, its permalink links back to it.
ALTER TABLE "actions" ADD COLUMN "source_key" varchar(200);
--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "source_url" text;
--> statement-breakpoint
-- When the owner was told about it after the incident closed, and reminded when it fell past due:
-- each at most once (a reopen and close again, or a redelivery, finds it recorded).
ALTER TABLE "actions" ADD COLUMN "owner_notified_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "past_due_reminded_at" timestamp with time zone;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "actions_source_key_idx" ON "actions" USING btree ("source_key");
--> statement-breakpoint
-- The past-due sweep reads only open, owned, dated follow-ups not yet reminded, by due date: its cost
-- grows with the work that is due, not with every action ever logged.
CREATE INDEX IF NOT EXISTS "actions_past_due_idx" ON "actions" USING btree ("due_date","id") WHERE "actions"."done" = false and "actions"."past_due_reminded_at" is null and "actions"."due_date" is not null and "actions"."assignee_id" is not null;
