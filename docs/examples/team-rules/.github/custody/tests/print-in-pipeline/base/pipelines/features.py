import logging

log = logging.getLogger(__name__)


def build(df):
    df = df.dropna()
    return df
