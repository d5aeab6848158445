CREATE TABLE "inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" varchar(300) NOT NULL,
	"kind" varchar(40) NOT NULL,
	"payload" text NOT NULL,
	"status" varchar(10) DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	CONSTRAINT "inbox_status_check" CHECK ("inbox"."status" in ('pending', 'done', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_key_idx" ON "inbox" USING btree ("key");--> statement-breakpoint
CREATE INDEX "inbox_due_idx" ON "inbox" USING btree ("next_attempt_at","id") WHERE "inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_failed_idx" ON "inbox" USING btree ("failed_at","id") WHERE "inbox"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "inbox_done_idx" ON "inbox" USING btree ("done_at") WHERE "inbox"."status" = 'done';--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" varchar(400) PRIMARY KEY NOT NULL,
	"result_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
