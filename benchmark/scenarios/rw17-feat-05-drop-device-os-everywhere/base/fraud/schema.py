"""Runtime schema of the feature table (pandera), checked before it is written."""

import pandera.pandas as pa
from pandera.typing.pandas import Series


class TxnFeatures(pa.DataFrameModel):
    txn_id: Series[str] = pa.Field(unique=True)
    card_id: Series[str]
    txn_ts: Series[pa.DateTime]
    amount_usd: Series[float] = pa.Field(ge=0)
    merchant_category: Series[str] = pa.Field(str_matches=r"^\d{4}$")
    card_txn_count_24h: Series[int] = pa.Field(ge=0)
    card_amount_mean_30d: Series[float] = pa.Field(ge=0)
    is_foreign: Series[bool]
    device_os: Series[str] = pa.Field(nullable=True)
    is_fraud: Series[bool]

    class Config:
        strict = True
        coerce = True
