from pathlib import Path

from data_quality_sequential.dataset import SequenceRef
from data_quality_sequential.review import build_review_sets


def _ref(name, truth):
    return SequenceRef(name=name, split="val", ground_truth=truth, frame_paths=[Path("x.jpg")])


def test_fp_and_fn_selection():
    refs = [_ref("a", False), _ref("b", True), _ref("c", True)]
    preds = {"a": {"is_positive": True}, "b": {"is_positive": False}, "c": {"is_positive": True}}
    fp, fn = build_review_sets(refs, preds)
    assert fp.sequences == ["a"]
    assert fn.sequences == ["b"]
