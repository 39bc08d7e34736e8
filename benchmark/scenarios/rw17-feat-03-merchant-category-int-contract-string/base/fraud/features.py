"""Feature engineering for the fraud model: offline (nightly table) and online (one request)."""

import pandas as pd
from pandera.typing.pandas import DataFrame

from fraud.schema import TxnFeatures

MODEL_FEATURES = [
    "amount_usd",
    "merchant_category",
    "card_txn_count_24h",
    "card_amount_mean_30d",
    "is_foreign",
]
LABEL = "is_fraud"


def build_features(txns: pd.DataFrame, fx: pd.DataFrame) -> DataFrame[TxnFeatures]:
    """One row per transaction from the raw authorisations and the daily FX rates."""
    df = txns.merge(fx, on=["currency", "rate_date"], how="left")
    df = df.sort_values(["card_id", "txn_ts"])
    out = pd.DataFrame({
        "txn_id": df["txn_id"],
        "card_id": df["card_id"],
        "txn_ts": pd.to_datetime(df["txn_ts"], utc=True),
        "amount_usd": df["amount"] * df["usd_rate"],
        "merchant_category": df["mcc"].astype(str).str.zfill(4),
        "is_foreign": df["card_country"] != df["merchant_country"],
        "device_os": df.get("device_os"),
        "is_fraud": df["chargeback_fraud"].fillna(False).astype(bool),
    })
    by_card = out.set_index("txn_ts").groupby("card_id")
    out["card_txn_count_24h"] = by_card["txn_id"].transform(lambda s: s.rolling("24h", closed="left").count()) \
        .fillna(0).astype(int).to_numpy()
    out["card_amount_mean_30d"] = by_card["amount_usd"].transform(
        lambda s: s.rolling("30D", closed="left").mean()).fillna(0.0).to_numpy()
    return TxnFeatures.validate(out)


def build_online_features(request: dict, card_stats: dict) -> pd.DataFrame:
    """The model's features for one authorisation request, from the online card statistics."""
    row = {
        "amount_usd": request["amount"] * request["usd_rate"],
        "merchant_category": str(request["mcc"]).zfill(4),
        "card_txn_count_24h": card_stats.get("txn_count_24h", 0),
        "card_amount_mean_30d": card_stats.get("amount_mean_30d", 0.0),
        "is_foreign": request["card_country"] != request["merchant_country"],
    }
    return pd.DataFrame([row])[MODEL_FEATURES]
