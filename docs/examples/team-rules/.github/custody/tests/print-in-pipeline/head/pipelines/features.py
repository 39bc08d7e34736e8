import logging

log = logging.getLogger(__name__)


def build(df):
    print("rows before", len(df))
    df = df.dropna()
    print("rows after", len(df))
    return df
