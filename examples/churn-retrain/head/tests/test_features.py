from churn.features import FEATURES


def test_features_are_unique():
    assert len(FEATURES) == len(set(FEATURES))
