from smokeynet_adapted.tubes import build_tubes


def test_overlapping_boxes_form_one_tube():
    frames = [[(0, 0, 10, 10)], [(1, 1, 11, 11)], [(2, 2, 12, 12)]]
    tubes = build_tubes(frames, iou_threshold=0.2, max_misses=1)
    assert len(tubes) == 1
    assert [t for t, _ in tubes[0]] == [0, 1, 2]
