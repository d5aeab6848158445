-- Which source row became which of ours, for `import response`: a re-run finds what it made before
-- (nothing doubled), skips incidents whose source is unchanged (by fingerprint), and never
-- overwrites an incident declared here that happens to hold an original id.
CREATE TABLE "import_sources" (
	"source" varchar(40) NOT NULL,
	"kind" varchar(40) NOT NULL,
	"source_id" bigint NOT NULL,
	"target_id" bigint NOT NULL,
	"incident_id" integer,
	"fingerprint" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_sources_source_kind_source_id_pk" PRIMARY KEY("source","kind","source_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "import_sources_target_idx" ON "import_sources" USING btree ("source","kind","target_id");
--> statement-breakpoint
CREATE INDEX "import_sources_incident_idx" ON "import_sources" USING btree ("incident_id");
