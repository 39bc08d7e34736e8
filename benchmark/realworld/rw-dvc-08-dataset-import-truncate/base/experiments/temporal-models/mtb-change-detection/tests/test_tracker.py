from mtb_change_detection.tracker import any_confirmed


def test_two_consecutive_overlapping_boxes_confirm():
    frames = [[(0, 0, 10, 10)], [(1, 1, 11, 11)]]
    assert any_confirmed(frames, iou_threshold=0.1, min_consecutive=2, max_misses=0)


def test_single_frame_does_not_confirm():
    assert not any_confirmed([[(0, 0, 10, 10)], []], 0.1, 2, 0)
