-- Severities are configured (response.config.ts `severities`), so the column holds any key of the
-- scale; the verbs check a new value against the configuration, and old incidents keep a key that
-- was later removed from it. A key's shape is still bounded here.
ALTER TABLE "incidents" DROP CONSTRAINT "incidents_severity_check";--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_severity_key_check" CHECK ("incidents"."severity" ~ '^[a-z0-9][a-z0-9_-]{0,39}$');
