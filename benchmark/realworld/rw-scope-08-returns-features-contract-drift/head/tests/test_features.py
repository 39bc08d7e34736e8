import pandas as pd

from returns_model.features import FEATURE_COLUMNS, build_order_features


def test_feature_columns_match_contract_order():
    orders = pd.DataFrame({
        "order_id": ["B00000001", "B00000002"],
        "customer_id": ["C1", "C1"],
        "order_total": [1999, 4500],
        "status": ["delivered", "delivered"],
        "order_timestamp": pd.to_datetime(["2026-01-01", "2026-01-11"]),
    })
    items = pd.DataFrame({"order_id": ["B00000001", "B00000002", "B00000002"]})
    out = build_order_features(orders, items)
    assert list(out.columns) == FEATURE_COLUMNS
    assert out["days_since_last_order"].tolist()[1] == 10
