"""Orders: tracks customer orders and their line items. (Generated from contracts/orders.odcs.yaml)"""
import datetime
import typing

import pydantic


class Orders(pydantic.BaseModel):
    """One row per customer order."""

    order_id: str
    order_timestamp: datetime.date
    customer_id: str
    order_total: float
    status: str


class LineItems(pydantic.BaseModel):
    """One row per line item within an order."""

    line_item_id: str
    order_id: str
    sku: str
    quantity: int


__all__: typing.List[str] = ["Orders", "LineItems"]
