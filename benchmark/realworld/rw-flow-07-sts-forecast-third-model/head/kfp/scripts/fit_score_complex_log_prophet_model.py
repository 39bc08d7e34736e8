"""The conditional-seasonality Prophet model fitted on log(demand): multiplicative effects."""
import argparse
import os

import numpy as np
import pandas as pd
from prophet import Prophet

CONDITIONS = ["summer_weekday", "summer_weekend", "winter_weekday", "winter_weekend"]


def add_conditions(df):
    df = df.copy()
    summer = df["ds"].dt.month.isin([6, 7, 8, 9])
    weekend = df["ds"].dt.dayofweek >= 5
    df["summer_weekday"], df["summer_weekend"] = summer & ~weekend, summer & weekend
    df["winter_weekday"], df["winter_weekend"] = ~summer & ~weekend, ~summer & weekend
    return df


parser = argparse.ArgumentParser()
parser.add_argument("--train_df", required=True)
parser.add_argument("--forecast", required=True)
args = parser.parse_args()

train = add_conditions(pd.read_pickle(args.train_df))
train["y"] = np.log(train["y"])
model = Prophet(daily_seasonality=False)
for cond in CONDITIONS:
    model.add_seasonality(name=f"daily_{cond}", period=1, fourier_order=4, condition_name=cond)
model.fit(train)
future = add_conditions(model.make_future_dataframe(periods=365 * 24, freq="H"))
os.makedirs(os.path.dirname(args.forecast), exist_ok=True)
model.predict(future)[["ds", "yhat"]].to_csv(args.forecast, index=False)
