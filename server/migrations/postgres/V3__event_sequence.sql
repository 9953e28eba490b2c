-- Each order's events are numbered in the order they happened (`data.sequence`, assigned under
-- the order's row lock), and one order's events reach one endpoint in that order: a delivery
-- waits while an earlier one of the same order and endpoint is pending (due or leased).
ALTER TABLE orders ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN order_id TEXT;
ALTER TABLE deliveries ADD COLUMN sequence BIGINT;
CREATE INDEX deliveries_in_order ON deliveries (order_id, target, sequence) WHERE order_id IS NOT NULL;
