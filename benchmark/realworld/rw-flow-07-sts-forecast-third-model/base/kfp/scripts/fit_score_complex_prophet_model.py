"""Prophet with daily seasonality conditioned on summer/winter and weekday/weekend."""
import argparse
import os

import pandas as pd
from prophet import Prophet


def add_conditions(df):
    df = df.copy()
    summer = df["ds"].dt.month.isin([6, 7, 8, 9])
    weekend = df["ds"].dt.dayofweek >= 5
    for name, cond in {
        "summer_weekday": summer & ~weekend, "summer_weekend": summer & weekend,
        "winter_weekday": ~summer & ~weekend, "winter_weekend": ~summer & weekend,
    }.items():
        df[name] = cond
    return df


parser = argparse.ArgumentParser()
parser.add_argument("--train_df", required=True)
parser.add_argument("--forecast", required=True)
args = parser.parse_args()

model = Prophet(daily_seasonality=False)
for cond in ["summer_weekday", "summer_weekend", "winter_weekday", "winter_weekend"]:
    model.add_seasonality(name=f"daily_{cond}", period=1, fourier_order=4, condition_name=cond)
model.fit(add_conditions(pd.read_pickle(args.train_df)))
future = add_conditions(model.make_future_dataframe(periods=365 * 24, freq="H"))
os.makedirs(os.path.dirname(args.forecast), exist_ok=True)
model.predict(future)[["ds", "yhat"]].to_csv(args.forecast, index=False)
