from pyro_detector_baseline.evaluator import metrics


def test_perfect_predictions():
    recs = [{"gt": True, "pred": True}, {"gt": False, "pred": False}]
    m = metrics(recs)
    assert m["f1"] == 1.0 and m["fpr"] == 0.0
