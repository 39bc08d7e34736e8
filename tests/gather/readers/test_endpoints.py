"""Local service addresses whose scheme a change flips, and where else the repository names them."""

from __future__ import annotations

from pathlib import Path

import pytest
from custody.reviewer.gather.readers.diff import parse_unified_diff
from custody.reviewer.gather.readers.endpoints import scheme_flips

FIXTURE = Path(__file__).parents[2] / "fixtures" / "ml" / "metaflow" / "ml-school-0eba784"


def test_a_flipped_local_address_is_found_with_the_places_naming_each_scheme() -> None:
    diff = parse_unified_diff((FIXTURE / "training.py.diff").read_text())
    texts = {"README.md": (FIXTURE / "README.md").read_text(), "justfile": (FIXTURE / "justfile").read_text()}
    [flip] = scheme_flips(diff.files, texts)
    assert (flip.path, flip.old, flip.new) == ("pipelines/training.py", "http://127.0.0.1:5000",
                                               "https://127.0.0.1:5000")
    assert "MLFLOW_TRACKING_URI" in flip.code and flip.line == 52
    assert "justfile#L5" in flip.old_elsewhere and any(p.startswith("README.md#L") for p in flip.old_elsewhere)
    assert flip.new_elsewhere == []


def test_public_hosts_docs_and_unchanged_schemes_are_not_flips() -> None:
    public = parse_unified_diff(
        "--- a/app.py\n+++ b/app.py\n@@ -1 +1 @@\n-URL = 'http://example.com:80'\n+URL = 'https://example.com:80'\n")
    doc = parse_unified_diff(
        "--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-see http://localhost:8080\n+see https://localhost:8080\n")
    kept = parse_unified_diff("--- a/app.py\n+++ b/app.py\n@@ -1 +1,2 @@\n-A = 'http://localhost:8080'\n"
                              "+A = 'https://localhost:8080'\n+B = 'http://localhost:8080'\n")
    assert scheme_flips(public.files + doc.files + kept.files, {}) == []


def test_another_port_is_another_address() -> None:
    diff = parse_unified_diff(
        "--- a/c.py\n+++ b/c.py\n@@ -1 +1 @@\n-U = 'http://localhost:5000'\n+U = 'https://localhost:5000'\n")
    [flip] = scheme_flips(diff.files, {"README.md": "open http://localhost:50001 and https://localhost:5000/x\n"})
    assert flip.old_elsewhere == [] and flip.new_elsewhere == ["README.md#L1"]


def test_each_change_is_scanned_once_per_content_and_its_places_read_each_review(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import custody.reviewer.gather.readers.endpoints as endpoints
    from custody.reviewer.gather import content_cache

    monkeypatch.setattr(content_cache, "_objects", content_cache.Lru(100))  # a fresh process
    scanned: list[str] = []
    real = endpoints._flips_in
    monkeypatch.setattr(endpoints, "_flips_in", lambda change: (scanned.append(change.path), real(change))[1])
    diff = parse_unified_diff(
        "--- a/c.py\n+++ b/c.py\n@@ -1 +1 @@\n-U = 'http://localhost:5000'\n+U = 'https://localhost:5000'\n")
    first = scheme_flips(diff.files, {"README.md": "run http://localhost:5000\n"})
    again = scheme_flips(parse_unified_diff(
        "--- a/c.py\n+++ b/c.py\n@@ -1 +1 @@\n-U = 'http://localhost:5000'\n+U = 'https://localhost:5000'\n").files,
        {"README.md": "run https://localhost:5000\n"})  # the docs moved too: read again, not remembered
    assert scanned == ["c.py"]
    assert first[0].old_elsewhere == ["README.md#L1"] and again[0].old_elsewhere == []
    assert again[0].new_elsewhere == ["README.md#L1"]
