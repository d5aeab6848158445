-- Custom fields (response.config.ts `fields`): an incident's values by field key, as typed JSON
-- (text, numbers, option keys, user ids, ISO times). Values of a field later removed from the
-- configuration stay here, readable. The verbs check values against the configuration.
ALTER TABLE "incidents" ADD COLUMN "custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_custom_fields_object_check" CHECK (jsonb_typeof("incidents"."custom_fields") = 'object');--> statement-breakpoint
-- The list's field filters (`?field.region=eu`) are containment tests (`custom_fields @> '{"region":"eu"}'`), which this index serves.
CREATE INDEX "incidents_custom_fields_idx" ON "incidents" USING gin ("custom_fields" jsonb_path_ops);
