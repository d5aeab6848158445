ALTER TABLE "status_updates" ADD COLUMN "published" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "status_updates" ADD COLUMN "public_title" text;--> statement-breakpoint
ALTER TABLE "status_updates" ADD COLUMN "public_body" text;--> statement-breakpoint
ALTER TABLE "status_updates" ADD COLUMN "component_impacts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE TABLE "public_incidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"component_impacts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "public_incidents_incident_id_unique" UNIQUE("incident_id"),
	CONSTRAINT "public_incidents_status_check" CHECK ("public_incidents"."status" in ('investigating', 'identified', 'monitoring', 'resolved'))
);
--> statement-breakpoint
ALTER TABLE "public_incidents" ADD CONSTRAINT "public_incidents_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_incidents_started_idx" ON "public_incidents" USING btree ("started_at" DESC NULLS LAST);
