MERGE INTO ANALYTICS.ORDERS.ORDERS AS t
USING (
    SELECT order_id, placed_at::TIMESTAMP AS order_timestamp, customer_id,
           total_cents AS order_total, status
    FROM RAW.CHECKOUT.ORDERS_STAGE
) AS s
ON t.order_id = s.order_id
WHEN MATCHED THEN UPDATE SET status = s.status, order_total = s.order_total
WHEN NOT MATCHED THEN INSERT (order_id, order_timestamp, customer_id, order_total, status)
    VALUES (s.order_id, s.order_timestamp, s.customer_id, s.order_total, s.status);
