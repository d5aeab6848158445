-- Severities are configured (response.config.ts `severities`), so the column holds any key of the
-- scale; the verbs check a new value against the configuration, and old incidents keep a key that
-- was later removed from it. A key's shape is still bounded here.
ALTER TABLE "incidents" DROP CONSTRAINT "incidents_severity_check";--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_severity_key_check" CHECK ("incidents"."severity" ~ '^[a-z0-9][a-z0-9_-]{0,39}$');
--> statement-breakpoint
-- Incident types (response.config.ts `types`): the key of the kind of incident, filterable like severity.
ALTER TABLE "incidents" ADD COLUMN "type" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_type_key_check" CHECK ("incidents"."type" ~ '^[a-z0-9][a-z0-9_-]{0,39}$');--> statement-breakpoint
CREATE INDEX "incidents_type_newest_idx" ON "incidents" USING btree ("type","report_time" DESC NULLS LAST,"id" DESC NULLS LAST);
