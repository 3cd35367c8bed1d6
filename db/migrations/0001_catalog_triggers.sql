-- Categories form a tree of at most two levels: a child's parent must be a root,
-- and a category that has children cannot itself become a child.
CREATE FUNCTION categories_enforce_two_levels() RETURNS trigger AS $$
BEGIN
  IF NEW.parent_id IS NOT NULL THEN
    IF EXISTS (SELECT 1 FROM categories WHERE id = NEW.parent_id AND parent_id IS NOT NULL) THEN
      RAISE EXCEPTION 'category % would be a third level', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM categories WHERE parent_id = NEW.id) THEN
      RAISE EXCEPTION 'category % has children and cannot get a parent', NEW.id USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER categories_two_levels BEFORE INSERT OR UPDATE OF parent_id ON categories
  FOR EACH ROW EXECUTE FUNCTION categories_enforce_two_levels();
--> statement-breakpoint
-- A product's list price, sales and stock are its SKUs' aggregates, kept here in the same
-- transaction as the SKU change so lists sort and filter by them without aggregating.
CREATE FUNCTION products_refresh_sku_aggregates(target_product_id integer) RETURNS void AS $$
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
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE FUNCTION skus_refresh_product() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM products_refresh_sku_aggregates(OLD.product_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.product_id <> OLD.product_id) THEN
    PERFORM products_refresh_sku_aggregates(NEW.product_id);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER skus_refresh_product AFTER INSERT OR UPDATE OR DELETE ON skus
  FOR EACH ROW EXECUTE FUNCTION skus_refresh_product();
--> statement-breakpoint
-- Every API process caches catalog reads and LISTENs on this channel. NOTIFY is delivered
-- at commit (never for a rolled-back change) and takes no row lock, so writers do not queue.
CREATE FUNCTION catalog_notify_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('catalog_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER partners_catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partners
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_notify_change();
--> statement-breakpoint
CREATE TRIGGER teams_catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON teams
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_notify_change();
--> statement-breakpoint
CREATE TRIGGER team_partners_catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_partners
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_notify_change();
--> statement-breakpoint
CREATE TRIGGER categories_catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_notify_change();
--> statement-breakpoint
CREATE TRIGGER products_catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_notify_change();
--> statement-breakpoint
CREATE TRIGGER product_images_catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON product_images
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_notify_change();
--> statement-breakpoint
CREATE TRIGGER skus_catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON skus
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_notify_change();
