CREATE TABLE "plugin_data" (
	"plugin" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plugin_data_pkey" PRIMARY KEY("plugin","key")
);
