"""Train and register the churn model."""
import mlflow
import pandas as pd
import yaml
import lightgbm as lgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from churn.features import FEATURES


def main() -> None:
    params = yaml.safe_load(open("params.yaml"))["train"]
    df = pd.read_parquet("data/features.parquet")
    train, test = train_test_split(df, test_size=0.2, random_state=params["seed"])
    model = lgb.LGBMClassifier(
        n_estimators=params["n_estimators"], learning_rate=params["learning_rate"],
        random_state=params["seed"],
    )
    model.fit(train[FEATURES], train["churned"])
    with mlflow.start_run():
        mlflow.log_params(params)
        auc = roc_auc_score(test["churned"], model.predict_proba(test[FEATURES])[:, 1])
        mlflow.log_metric("val_auc", auc)
        mlflow.sklearn.log_model(model, "model", registered_model_name="churn-gbm")


if __name__ == "__main__":
    main()
