"""What a change adds, read once per review for the scope agent: names, tests, skip markers, keys, stages."""

from __future__ import annotations

import pytest
from custody.agents.scope_facts import FileFacts, change_facts
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.evidence.pull_request import PullRequest


def evidence(base: dict[str, str], head: dict[str, str]) -> Evidence:
    old = MemorySnapshot({k: v.encode() for k, v in base.items()})
    new = MemorySnapshot({k: v.encode() for k, v in head.items()})
    return gather(ReviewInput(pull_request=PullRequest(repo="acme/ml", number=2), base=old, head=new,
                              diff=diff_snapshots(old, new)))


def test_names_tests_skips_and_keys_of_a_change() -> None:
    facts = change_facts(evidence(
        {"params.yaml": "train:\n  lr: 0.1\n", "tests/test_model.py": "def test_old():\n    assert True\n"},
        {"params.yaml": "train:\n  lr: 0.05\n  epochs: 3\n",
         "src/metrics.py": "def compute_recall(y, p):\n    return 1.0\n\nclass Scorer:\n    pass\n",
         "tests/test_model.py": "import pytest\n\ndef test_old():\n    assert True\n\n"
                                "@pytest.mark.skip(reason='flaky')\ndef test_new():\n    assert 1\n"}))
    assert {(n.kind, n.name) for n in facts.names} >= {("function", "compute_recall"), ("class", "Scorer")}
    assert [(t.name, t.added) for t in facts.tests] == [("test_new", True)]
    assert [s.line for s in facts.skips] == [6]
    assert {(k.key, k.old, k.new) for k in facts.keys} == {("train.lr", "0.1", "0.05"), ("train.epochs", None, "3")}


def test_doctests_in_library_code_count_as_tests() -> None:
    head = 'def f(x):\n    """Double.\n\n    >>> f(2)\n    4\n    """\n    return 2 * x\n'
    facts = change_facts(evidence({}, {"src/util.py": head}))
    assert facts.tests and facts.tests[0].path == "src/util.py"


def test_generated_vendored_and_binary_files_add_nothing() -> None:
    ev = evidence({}, {"vendor/lib/x.py": "def helper():\n    pass\n", "gen/pb2.py": "class Msg:\n    pass\n",
                       "src/x.py": "def mine():\n    pass\n"})
    for change in ev.diff.files:
        change.vendored = change.path.startswith("vendor/")
        change.generated = change.path.startswith("gen/")
    names = {n.name for n in change_facts(ev).names}
    assert "mine" in names and not names & {"helper", "Msg", "pb2"}


def test_new_pipeline_stages_are_added_names_with_their_line() -> None:
    base = "stages:\n  prep:\n    cmd: python prep.py\n"
    head = base + "  train:\n    cmd: python train.py\n    deps: [prep.py]\n"
    facts = change_facts(evidence({"dvc.yaml": base}, {"dvc.yaml": head}))
    stages = [(n.name, n.path, n.line) for n in facts.names if n.kind == "stage"]
    assert stages == [("train", "dvc.yaml", 4)]


def test_a_push_reads_again_only_the_files_it_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    import custody.agents.scope_facts as scope_facts
    from custody.reviewer.gather import content_cache

    monkeypatch.setattr(content_cache, "_objects", content_cache.Lru(1000))  # a fresh process

    read: list[str] = []
    real = scope_facts.file_facts

    def counted(change: FileChange, text: str | None) -> FileFacts:
        read.append(change.path)
        return real(change, text)

    monkeypatch.setattr(scope_facts, "file_facts", counted)
    files = {f"src/m{i}.py": f"def f{i}(x):\n    return x\n" for i in range(5)}
    first = change_facts(evidence({}, files))
    assert sorted(read) == sorted(files)
    read.clear()
    pushed = {**files, "src/m3.py": "def f3(x):\n    return x + 1\n\ndef g3():\n    pass\n"}
    again = change_facts(evidence({}, pushed))
    assert read == ["src/m3.py"]
    assert {n.name for n in again.names} == {n.name for n in first.names} | {"g3"}
    again.names.append(again.names[0])  # the review's own lists: the remembered facts stay as they were
    assert len(change_facts(evidence({}, pushed)).names) == len(again.names) - 1
