"""Nightly build of analytics.order_features."""
from datetime import datetime

from airflow.decorators import dag, task


@dag(schedule="30 2 * * *", start_date=datetime(2026, 1, 1), catchup=False, tags=["returns-ml"])
def order_features_daily():
    @task
    def extract_orders() -> str:
        from returns_model.io import unload_orders

        return unload_orders()

    @task
    def build_order_features(orders_path: str) -> str:
        from returns_model.io import read_parquet, write_table
        from returns_model.features import build_order_features as build

        orders, line_items = read_parquet(orders_path)
        return write_table(build(orders, line_items), "ANALYTICS.ANALYTICS.ORDER_FEATURES")

    build_order_features(extract_orders())


order_features_daily()
