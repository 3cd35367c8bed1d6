CREATE TABLE "attendance_corrections" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attendance_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"assignment_id" integer NOT NULL,
	"corrected_by" integer,
	"reason" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_corrections_reason_given" CHECK (length(btrim("attendance_corrections"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "availability_declarations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "availability_declarations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"student_id" integer NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_declarations_kind_check" CHECK ("availability_declarations"."kind" in ('available', 'unavailable')),
	CONSTRAINT "availability_declarations_ends_after_starts" CHECK ("availability_declarations"."ends_at" > "availability_declarations"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "grade_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grade_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"evaluation_id" integer NOT NULL,
	"changed_by" integer,
	"reason" text DEFAULT '' NOT NULL,
	"before" jsonb,
	"after" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_changes_locked_change_reason" CHECK (coalesce("grade_changes"."before"->>'status', '') <> 'locked' or length(btrim("grade_changes"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "live_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "live_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"shift_id" integer NOT NULL,
	"code" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_sessions_code_format" CHECK ("live_sessions"."code" ~ '^[A-Z0-9]{4,12}$'),
	CONSTRAINT "live_sessions_ended_after_started" CHECK ("live_sessions"."ended_at" is null or ("live_sessions"."started_at" is not null and "live_sessions"."ended_at" >= "live_sessions"."started_at"))
);
--> statement-breakpoint
CREATE TABLE "rubric_criteria" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rubric_criteria_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" integer NOT NULL,
	"levels" jsonb NOT NULL,
	CONSTRAINT "rubric_criteria_name_not_blank" CHECK (length(btrim("rubric_criteria"."name")) > 0),
	CONSTRAINT "rubric_criteria_weight_positive" CHECK ("rubric_criteria"."weight" > 0),
	CONSTRAINT "rubric_criteria_levels_shape" CHECK (jsonb_typeof("rubric_criteria"."levels") = 'array' and jsonb_array_length("rubric_criteria"."levels") >= 2),
	CONSTRAINT "rubric_criteria_has_zero_level" CHECK (jsonb_path_exists("rubric_criteria"."levels", '$[*] ? (@.points == 0)'))
);
--> statement-breakpoint
CREATE TABLE "rubric_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rubric_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"post" text NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rubric_templates_post_check" CHECK ("rubric_templates"."post" in ('live_host', 'live_ops', 'customer_service', 'warehouse', 'store_ops', 'photo_design', 'copywriting', 'sourcing', 'video')),
	CONSTRAINT "rubric_templates_name_not_blank" CHECK (length(btrim("rubric_templates"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "rubric_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rubric_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"template_id" integer NOT NULL,
	"version" integer NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rubric_versions_version_positive" CHECK ("rubric_versions"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "schedule_weeks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "schedule_weeks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_weeks_status_check" CHECK ("schedule_weeks"."status" in ('draft', 'published')),
	CONSTRAINT "schedule_weeks_starts_monday" CHECK (extract(isodow from "schedule_weeks"."week_start") = 1),
	CONSTRAINT "schedule_weeks_published_shape" CHECK (("schedule_weeks"."status" = 'published') = ("schedule_weeks"."published_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "shift_assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shift_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"shift_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"source" text NOT NULL,
	"assigned_by" integer,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"clock_in_at" timestamp with time zone,
	"clock_out_at" timestamp with time zone,
	"late" boolean DEFAULT false NOT NULL,
	"auto_closed" boolean DEFAULT false NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_assignments_source_check" CHECK ("shift_assignments"."source" in ('signup', 'assigned', 'swap', 'cover')),
	CONSTRAINT "shift_assignments_status_check" CHECK ("shift_assignments"."status" in ('scheduled', 'clocked_in', 'completed', 'auto_closed', 'no_show', 'released')),
	CONSTRAINT "shift_assignments_clock_shape" CHECK (case "shift_assignments"."status"
        when 'clocked_in' then "shift_assignments"."clock_in_at" is not null and "shift_assignments"."clock_out_at" is null
        when 'completed' then "shift_assignments"."clock_in_at" is not null and "shift_assignments"."clock_out_at" is not null
        when 'auto_closed' then "shift_assignments"."clock_in_at" is not null and "shift_assignments"."clock_out_at" is not null
        else "shift_assignments"."clock_in_at" is null and "shift_assignments"."clock_out_at" is null
      end),
	CONSTRAINT "shift_assignments_out_after_in" CHECK ("shift_assignments"."clock_out_at" is null or "shift_assignments"."clock_out_at" >= "shift_assignments"."clock_in_at"),
	CONSTRAINT "shift_assignments_auto_closed_shape" CHECK (not "shift_assignments"."auto_closed" or "shift_assignments"."clock_out_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "shift_evaluations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shift_evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assignment_id" integer NOT NULL,
	"evaluator_role" text NOT NULL,
	"evaluator_id" integer,
	"rubric_version_id" integer NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"overall_comment" text DEFAULT '' NOT NULL,
	"score_basis_points" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"locked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_evaluations_role_check" CHECK ("shift_evaluations"."evaluator_role" in ('teacher', 'mentor')),
	CONSTRAINT "shift_evaluations_status_check" CHECK ("shift_evaluations"."status" in ('pending', 'draft', 'published', 'locked')),
	CONSTRAINT "shift_evaluations_score_range" CHECK ("shift_evaluations"."score_basis_points" is null or "shift_evaluations"."score_basis_points" between 0 and 10000),
	CONSTRAINT "shift_evaluations_scores_object" CHECK (jsonb_typeof("shift_evaluations"."scores") = 'object'),
	CONSTRAINT "shift_evaluations_published_shape" CHECK ("shift_evaluations"."status" not in ('published', 'locked') or ("shift_evaluations"."published_at" is not null and "shift_evaluations"."score_basis_points" is not null)),
	CONSTRAINT "shift_evaluations_locked_shape" CHECK (("shift_evaluations"."status" = 'locked') = ("shift_evaluations"."locked_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "shift_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shift_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"post" text NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	"capacity" smallint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_templates_post_check" CHECK ("shift_templates"."post" in ('live_host', 'live_ops', 'customer_service', 'warehouse', 'store_ops', 'photo_design', 'copywriting', 'sourcing', 'video')),
	CONSTRAINT "shift_templates_weekday_range" CHECK ("shift_templates"."weekday" between 1 and 7),
	CONSTRAINT "shift_templates_minutes_range" CHECK ("shift_templates"."start_minute" between 0 and 1440 and "shift_templates"."end_minute" between 0 and 1440),
	CONSTRAINT "shift_templates_ends_after_starts" CHECK ("shift_templates"."end_minute" > "shift_templates"."start_minute"),
	CONSTRAINT "shift_templates_capacity_positive" CHECK ("shift_templates"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shifts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"post" text NOT NULL,
	"schedule_week_id" integer,
	"template_id" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" smallint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"open_for_signup" boolean DEFAULT false NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shifts_post_check" CHECK ("shifts"."post" in ('live_host', 'live_ops', 'customer_service', 'warehouse', 'store_ops', 'photo_design', 'copywriting', 'sourcing', 'video')),
	CONSTRAINT "shifts_status_check" CHECK ("shifts"."status" in ('draft', 'published', 'cancelled')),
	CONSTRAINT "shifts_ends_after_starts" CHECK ("shifts"."ends_at" > "shifts"."starts_at"),
	CONSTRAINT "shifts_at_most_a_day" CHECK ("shifts"."ends_at" <= "shifts"."starts_at" + interval '24 hours'),
	CONSTRAINT "shifts_capacity_positive" CHECK ("shifts"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "swap_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "swap_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"assignment_id" integer NOT NULL,
	"requested_by" integer,
	"target_student_id" integer,
	"target_assignment_id" integer,
	"status" text DEFAULT 'requested' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"accepted_by" integer,
	"accepted_at" timestamp with time zone,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "swap_requests_kind_check" CHECK ("swap_requests"."kind" in ('swap', 'cover')),
	CONSTRAINT "swap_requests_status_check" CHECK ("swap_requests"."status" in ('requested', 'accepted', 'approved', 'declined', 'rejected', 'withdrawn')),
	CONSTRAINT "swap_requests_target_shape" CHECK (case "swap_requests"."kind"
        when 'cover' then "swap_requests"."target_assignment_id" is null
        else "swap_requests"."status" in ('requested', 'declined', 'withdrawn') or "swap_requests"."target_assignment_id" is not null
      end),
	CONSTRAINT "swap_requests_not_self" CHECK ("swap_requests"."target_assignment_id" is null or "swap_requests"."target_assignment_id" <> "swap_requests"."assignment_id"),
	CONSTRAINT "swap_requests_accepted_shape" CHECK ("swap_requests"."status" not in ('accepted', 'approved', 'rejected') or "swap_requests"."accepted_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "timesheets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "timesheets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"student_id" integer NOT NULL,
	"month" date NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"amount_fen" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "timesheets_status_check" CHECK ("timesheets"."status" in ('draft', 'approved')),
	CONSTRAINT "timesheets_month_first_day" CHECK (extract(day from "timesheets"."month") = 1),
	CONSTRAINT "timesheets_minutes_nonneg" CHECK ("timesheets"."minutes" >= 0),
	CONSTRAINT "timesheets_amount_nonneg" CHECK ("timesheets"."amount_fen" >= 0),
	CONSTRAINT "timesheets_approved_shape" CHECK (("timesheets"."status" = 'approved') = ("timesheets"."approved_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "attendance_corrections" ADD CONSTRAINT "attendance_corrections_assignment_id_shift_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."shift_assignments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_corrections" ADD CONSTRAINT "attendance_corrections_corrected_by_users_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_declarations" ADD CONSTRAINT "availability_declarations_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_changes" ADD CONSTRAINT "grade_changes_evaluation_id_shift_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."shift_evaluations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_changes" ADD CONSTRAINT "grade_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rubric_criteria" ADD CONSTRAINT "rubric_criteria_version_id_rubric_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."rubric_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rubric_templates" ADD CONSTRAINT "rubric_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rubric_versions" ADD CONSTRAINT "rubric_versions_template_id_rubric_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."rubric_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rubric_versions" ADD CONSTRAINT "rubric_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_weeks" ADD CONSTRAINT "schedule_weeks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_weeks" ADD CONSTRAINT "schedule_weeks_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_assignments" ADD CONSTRAINT "shift_assignments_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_assignments" ADD CONSTRAINT "shift_assignments_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_assignments" ADD CONSTRAINT "shift_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_assignments" ADD CONSTRAINT "shift_assignments_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_evaluations" ADD CONSTRAINT "shift_evaluations_assignment_id_shift_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."shift_assignments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_evaluations" ADD CONSTRAINT "shift_evaluations_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_evaluations" ADD CONSTRAINT "shift_evaluations_rubric_version_id_rubric_versions_id_fk" FOREIGN KEY ("rubric_version_id") REFERENCES "public"."rubric_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_templates" ADD CONSTRAINT "shift_templates_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_templates" ADD CONSTRAINT "shift_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_schedule_week_id_schedule_weeks_id_fk" FOREIGN KEY ("schedule_week_id") REFERENCES "public"."schedule_weeks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_template_id_shift_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."shift_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_assignment_id_shift_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."shift_assignments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_target_student_id_users_id_fk" FOREIGN KEY ("target_student_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_target_assignment_id_shift_assignments_id_fk" FOREIGN KEY ("target_assignment_id") REFERENCES "public"."shift_assignments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheets" ADD CONSTRAINT "timesheets_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheets" ADD CONSTRAINT "timesheets_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_corrections_assignment_idx" ON "attendance_corrections" USING btree ("assignment_id","id");--> statement-breakpoint
CREATE INDEX "availability_declarations_student_idx" ON "availability_declarations" USING btree ("student_id","starts_at");--> statement-breakpoint
CREATE INDEX "grade_changes_evaluation_idx" ON "grade_changes" USING btree ("evaluation_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "live_sessions_code_key" ON "live_sessions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "live_sessions_shift_idx" ON "live_sessions" USING btree ("shift_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rubric_criteria_version_position_key" ON "rubric_criteria" USING btree ("version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "rubric_templates_one_default_per_post" ON "rubric_templates" USING btree ("post") WHERE "rubric_templates"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "rubric_versions_template_version_key" ON "rubric_versions" USING btree ("template_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_weeks_team_week_key" ON "schedule_weeks" USING btree ("team_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "shift_assignments_shift_student_key" ON "shift_assignments" USING btree ("shift_id","student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shift_assignments_one_active_per_student" ON "shift_assignments" USING btree ("student_id") WHERE "shift_assignments"."clock_in_at" is not null and "shift_assignments"."clock_out_at" is null;--> statement-breakpoint
CREATE INDEX "shift_assignments_student_idx" ON "shift_assignments" USING btree ("student_id","created_at");--> statement-breakpoint
CREATE INDEX "shift_assignments_unreviewed_idx" ON "shift_assignments" USING btree ("created_at") WHERE "shift_assignments"."auto_closed" and "shift_assignments"."reviewed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "shift_evaluations_assignment_role_key" ON "shift_evaluations" USING btree ("assignment_id","evaluator_role");--> statement-breakpoint
CREATE INDEX "shift_evaluations_evaluator_idx" ON "shift_evaluations" USING btree ("evaluator_id","status");--> statement-breakpoint
CREATE INDEX "shift_templates_team_idx" ON "shift_templates" USING btree ("team_id","weekday");--> statement-breakpoint
CREATE INDEX "shifts_team_starts_idx" ON "shifts" USING btree ("team_id","starts_at");--> statement-breakpoint
CREATE INDEX "shifts_week_idx" ON "shifts" USING btree ("schedule_week_id");--> statement-breakpoint
CREATE INDEX "shifts_ends_idx" ON "shifts" USING btree ("ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shifts_template_start_key" ON "shifts" USING btree ("template_id","starts_at") WHERE "shifts"."template_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "swap_requests_one_open_per_assignment" ON "swap_requests" USING btree ("assignment_id") WHERE "swap_requests"."status" in ('requested', 'accepted');--> statement-breakpoint
CREATE INDEX "swap_requests_target_idx" ON "swap_requests" USING btree ("target_student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "timesheets_student_month_key" ON "timesheets" USING btree ("student_id","month");--> statement-breakpoint
CREATE INDEX "timesheets_month_idx" ON "timesheets" USING btree ("month","status");