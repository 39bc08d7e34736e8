"""What the change adds, once per review, for the scope agent's checks (a helper, not an agent)."""

from __future__ import annotations

from dataclasses import dataclass, field

from custody.reviewer.gather.readers.code_changes import (
    AddedName,
    ChangedTest,
    KeyChange,
    SkipMarker,
    added_doctests,
    added_names,
    changed_tests,
    is_test_path,
    key_changes,
)
from custody.reviewer.model.evidence import Evidence


@dataclass
class ChangeFacts:
    names: list[AddedName] = field(default_factory=list)
    tests: list[ChangedTest] = field(default_factory=list)
    skips: list[SkipMarker] = field(default_factory=list)
    keys: list[KeyChange] = field(default_factory=list)


def change_facts(evidence: Evidence) -> ChangeFacts:
    facts = ChangeFacts()
    for change in evidence.diff.files:
        if change.generated or change.vendored or change.binary:
            continue
        text = evidence.head_texts.get(change.path)
        if is_test_path(change.path):
            tests, skips = changed_tests(change, text)
            facts.tests += tests
            facts.skips += skips
        elif change.path.endswith(".py"):
            facts.tests += added_doctests(change)
        facts.names += added_names(change, text)
        facts.keys += key_changes(change, text)
    before = {s.name for g in evidence.base_pipelines for s in g.stages}
    for graph in evidence.shipped_pipelines:
        facts.names += [AddedName("stage", s.name, graph.source, _line(s.locator))
                        for s in graph.stages if s.name not in before]
    return facts


def _line(locator: str) -> int:
    tail = locator.rsplit("#L", 1)
    return int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else 1
