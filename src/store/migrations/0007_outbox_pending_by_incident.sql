-- The dispatcher holds an incident's later event back while an earlier one is pending (per subscriber):
-- that check looks up pending rows by incident, so it costs what is pending for the incident, not history.
CREATE INDEX IF NOT EXISTS "outbox_pending_incident_idx" ON "outbox" USING btree ("incident_id","id") WHERE "outbox"."done_at" is null and "outbox"."failed_at" is null;
