CREATE TABLE "post_pay_rates" (
	"post" text PRIMARY KEY NOT NULL,
	"hourly_rate_fen" integer NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_pay_rates_post_check" CHECK ("post_pay_rates"."post" in ('live_host', 'live_ops', 'customer_service', 'warehouse', 'store_ops', 'photo_design', 'copywriting', 'sourcing', 'video')),
	CONSTRAINT "post_pay_rates_rate_nonneg" CHECK ("post_pay_rates"."hourly_rate_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "shift_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"max_weekly_minutes" integer NOT NULL,
	"max_monthly_minutes" integer NOT NULL,
	"min_rest_minutes" integer NOT NULL,
	"early_clock_in_minutes" integer NOT NULL,
	"late_grace_minutes" integer NOT NULL,
	"auto_close_after_minutes" integer NOT NULL,
	"teacher_weight" smallint NOT NULL,
	"mentor_weight" smallint NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_settings_single_row" CHECK ("shift_settings"."id" = 1),
	CONSTRAINT "shift_settings_limits_positive" CHECK ("shift_settings"."max_weekly_minutes" > 0 and "shift_settings"."max_monthly_minutes" > 0),
	CONSTRAINT "shift_settings_minutes_nonneg" CHECK ("shift_settings"."min_rest_minutes" >= 0 and "shift_settings"."early_clock_in_minutes" >= 0 and "shift_settings"."late_grace_minutes" >= 0 and "shift_settings"."auto_close_after_minutes" >= 0),
	CONSTRAINT "shift_settings_weights_sum" CHECK ("shift_settings"."teacher_weight" >= 0 and "shift_settings"."mentor_weight" >= 0 and "shift_settings"."teacher_weight" + "shift_settings"."mentor_weight" = 100)
);
--> statement-breakpoint
CREATE TABLE "terms" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "terms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "terms_name_not_blank" CHECK (length(btrim("terms"."name")) > 0),
	CONSTRAINT "terms_ends_after_starts" CHECK ("terms"."ends_on" >= "terms"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "live_session_id" integer;--> statement-breakpoint
ALTER TABLE "post_pay_rates" ADD CONSTRAINT "post_pay_rates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_settings" ADD CONSTRAINT "shift_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms" ADD CONSTRAINT "terms_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "terms_name_key" ON "terms" USING btree ("name");--> statement-breakpoint
ALTER TABLE "product_activity" ADD CONSTRAINT "product_activity_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sku_price_changes" ADD CONSTRAINT "sku_price_changes_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_count_lines" ADD CONSTRAINT "stock_count_lines_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_parcels" ADD CONSTRAINT "order_parcels_shipped_shift_id_shifts_id_fk" FOREIGN KEY ("shipped_shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_parcels" ADD CONSTRAINT "order_parcels_ready_shift_id_shifts_id_fk" FOREIGN KEY ("ready_shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_parcels" ADD CONSTRAINT "order_parcels_picked_up_shift_id_shifts_id_fk" FOREIGN KEY ("picked_up_shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_live_session_id_live_sessions_id_fk" FOREIGN KEY ("live_session_id") REFERENCES "public"."live_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_events" ADD CONSTRAINT "refund_events_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_decided_shift_id_shifts_id_fk" FOREIGN KEY ("decided_shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_flags" ADD CONSTRAINT "payment_flags_resolved_shift_id_shifts_id_fk" FOREIGN KEY ("resolved_shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_activity_shift_idx" ON "product_activity" USING btree ("shift_id") WHERE "product_activity"."shift_id" is not null;--> statement-breakpoint
CREATE INDEX "stock_counts_shift_idx" ON "stock_counts" USING btree ("shift_id") WHERE "stock_counts"."shift_id" is not null;--> statement-breakpoint
CREATE INDEX "stock_movements_shift_idx" ON "stock_movements" USING btree ("shift_id") WHERE "stock_movements"."shift_id" is not null;--> statement-breakpoint
CREATE INDEX "order_parcels_shipped_shift_idx" ON "order_parcels" USING btree ("shipped_shift_id") WHERE "order_parcels"."shipped_shift_id" is not null;--> statement-breakpoint
CREATE INDEX "order_parcels_picked_up_shift_idx" ON "order_parcels" USING btree ("picked_up_shift_id") WHERE "order_parcels"."picked_up_shift_id" is not null;--> statement-breakpoint
CREATE INDEX "orders_live_session_idx" ON "orders" USING btree ("live_session_id","created_at") WHERE "orders"."live_session_id" is not null;--> statement-breakpoint
CREATE INDEX "refunds_decided_shift_idx" ON "refunds" USING btree ("decided_shift_id") WHERE "refunds"."decided_shift_id" is not null;