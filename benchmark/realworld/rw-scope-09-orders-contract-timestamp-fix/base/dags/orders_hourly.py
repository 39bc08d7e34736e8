"""Hourly load of orders and line items into ANALYTICS.ORDERS."""
from datetime import datetime

from airflow.decorators import dag
from airflow.models.baseoperator import chain
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator


@dag(schedule="@hourly", start_date=datetime(2026, 1, 1), catchup=False, tags=["orders"])
def orders_hourly():
    load_orders = SQLExecuteQueryOperator(task_id="load_orders", conn_id="snowflake_prod",
                                          sql="sql/load_orders.sql")
    load_line_items = SQLExecuteQueryOperator(task_id="load_line_items", conn_id="snowflake_prod",
                                              sql="sql/load_line_items.sql")
    chain(load_orders, load_line_items)


orders_hourly()
