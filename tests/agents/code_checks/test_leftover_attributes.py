"""Reads of an attribute the change stopped assigning, on aequitas' real rename (PR #161) and its fix."""

from __future__ import annotations

from pathlib import Path

from custody.agents.code_checks.leftover_attributes import leftover_attribute_hits
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.snapshot import DirSnapshot
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.pull_request import PullRequest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "code" / "aequitas"
PATH = "src/aequitas/flow/datasets/folktables.py"


def _evidence(tmp_path: Path, base: str, head: str, extra: dict[str, tuple[str, str]] | None = None) -> Evidence:
    files = {PATH: (base, head), **(extra or {})}
    for side, index in (("base", 0), ("head", 1)):
        for path, texts in files.items():
            target = tmp_path / side / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(texts[index])
    diff = diff_snapshots(DirSnapshot(tmp_path / "base"), DirSnapshot(tmp_path / "head"))
    return Evidence(pull_request=PullRequest(repo="dssg/aequitas", number=161), diff=diff,
                    head_texts={p: t[1] for p, t in files.items()})


def _text(name: str) -> str:
    return (FIXTURES / name).read_text()


def test_the_read_the_rename_left_behind_is_reported(tmp_path: Path) -> None:
    hits = list(leftover_attribute_hits(_evidence(tmp_path, _text("folktables_base.py"), _text("folktables_head.py"))))
    assert [(h.subject, h.path, h.line) for h in hits] == [("sensitive_feature", PATH, 247)]
    assert "`FolkTables.load_data` reads `self.sensitive_feature`" in hits[0].message
    assert "`self.sensitive_column` instead" in hits[0].message


def test_the_upstream_fix_and_a_moved_assignment_are_quiet(tmp_path: Path) -> None:
    fixed = _evidence(tmp_path / "a", _text("folktables_head.py"), _text("folktables_fixed.py"))
    assert list(leftover_attribute_hits(fixed)) == []
    whole = _evidence(tmp_path / "b", _text("folktables_base.py"), _text("folktables_fixed.py"))
    assert list(leftover_attribute_hits(whole)) == []
    # the same removal, but the change assigns the attribute elsewhere (moved to a base class)
    moved = _evidence(tmp_path / "c", _text("folktables_base.py"), _text("folktables_head.py"),
                      extra={"src/aequitas/flow/datasets/dataset.py": (
                          "class Dataset:\n    pass\n",
                          "class Dataset:\n    def __init__(self):\n        self.sensitive_feature = None\n")})
    assert list(leftover_attribute_hits(moved)) == []


def test_guards_and_dynamic_setters_added_by_the_change_are_respected(tmp_path: Path) -> None:
    base = "class A:\n    def __init__(self, v):\n        self.old = v\n\n    def get(self):\n        return self.old\n"
    guarded = base.replace("self.old = v", "self.new = v").replace(
        "return self.old", "return self.old if hasattr(self, 'old') else self.new")
    assert list(leftover_attribute_hits(_evidence(tmp_path / "a", base, guarded))) == []
    dynamic = base.replace("self.old = v", "setattr(self, name, v)")
    assert list(leftover_attribute_hits(_evidence(tmp_path / "b", base, dynamic))) == []
    prop = base.replace("self.old = v", "self.new = v") + "\n    @property\n    def old(self):\n        return 1\n"
    assert list(leftover_attribute_hits(_evidence(tmp_path / "c", base, prop))) == []
    plain = base.replace("self.old = v", "self.new = v")
    assert [h.subject for h in leftover_attribute_hits(_evidence(tmp_path / "d", base, plain))] == ["old"]
