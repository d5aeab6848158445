-- A follow-up may be tracked as an issue in Jira or Linear: which tracker, the issue's key and
-- link once created, and where the request stands (requested → linked, or failed when the tracker
-- refused it for good). Four nullable columns on actions rather than a table: an action has at
-- most one issue, and every read of an action shows it.
ALTER TABLE "actions" ADD COLUMN "issue_provider" varchar(16);
--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "issue_key" varchar(100);
--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "issue_url" text;
--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "issue_state" varchar(16);
--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_issue_state_check" CHECK ("actions"."issue_state" in ('requested', 'linked', 'failed'));
--> statement-breakpoint
-- The trackers' webhooks name the issue: one issue is linked to at most one action.
CREATE UNIQUE INDEX IF NOT EXISTS "actions_issue_idx" ON "actions" USING btree ("issue_provider","issue_key") WHERE "actions"."issue_key" is not null;
