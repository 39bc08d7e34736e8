"""Runs the gbt-regression app on the diamonds dataset (entry point `example`).

An example local call:
python gbt-regression/example_gbt.py 100 10 .2 .3 rmse price "carat,cut,color,clarity,depth,table,x,y,z"
"""
import argparse
import os
import urllib.request
from shutil import rmtree
from tempfile import mkdtemp

import pandas
from pyspark import SparkContext
from pyspark.sql import SQLContext

import train_gbt

DIAMONDS = "https://raw.githubusercontent.com/tidyverse/ggplot2/4c678917/data-raw/diamonds.csv"

parser = argparse.ArgumentParser()
parser.add_argument("n_trees", type=int)
parser.add_argument("m_depth", type=int)
parser.add_argument("learning_rate", type=float)
parser.add_argument("test_percent", type=float)
parser.add_argument("loss", type=str)
parser.add_argument("label_col", type=str)
parser.add_argument("feat_cols", type=lambda s: s.split(","))
args = parser.parse_args()

# The app reads parquet: convert the hosted CSV once, in a temporary folder.
folder = mkdtemp()
urllib.request.urlretrieve(DIAMONDS, os.path.join(folder, "diamonds.csv"))
sql = SQLContext(SparkContext(appName="CSV2Parquet"))
frame = sql.read.format("csv").option("header", "true").load(os.path.join(folder, "diamonds.csv"))
frame.write.parquet(os.path.join(folder, "diamonds_parquet"))
data = pandas.read_parquet(os.path.join(folder, "diamonds_parquet"))

# Qualitative grades become ordinal numbers (diamonds only).
data["cut"] = data["cut"].replace({"Fair": 0, "Good": 1, "Very Good": 2, "Premium": 3, "Ideal": 4})
data["color"] = data["color"].replace({"J": 0, "I": 1, "H": 2, "G": 3, "F": 4, "E": 5, "D": 6})
data["clarity"] = data["clarity"].replace({"I1": 0, "SI1": 1, "SI2": 2, "VS1": 3, "VS2": 4,
                                           "VVS1": 5, "VVS2": 6, "IF": 7})
train_gbt.train(args, data)
rmtree(folder)
