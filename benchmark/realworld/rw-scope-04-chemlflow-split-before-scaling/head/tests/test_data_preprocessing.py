import numpy as np
import pandas as pd

from MLModels import data_preprocessing


def test_verify_data_quality_flags_constant_columns(caplog):
    X = pd.DataFrame({"a": [1.0, 1.0, 1.0], "b": [1.0, 2.0, 3.0]})
    data_preprocessing.verify_data_quality(X, pd.Series([5.0, 6.0, 7.0]))
    assert "Constant features" in caplog.text


def test_preprocessor_is_fit_on_train_rows_only():
    rng = np.random.default_rng(0)
    X_train = pd.DataFrame(rng.normal(size=(40, 3)), columns=["a", "b", "c"])
    X_test = X_train + 100.0
    pre = data_preprocessing.fit_preprocessor(X_train, variance_threshold=0.0,
                                              corr_threshold=0.99, clip_range=(-1e10, 1e10))
    out = data_preprocessing.transform_preprocessor(X_test, pre)
    # Test rows are scaled with the training median, so they stay far from zero.
    assert out.abs().min().min() > 10
