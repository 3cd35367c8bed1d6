-- Two transactions changing different SKUs of one product at once each computed the product's
-- totals from a snapshot that missed the other's SKU, and the later write won: the product's
-- stock drifted from its SKUs' sum (seen on PostgreSQL with parallel receipts). Locking the
-- product row first makes the second wait for the first to commit, and the aggregate that
-- follows is a new statement with a new snapshot, so it sees both.
-- NO KEY UPDATE is the lock the UPDATE below takes anyway: it queues aggregate writers without
-- also waiting for transactions that merely insert rows referencing the product.
-- Lock order: whoever changes SKUs locks their product first (the inventory ledger and product
-- edits do); the trigger's lock is then already held. A writer that locks a SKU first and the
-- product second (a bare UPDATE of skus) can deadlock with them, so the trigger below fires
-- only for the columns the product sums up: thresholds, costs and timestamps never lock it.
CREATE OR REPLACE FUNCTION products_refresh_sku_aggregates(target_product_id integer) RETURNS void AS $$
BEGIN
  PERFORM 1 FROM products WHERE id = target_product_id FOR NO KEY UPDATE;
  UPDATE products p SET
    min_price_fen = coalesce(agg.min_price_fen, 0),
    min_price_original_fen = agg.min_price_original_fen,
    sales_count = coalesce(agg.sales_count, 0),
    stock_available = coalesce(agg.stock_available, 0)
  FROM (
    SELECT
      min(price_fen) AS min_price_fen,
      (SELECT original_price_fen FROM skus c WHERE c.product_id = target_product_id
        ORDER BY c.price_fen, c.position, c.id LIMIT 1) AS min_price_original_fen,
      sum(sales_count)::integer AS sales_count,
      sum(stock_available)::integer AS stock_available
    FROM skus WHERE product_id = target_product_id
  ) agg
  WHERE p.id = target_product_id;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER skus_refresh_product ON skus;
--> statement-breakpoint
CREATE TRIGGER skus_refresh_product
  AFTER INSERT OR DELETE OR UPDATE OF product_id, price_fen, original_price_fen, position, sales_count, stock_available ON skus
  FOR EACH ROW EXECUTE FUNCTION skus_refresh_product();
