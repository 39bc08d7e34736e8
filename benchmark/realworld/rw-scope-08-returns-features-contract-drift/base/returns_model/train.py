"""Train the returns classifier on analytics.order_features."""
import lightgbm as lgb
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

NUMERIC = ["order_total", "n_items", "days_since_last_order"]


def train(features: pd.DataFrame, labels: pd.Series, seed: int = 13):
    X_train, X_val, y_train, y_val = train_test_split(
        features[NUMERIC], labels, test_size=0.2, random_state=seed, stratify=labels
    )
    model = lgb.LGBMClassifier(n_estimators=400, learning_rate=0.05, random_state=seed)
    model.fit(X_train, y_train)
    auc = roc_auc_score(y_val, model.predict_proba(X_val)[:, 1])
    return model, {"val_auc": auc}
