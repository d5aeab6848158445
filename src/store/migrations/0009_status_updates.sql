CREATE TABLE "status_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"status" text NOT NULL,
	"message" text NOT NULL,
	"next_steps" text,
	"next_update_at" timestamp with time zone,
	"posted_by_id" integer,
	"actor" jsonb,
	"posted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_updates_status_check" CHECK ("status_updates"."status" in ('investigating', 'identified', 'monitoring', 'resolved'))
);
--> statement-breakpoint
ALTER TABLE "status_updates" ADD CONSTRAINT "status_updates_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_updates" ADD CONSTRAINT "status_updates_posted_by_id_users_id_fk" FOREIGN KEY ("posted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_updates_incident_posted_idx" ON "status_updates" USING btree ("incident_id","posted_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE TABLE "status_update_nudges" (
	"incident_id" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"level" varchar(10) NOT NULL,
	"nudged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "status_update_nudges_incident_id_due_at_level_pk" PRIMARY KEY("incident_id","due_at","level"),
	CONSTRAINT "status_update_nudges_level_check" CHECK ("status_update_nudges"."level" in ('due', 'overdue'))
);
--> statement-breakpoint
ALTER TABLE "status_update_nudges" ADD CONSTRAINT "status_update_nudges_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;
