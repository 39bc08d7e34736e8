"""Scoring API: one authorisation in, a fraud probability out."""

import mlflow
from fastapi import FastAPI
from pydantic import BaseModel

from fraud.features import build_online_features
from serve.card_stats import lookup_card_stats

app = FastAPI()
model = mlflow.sklearn.load_model("models:/card-fraud@champion")


class Authorisation(BaseModel):
    txn_id: str
    card_id: str
    amount: float
    currency: str
    usd_rate: float
    mcc: int
    card_country: str
    merchant_country: str


@app.post("/score")
def score(auth: Authorisation) -> dict:
    features = build_online_features(auth.model_dump(), lookup_card_stats(auth.card_id))
    return {"txn_id": auth.txn_id, "fraud_probability": float(model.predict_proba(features)[0, 1])}
