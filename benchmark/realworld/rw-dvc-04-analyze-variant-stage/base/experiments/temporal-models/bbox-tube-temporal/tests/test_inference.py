from bbox_tube_temporal.inference import aggregate_max_logit


def test_no_tubes_is_negative():
    assert aggregate_max_logit([], 0.0) == (False, float("-inf"))


def test_max_logit_rule():
    assert aggregate_max_logit([-1.0, 0.7, 0.2], 0.5) == (True, 0.7)
