"""Entry point of the dnn-regression app: reads the parquet files and calls train_dnn.train."""
import argparse

import pandas

import train_dnn

parser = argparse.ArgumentParser()
parser.add_argument("model_dir", type=str, help="where the exported SavedModel goes")
parser.add_argument("train", type=str, help="parquet file with the training rows")
parser.add_argument("test", type=str, help="parquet file with the test rows")
parser.add_argument("hidden_units", type=lambda s: [int(n) for n in s.split(",")], help="e.g. 10,10")
parser.add_argument("steps", type=int)
parser.add_argument("batch_size", type=int)
parser.add_argument("label_col", type=str)
args = parser.parse_args()

training = pandas.read_parquet(args.train)
test = pandas.read_parquet(args.test)
features = [c for c in training.columns if c != args.label_col]
train_dnn.train(args.model_dir, training, test, args.label_col, features, args.hidden_units,
                args.steps, args.batch_size, args.train, args.test)
