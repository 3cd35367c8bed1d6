ALTER TABLE "stock_counts" ADD COLUMN "closed_shift_id" integer;--> statement-breakpoint
ALTER TABLE "terms" ADD COLUMN "teacher_weight" smallint;--> statement-breakpoint
ALTER TABLE "terms" ADD COLUMN "mentor_weight" smallint;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_closed_shift_id_shifts_id_fk" FOREIGN KEY ("closed_shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stock_count_lines_shift_idx" ON "stock_count_lines" USING btree ("shift_id") WHERE "stock_count_lines"."shift_id" is not null;--> statement-breakpoint
CREATE INDEX "stock_counts_closed_shift_idx" ON "stock_counts" USING btree ("closed_shift_id") WHERE "stock_counts"."closed_shift_id" is not null;--> statement-breakpoint
ALTER TABLE "terms" ADD CONSTRAINT "terms_weights_sum" CHECK (("terms"."teacher_weight" is null and "terms"."mentor_weight" is null) or ("terms"."teacher_weight" >= 0 and "terms"."mentor_weight" >= 0 and "terms"."teacher_weight" + "terms"."mentor_weight" = 100));