CREATE TABLE "flagged_payment_refunds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "flagged_payment_refunds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"flag_id" integer NOT NULL,
	"transaction_id" text NOT NULL,
	"out_refund_no" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"reason" text NOT NULL,
	"wechat_status" text,
	"wechat_refund_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"succeeded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flagged_payment_refunds_status_check" CHECK ("flagged_payment_refunds"."wechat_status" is null or "flagged_payment_refunds"."wechat_status" in ('PROCESSING', 'SUCCESS', 'CLOSED', 'ABNORMAL')),
	CONSTRAINT "flagged_payment_refunds_amount_positive" CHECK ("flagged_payment_refunds"."amount_fen" > 0),
	CONSTRAINT "flagged_payment_refunds_out_refund_no_format" CHECK ("flagged_payment_refunds"."out_refund_no" ~ '^[A-Za-z0-9_|*@-]{6,64}$'),
	CONSTRAINT "flagged_payment_refunds_attempts_nonneg" CHECK ("flagged_payment_refunds"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payment_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"channel" text NOT NULL,
	"app_id" text NOT NULL,
	"payer_openid" text NOT NULL,
	"prepay_id" text NOT NULL,
	"prepay_expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_attempts_channel_check" CHECK ("payment_attempts"."channel" in ('miniprogram', 'jsapi')),
	CONSTRAINT "payment_attempts_prepay_id_not_blank" CHECK (length(btrim("payment_attempts"."prepay_id")) > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_flags" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_flags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"order_id" integer,
	"transaction_id" text NOT NULL,
	"out_trade_no" text,
	"amount_fen" integer,
	"notification_id" bigint,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" integer,
	"resolved_shift_id" integer,
	"resolution_note" text DEFAULT '' NOT NULL,
	CONSTRAINT "payment_flags_kind_check" CHECK ("payment_flags"."kind" in ('amount_mismatch', 'merchant_mismatch', 'late_payment', 'unknown_order')),
	CONSTRAINT "payment_flags_order_known" CHECK (("payment_flags"."kind" = 'unknown_order') = ("payment_flags"."order_id" is null)),
	CONSTRAINT "payment_flags_resolved_shape" CHECK ("payment_flags"."resolved_at" is not null or ("payment_flags"."resolved_by" is null and "payment_flags"."resolved_shift_id" is null))
);
--> statement-breakpoint
CREATE TABLE "payment_notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"source" text DEFAULT 'notification' NOT NULL,
	"notification_id" text,
	"event_type" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"wechatpay_serial" text,
	"wechatpay_timestamp" bigint,
	"out_trade_no" text,
	"out_refund_no" text,
	"transaction_id" text,
	"wechat_refund_id" text,
	"wechat_state" text,
	"amount_total_fen" integer,
	"amount_refund_fen" integer,
	"wechat_success_at" timestamp with time zone,
	"order_id" integer,
	"refund_id" integer,
	CONSTRAINT "payment_notifications_kind_check" CHECK ("payment_notifications"."kind" in ('transaction', 'refund')),
	CONSTRAINT "payment_notifications_source_check" CHECK ("payment_notifications"."source" in ('notification', 'query')),
	CONSTRAINT "payment_notifications_outcome_check" CHECK ("payment_notifications"."outcome" in ('applied', 'duplicate', 'rejected', 'flagged')),
	CONSTRAINT "payment_notifications_reason_given" CHECK ("payment_notifications"."outcome" not in ('rejected', 'flagged') or "payment_notifications"."reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "flagged_payment_refunds" ADD CONSTRAINT "flagged_payment_refunds_flag_id_payment_flags_id_fk" FOREIGN KEY ("flag_id") REFERENCES "public"."payment_flags"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_flags" ADD CONSTRAINT "payment_flags_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_flags" ADD CONSTRAINT "payment_flags_notification_id_payment_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."payment_notifications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_flags" ADD CONSTRAINT "payment_flags_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notifications" ADD CONSTRAINT "payment_notifications_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notifications" ADD CONSTRAINT "payment_notifications_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "flagged_payment_refunds_flag_key" ON "flagged_payment_refunds" USING btree ("flag_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flagged_payment_refunds_transaction_key" ON "flagged_payment_refunds" USING btree ("transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flagged_payment_refunds_out_refund_no_key" ON "flagged_payment_refunds" USING btree ("out_refund_no");--> statement-breakpoint
CREATE INDEX "flagged_payment_refunds_unsettled_idx" ON "flagged_payment_refunds" USING btree ("created_at") WHERE "flagged_payment_refunds"."wechat_status" is null or "flagged_payment_refunds"."wechat_status" = 'PROCESSING';--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_order_payer_key" ON "payment_attempts" USING btree ("order_id","channel","app_id","payer_openid");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_flags_transaction_kind_key" ON "payment_flags" USING btree ("transaction_id","kind");--> statement-breakpoint
CREATE INDEX "payment_flags_open_idx" ON "payment_flags" USING btree ("created_at") WHERE "payment_flags"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "payment_flags_order_idx" ON "payment_flags" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_notifications_processed_id_key" ON "payment_notifications" USING btree ("notification_id") WHERE "payment_notifications"."notification_id" is not null and "payment_notifications"."outcome" in ('applied', 'flagged');--> statement-breakpoint
CREATE UNIQUE INDEX "payment_notifications_applied_transaction_key" ON "payment_notifications" USING btree ("transaction_id") WHERE "payment_notifications"."kind" = 'transaction' and "payment_notifications"."outcome" = 'applied' and "payment_notifications"."transaction_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_notifications_applied_refund_state_key" ON "payment_notifications" USING btree ("out_refund_no","wechat_state") WHERE "payment_notifications"."kind" = 'refund' and "payment_notifications"."outcome" = 'applied' and "payment_notifications"."out_refund_no" is not null;--> statement-breakpoint
CREATE INDEX "payment_notifications_received_idx" ON "payment_notifications" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "payment_notifications_order_idx" ON "payment_notifications" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "payment_notifications_refund_idx" ON "payment_notifications" USING btree ("refund_id","id");--> statement-breakpoint
CREATE INDEX "payment_notifications_transaction_idx" ON "payment_notifications" USING btree ("transaction_id");