INSERT INTO ANALYTICS.ORDERS.LINE_ITEMS (line_item_id, order_id, sku, quantity)
SELECT li.id, li.order_id, li.sku, li.qty::INTEGER
FROM RAW.CHECKOUT.LINE_ITEMS_STAGE li
WHERE li.loaded_at > '{{ data_interval_start }}';
