import pandas as pd

from utilities.IC50_pIC50 import to_pic50


def test_one_micromolar_is_pic50_6():
    assert abs(to_pic50(pd.Series([1000.0]))[0] - 6.0) < 1e-9
