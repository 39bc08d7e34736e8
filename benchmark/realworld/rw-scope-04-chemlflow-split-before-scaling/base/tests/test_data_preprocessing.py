import numpy as np
import pandas as pd

from MLModels import data_preprocessing


def test_verify_data_quality_flags_constant_columns(caplog):
    X = pd.DataFrame({"a": [1.0, 1.0, 1.0], "b": [1.0, 2.0, 3.0]})
    data_preprocessing.verify_data_quality(X, pd.Series([5.0, 6.0, 7.0]))
    assert "Constant features" in caplog.text
