"""Fits an ElasticNet model, logs its R2 scores and the model to MLflow."""
import mlflow
from mlflow import sklearn
from sklearn.linear_model import ElasticNet


def train(training_pandas_data, test_pandas_data, label_col, feat_cols, alpha, l1_ratio,
          training_data_path, test_data_path):
    print("train:", training_data_path, "test:", test_data_path, "alpha:", alpha, "l1-ratio:", l1_ratio)

    trainingLabels = training_pandas_data[label_col].values
    trainingFeatures = training_pandas_data[feat_cols].values
    testLabels = test_pandas_data[label_col].values
    testFeatures = test_pandas_data[feat_cols].values

    en = ElasticNet(alpha=alpha, l1_ratio=l1_ratio)
    en.fit(trainingFeatures, trainingLabels)

    r2_score_training = en.score(trainingFeatures, trainingLabels)
    r2_score_test = 0
    r2_score_test = en.score(testFeatures, testLabels)
    print("Training set score:", r2_score_training)
    print("Test set score:", r2_score_test)

    mlflow.log_metric("R2_train", r2_score_training)
    mlflow.log_metric("R2_test", r2_score_test)

    sklearn.log_model(en, "model")
    print("Run with id %s finished" % mlflow.tracking.active_run().info.run_uuid)
