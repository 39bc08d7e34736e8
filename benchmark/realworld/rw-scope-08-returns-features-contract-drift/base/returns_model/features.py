"""Build analytics.order_features from orders and line items."""
import pandas as pd

FEATURE_COLUMNS = [
    "order_id",
    "customer_id",
    "order_total",
    "n_items",
    "days_since_last_order",
    "order_status",
]


def build_order_features(orders: pd.DataFrame, line_items: pd.DataFrame) -> pd.DataFrame:
    delivered = orders[orders["status"].isin(["delivered", "partially_delivered"])].copy()
    items = line_items.groupby("order_id").size().rename("n_items")
    delivered = delivered.join(items, on="order_id")
    delivered = delivered.sort_values(["customer_id", "order_timestamp"])
    previous = delivered.groupby("customer_id")["order_timestamp"].shift()
    delivered["days_since_last_order"] = (delivered["order_timestamp"] - previous).dt.days
    delivered = delivered.rename(columns={"status": "order_status"})
    # order_total is stored in cents (integer) in the warehouse.
    delivered["order_total"] = delivered["order_total"].astype("int64")
    return delivered[FEATURE_COLUMNS]
