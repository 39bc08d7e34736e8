import pandas as pd

from fraud.features import MODEL_FEATURES, build_online_features


def test_online_features_have_model_columns():
    request = {"amount": 10.0, "usd_rate": 1.1, "mcc": 5812, "card_country": "DE", "merchant_country": "DE"}
    df = build_online_features(request, {"txn_count_24h": 3, "amount_mean_30d": 12.5})
    assert list(df.columns) == MODEL_FEATURES
    assert df.loc[0, "merchant_category"] == "5812"
