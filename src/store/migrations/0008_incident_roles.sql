-- Roles other than the incident lead (which stays incidents.lead_id): at most one holder per role,
-- a person may hold several. Rows name a role by its configured key; a key later removed from the
-- configuration keeps its row (shown under its key) rather than losing who held it.
CREATE TABLE "incident_roles" (
	"incident_id" integer NOT NULL,
	"role" varchar(40) NOT NULL,
	"user_id" integer NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incident_roles_incident_id_role_pk" PRIMARY KEY("incident_id","role")
);
--> statement-breakpoint
ALTER TABLE "incident_roles" ADD CONSTRAINT "incident_roles_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_roles" ADD CONSTRAINT "incident_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
