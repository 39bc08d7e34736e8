"""Diffs from two trees and from GitHub's unified diff text."""

from __future__ import annotations

import contextlib

from custody.reviewer.gather.readers.diff import diff_snapshots, parse_unified_diff
from custody.reviewer.gather.snapshot import MemorySnapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import fixture_path


def test_added_modified_deleted_and_binary() -> None:
    base = MemorySnapshot({"a.py": b"x = 1\ny = 2\n", "gone.py": b"old\n", "img.png": b"\x89PNG\x00a"})
    head = MemorySnapshot({"a.py": b"x = 1\ny = 3\nz = 4", "new.py": b"print(1)\n", "img.png": b"\x89PNG\x00b"})
    diff = diff_snapshots(base, head)
    by_path = {f.path: f for f in diff.files}
    assert by_path["a.py"].status == "modified"
    assert [ln.text for h in by_path["a.py"].hunks for ln in h.added] == ["y = 3", "z = 4"]
    assert by_path["a.py"].commentable_lines() >= {2, 3}
    assert by_path["new.py"].status == "added"
    assert by_path["gone.py"].status == "deleted"
    assert by_path["img.png"].binary


def test_real_github_diff_parses_with_hunk_line_numbers() -> None:
    text = fixture_path("github", "api", "recorded-github3py", "pr-235", "pulls.get.diff").read_text()
    diff = parse_unified_diff(text)
    assert len(diff.files) == 2
    for change in diff.files:
        assert change.additions > 0
        assert change.hunks and all(h.added for h in change.hunks)
        for hunk in change.hunks:
            for line in hunk.added:
                assert line.number in change.commentable_lines()


def test_generated_and_vendored_files_are_marked() -> None:
    base = MemorySnapshot({})
    head = MemorySnapshot({"poetry.lock": b"x\n", "vendor/lib.py": b"y\n", "src/m.py": b"z\n"})
    marks = {f.path: (f.generated, f.vendored) for f in diff_snapshots(base, head).files}
    assert marks == {"poetry.lock": (True, False), "src/m.py": (False, False), "vendor/lib.py": (False, True)}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab \t\n#+-@", max_size=20), max_size=15),
       st.lists(st.text(alphabet="ab \t\n#+-@", max_size=20), max_size=15))
def test_any_pair_of_texts_diffs_without_error(old: list[str], new: list[str]) -> None:
    base = MemorySnapshot({"f.txt": "\n".join(old).encode()})
    head = MemorySnapshot({"f.txt": "\n".join(new).encode()})
    diff = diff_snapshots(base, head)
    assert len(diff.files) <= 1


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_junk_is_rejected_cleanly(text: str) -> None:
    with contextlib.suppress(ValueError):
        parse_unified_diff(text)
