"""Prophet with default seasonalities; writes the forecast over the whole series."""
import argparse
import os

import pandas as pd
from prophet import Prophet

parser = argparse.ArgumentParser()
parser.add_argument("--train_df", required=True)
parser.add_argument("--forecast", required=True)
args = parser.parse_args()

train = pd.read_pickle(args.train_df)
model = Prophet().fit(train)
future = model.make_future_dataframe(periods=365 * 24, freq="H")
os.makedirs(os.path.dirname(args.forecast), exist_ok=True)
model.predict(future)[["ds", "yhat"]].to_csv(args.forecast, index=False)
