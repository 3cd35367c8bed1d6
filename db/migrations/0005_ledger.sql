CREATE TABLE "product_activity" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "product_activity_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"product_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"action" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"actor_id" integer,
	"shift_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_activity_action_check" CHECK ("product_activity"."action" in ('created', 'edited', 'price_changed', 'image_added', 'image_removed', 'images_reordered', 'submitted', 'withdrawn', 'approved', 'rejected', 'taken_off_shelf', 'relisted'))
);
--> statement-breakpoint
CREATE TABLE "sku_price_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sku_price_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sku_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"from_fen" integer NOT NULL,
	"to_fen" integer NOT NULL,
	"from_original_fen" integer,
	"to_original_fen" integer,
	"actor_id" integer,
	"shift_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_count_lines" (
	"stock_count_id" integer NOT NULL,
	"sku_id" integer NOT NULL,
	"expected_quantity" integer,
	"counted_quantity" integer,
	"counted_by" integer,
	"counted_at" timestamp with time zone,
	"shift_id" integer,
	CONSTRAINT "stock_count_lines_stock_count_id_sku_id_pk" PRIMARY KEY("stock_count_id","sku_id"),
	CONSTRAINT "stock_count_lines_counted_nonneg" CHECK ("stock_count_lines"."counted_quantity" is null or "stock_count_lines"."counted_quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_counts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_counts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"started_by" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" integer,
	"closed_at" timestamp with time zone,
	"matched_count" integer,
	"counted_count" integer,
	"accuracy_permille" integer,
	"variance_units" integer,
	"shift_id" integer,
	CONSTRAINT "stock_counts_status_check" CHECK ("stock_counts"."status" in ('open', 'approved', 'cancelled')),
	CONSTRAINT "stock_counts_accuracy_range" CHECK ("stock_counts"."accuracy_permille" is null or "stock_counts"."accuracy_permille" between 0 and 1000)
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_movements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sku_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"type" text NOT NULL,
	"quantity" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"reason" text,
	"note" text DEFAULT '' NOT NULL,
	"unit_cost_fen" integer,
	"partner_id" integer,
	"stock_count_id" integer,
	"order_id" integer,
	"actor_id" integer,
	"shift_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_type_check" CHECK ("stock_movements"."type" in ('opening', 'receive', 'adjust', 'count', 'reserve', 'release', 'sell', 'return')),
	CONSTRAINT "stock_movements_balance_nonneg" CHECK ("stock_movements"."balance_after" >= 0),
	CONSTRAINT "stock_movements_quantity_nonzero" CHECK ("stock_movements"."quantity" <> 0),
	CONSTRAINT "stock_movements_reason_check" CHECK (("stock_movements"."type" = 'adjust') = ("stock_movements"."reason" is not null) and ("stock_movements"."reason" is null or "stock_movements"."reason" in ('damage', 'loss', 'found', 'sample'))),
	CONSTRAINT "stock_movements_receive_shape" CHECK ("stock_movements"."type" <> 'receive' or ("stock_movements"."quantity" > 0 and "stock_movements"."unit_cost_fen" is not null and "stock_movements"."unit_cost_fen" >= 0)),
	CONSTRAINT "stock_movements_count_shape" CHECK (("stock_movements"."type" = 'count') = ("stock_movements"."stock_count_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "products" DROP CONSTRAINT "products_status_check";--> statement-breakpoint
DROP INDEX "product_images_position_key";--> statement-breakpoint
ALTER TABLE "product_images" ADD COLUMN "kind" text DEFAULT 'gallery' NOT NULL;--> statement-breakpoint
ALTER TABLE "product_images" ADD COLUMN "feed_url" text;--> statement-breakpoint
ALTER TABLE "product_images" ADD COLUMN "zoom_url" text;--> statement-breakpoint
ALTER TABLE "product_images" ADD COLUMN "storage_key" text;--> statement-breakpoint
ALTER TABLE "product_images" ADD COLUMN "width" integer;--> statement-breakpoint
ALTER TABLE "product_images" ADD COLUMN "height" integer;--> statement-breakpoint
ALTER TABLE "product_images" ADD COLUMN "created_by" integer;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "weight_grams" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "low_stock_threshold" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "unit_cost_fen" integer;--> statement-breakpoint
ALTER TABLE "product_activity" ADD CONSTRAINT "product_activity_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_activity" ADD CONSTRAINT "product_activity_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_activity" ADD CONSTRAINT "product_activity_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sku_price_changes" ADD CONSTRAINT "sku_price_changes_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sku_price_changes" ADD CONSTRAINT "sku_price_changes_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sku_price_changes" ADD CONSTRAINT "sku_price_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_count_lines" ADD CONSTRAINT "stock_count_lines_stock_count_id_stock_counts_id_fk" FOREIGN KEY ("stock_count_id") REFERENCES "public"."stock_counts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_count_lines" ADD CONSTRAINT "stock_count_lines_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_count_lines" ADD CONSTRAINT "stock_count_lines_counted_by_users_id_fk" FOREIGN KEY ("counted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_stock_count_id_stock_counts_id_fk" FOREIGN KEY ("stock_count_id") REFERENCES "public"."stock_counts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_activity_product_idx" ON "product_activity" USING btree ("product_id","id");--> statement-breakpoint
CREATE INDEX "product_activity_team_idx" ON "product_activity" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "sku_price_changes_product_idx" ON "sku_price_changes" USING btree ("product_id","id");--> statement-breakpoint
CREATE INDEX "stock_count_lines_sku_idx" ON "stock_count_lines" USING btree ("sku_id");--> statement-breakpoint
CREATE INDEX "stock_counts_team_idx" ON "stock_counts" USING btree ("team_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_counts_one_open_per_team" ON "stock_counts" USING btree ("team_id") WHERE "stock_counts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "stock_movements_sku_idx" ON "stock_movements" USING btree ("sku_id","id");--> statement-breakpoint
CREATE INDEX "stock_movements_team_idx" ON "stock_movements" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_movements_count_idx" ON "stock_movements" USING btree ("stock_count_id");--> statement-breakpoint
CREATE UNIQUE INDEX "product_images_position_key" ON "product_images" USING btree ("product_id","kind","position");--> statement-breakpoint
ALTER TABLE "product_images" ADD CONSTRAINT "product_images_kind_check" CHECK ("product_images"."kind" in ('gallery', 'description'));--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_status_check" CHECK ("products"."status" in ('draft', 'submitted', 'on_sale', 'off_shelf'));--> statement-breakpoint
ALTER TABLE "skus" ADD CONSTRAINT "skus_weight_nonneg" CHECK ("skus"."weight_grams" >= 0);--> statement-breakpoint
ALTER TABLE "skus" ADD CONSTRAINT "skus_low_stock_threshold_nonneg" CHECK ("skus"."low_stock_threshold" >= 0);--> statement-breakpoint
ALTER TABLE "skus" ADD CONSTRAINT "skus_unit_cost_nonneg" CHECK ("skus"."unit_cost_fen" is null or "skus"."unit_cost_fen" >= 0);--> statement-breakpoint
-- Stock that existed before the ledger becomes its opening balance, so that from this migration
-- on every SKU's available stock equals the sum of its ledger rows.
INSERT INTO "stock_movements" ("sku_id", "team_id", "type", "quantity", "balance_after", "note")
SELECT s."id", p."team_id", 'opening', s."stock_available", s."stock_available", '启用库存账本前的库存'
FROM "skus" s JOIN "products" p ON p."id" = s."product_id"
WHERE s."stock_available" > 0;
