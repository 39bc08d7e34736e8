"""Convert IC50 (nM) to pIC50, capping very large values."""
import numpy as np
import pandas as pd


def to_pic50(ic50_nm: pd.Series, cap_nm: float = 1e8) -> pd.Series:
    molar = ic50_nm.clip(upper=cap_nm) * 1e-9
    return -np.log10(molar)
