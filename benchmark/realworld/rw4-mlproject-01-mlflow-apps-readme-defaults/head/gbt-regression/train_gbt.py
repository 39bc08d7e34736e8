"""Training for the gbt-regression app: split, fit, score, log."""
from time import time

import xgboost as xgb
from mlflow import active_run_id, log_metric, log_output_files, log_parameter
from mlflow.sklearn import log_model
from sklearn.cross_validation import train_test_split


def train(args, pandasData):
    labels = pandasData[args.label_col].values
    features = pandasData[args.feat_cols].values

    # Hold out test_percent of the rows for testing; train on the rest.
    trainingFeatures, testFeatures, trainingLabels, testLabels = train_test_split(
        features, labels, test_size=args.test_percent)

    xgbr = xgb.XGBRegressor(max_depth=args.m_depth, learning_rate=args.learning_rate,
                            n_estimators=args.n_trees)
    start = time()
    xgbr.fit(trainingFeatures, trainingLabels, eval_metric=args.loss)

    r2_train = xgbr.score(trainingFeatures, trainingLabels)
    r2_test = xgbr.score(testFeatures, testLabels) if args.test_percent != 0 else 0
    elapsed = time() - start

    log_parameter("Number of trees", args.n_trees)
    log_parameter("Max depth of trees", args.m_depth)
    log_parameter("Learning rate", args.learning_rate)
    log_parameter("Testing set percentage", args.test_percent)
    log_parameter("Loss function used", args.loss)
    log_parameter("Label column", args.label_col)
    log_parameter("Feature columns", args.feat_cols)
    log_metric("R2 score for training set", r2_train)
    if args.test_percent != 0:
        log_metric("R2 score for test set", r2_test)
    log_output_files("outputs")
    log_model(xgbr, "model")
    print("Model saved in mlruns/%s" % active_run_id())
    log_metric("Time to run", elapsed)
