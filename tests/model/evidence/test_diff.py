"""Diff types: hunk ends, the lines GitHub accepts as anchors, added text and the per-file cache key."""

from __future__ import annotations

from custody.reviewer.gather.readers.diff import parse_unified_diff
from custody.reviewer.model.evidence.diff import Diff, DiffLine, FileChange, Hunk

PATCH = """\
diff --git a/train.py b/train.py
--- a/train.py
+++ b/train.py
@@ -10,3 +10,4 @@ def train(df):
     model = fit(df)
-    score = auc(model, df)
+    score = auc(model, holdout)
+    mlflow.log_metric("val_auc", score)
     return model
"""


def test_a_parsed_patch_gives_the_right_hunk_numbers_and_anchors() -> None:
    diff = parse_unified_diff(PATCH)
    change = diff.get("train.py")
    assert change is not None
    hunk = change.hunks[0]
    assert (hunk.new_start, hunk.new_length, hunk.new_end) == (10, 4, 13)
    assert change.commentable_lines() == {10, 11, 12, 13}
    assert change.added_text() == '    score = auc(model, holdout)\n    mlflow.log_metric("val_auc", score)'


def test_an_empty_hunk_ends_where_it_starts_and_anchors_nothing() -> None:
    hunk = Hunk(old_start=5, old_length=2, new_start=4, new_length=0)
    assert hunk.new_end == 4
    assert FileChange(path="x.py", hunks=[hunk]).commentable_lines() == set()


def test_the_content_key_follows_the_content_and_is_never_serialised() -> None:
    one = FileChange(path="a.py", hunks=[Hunk(old_start=1, old_length=0, new_start=1, new_length=1,
                                              added=[DiffLine(number=1, text="x = 1")])])
    same = FileChange.model_validate_json(one.model_dump_json())
    other = FileChange(path="a.py", hunks=[Hunk(old_start=1, old_length=0, new_start=1, new_length=1,
                                                added=[DiffLine(number=1, text="x = 2")])])
    assert one.content_key() == same.content_key() != other.content_key()
    assert one.content_key() == one.content_key()
    assert "content_key" not in one.model_dump_json()


def test_files_are_found_by_path_and_listed_in_order() -> None:
    diff = Diff(files=[FileChange(path="b.py", status="added"), FileChange(path="a.py", old_path="z.py",
                                                                          status="renamed")])
    assert diff.paths == ["b.py", "a.py"]
    renamed = diff.get("a.py")
    assert renamed is not None and renamed.old_path == "z.py"
    assert diff.get("z.py") is None
    assert Diff().paths == [] and Diff().get("a.py") is None
