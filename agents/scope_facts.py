"""What the change adds, once per review, for the scope agent's checks (a helper, not an agent)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from custody.reviewer.gather.content_cache import remembered_for_file
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
from custody.reviewer.model.evidence.common import locator_line
from custody.reviewer.model.evidence.diff import FileChange


@dataclass
class ChangeFacts:
    names: list[AddedName] = field(default_factory=list)
    tests: list[ChangedTest] = field(default_factory=list)
    skips: list[SkipMarker] = field(default_factory=list)
    keys: list[KeyChange] = field(default_factory=list)


@dataclass(frozen=True)
class FileFacts:
    """What one changed file adds; shared between reviews of pushes that left the file as it was."""

    names: tuple[AddedName, ...]
    tests: tuple[ChangedTest, ...]
    skips: tuple[SkipMarker, ...]
    keys: tuple[KeyChange, ...]


def file_facts(change: FileChange, text: str | None) -> FileFacts:
    tests: list[ChangedTest] = []
    skips: list[SkipMarker] = []
    if is_test_path(change.path):
        tests, skips = changed_tests(change, text)
    elif change.path.endswith(".py"):
        tests = added_doctests(change)
    return FileFacts(tuple(added_names(change, text)), tuple(tests), tuple(skips), tuple(key_changes(change, text)))


def change_facts(evidence: Evidence) -> ChangeFacts:
    facts = ChangeFacts()
    for change in evidence.diff.files:
        if change.generated or change.vendored or change.binary:
            continue
        text = evidence.head_texts.get(change.path)
        of_file = remembered_for_file("scope-file-facts", change, text, functools.partial(file_facts, change, text))
        facts.tests += of_file.tests
        facts.skips += of_file.skips
        facts.names += of_file.names
        facts.keys += of_file.keys
    before = {s.name for g in evidence.base_pipelines for s in g.stages}
    for graph in evidence.shipped_pipelines:
        facts.names += [AddedName("stage", s.name, graph.source, locator_line(s.locator) or 1)
                        for s in graph.stages if s.name not in before]
    return facts
