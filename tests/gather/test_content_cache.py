"""Content-addressed caches: keys over everything a result depends on; memory LRU and a bounded disk
folder; the diff parser and the hygiene agent redo only the files a push changed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from custody.agents.hygiene import file_hits
from custody.reviewer.gather import content_cache
from custody.reviewer.gather.content_cache import DiskCache, Lru, MemoryCache, code_version
from custody.reviewer.gather.readers.diff import parse_unified_diff
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.model.digest import digest
from custody.reviewer.review import run_review


class Counting(MemoryCache):
    def __init__(self) -> None:
        super().__init__()
        self.hits = self.misses = 0

    def get(self, key: str) -> bytes | None:
        data = super().get(key)
        if data is None:
            self.misses += 1
        else:
            self.hits += 1
        return data


@pytest.fixture()
def counting(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counting]:
    previous = content_cache.cache()
    fresh = Counting()
    content_cache.configure(fresh)
    yield fresh
    content_cache.configure(previous)


def test_digest_separates_parts_and_code_version_follows_the_source(tmp_path: Path) -> None:
    assert digest("ab", "c") != digest("a", "bc") and digest("x") == digest(b"x")
    source = tmp_path / "m.py"
    source.write_text("A = 1\n")
    before = code_version(str(source))
    source.write_text("A = 2\n")
    assert code_version(str(source)) != before


def test_memory_cache_drops_the_least_recently_used() -> None:
    cache = MemoryCache(max_items=2)
    cache.put("a" * 8, b"1")
    cache.put("b" * 8, b"2")
    assert cache.get("a" * 8) == b"1"  # a is now the most recent
    cache.put("c" * 8, b"3")
    assert cache.get("b" * 8) is None and cache.get("a" * 8) == b"1" and cache.get("c" * 8) == b"3"


def test_an_lru_can_be_bounded_by_weight_and_replacing_an_entry_reweighs_it() -> None:
    cache: Lru[str] = Lru(max_items=100, max_weight=10, weigh=lambda key, value: len(value))
    cache.put("a", "xxxx")
    cache.put("b", "yyyy")
    cache.put("a", "xx")  # replaced: weighs 2 now, and is the most recent
    assert (len(cache), cache.weight) == (2, 6)
    cache.put("c", "zzzzzz")  # 12 > 10: the least recent ("b") goes
    assert cache.get("b") is None and cache.get("a") == "xx" and cache.weight == 8


def test_disk_cache_is_bounded_and_refuses_keys_that_are_not_digests(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "c", max_bytes=2500, check_every=1)
    keys = [digest(str(i)) for i in range(5)]
    for i, key in enumerate(keys):
        cache.put(key, bytes([i]) * 1000)
        path = tmp_path / "c" / key[:2] / key
        os.utime(path, (1_000_000 + i, 1_000_000 + i))  # written in this order
    cache.trim()
    assert [cache.get(k) is not None for k in keys] == [False, False, False, True, True]
    assert cache.get(keys[4]) == bytes([4]) * 1000
    with pytest.raises(ValueError):
        cache.put("../../etc/passwd", b"x")
    assert not list((tmp_path / "c").glob("??/.*")), "no partial files are left behind"


def _section(path: str, body: str) -> str:
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n-old\n+{body}\n"


def test_a_push_reparses_only_the_files_it_changed(counting: Counting, monkeypatch: pytest.MonkeyPatch) -> None:
    first = "".join(_section(f"f{i}.py", "new") for i in range(20))
    parsed = parse_unified_diff(first)
    assert (counting.hits, counting.misses) == (0, 20)
    pushed = first.replace(_section("f7.py", "new"), _section("f7.py", "newer"))
    again = parse_unified_diff(pushed)
    assert counting.misses == 21 and again.files[8] is parsed.files[8]  # this process kept the objects
    assert [f.path for f in again.files] == [f.path for f in parsed.files]
    assert again.files[7].hunks[0].added[0].text == "newer"
    monkeypatch.setattr(content_cache, "_objects", Lru(100))  # another process: the shared cache's bytes
    third = parse_unified_diff(pushed)
    assert (counting.hits, counting.misses) == (20, 21) and third.files[8] == parsed.files[8]


def test_a_review_leaves_its_shared_diff_objects_as_it_found_them() -> None:
    scenario = load_scenario(Path(__file__).resolve().parents[2] / "examples" / "churn-retrain")
    before = scenario.diff.model_dump_json()
    run_review(scenario)
    assert scenario.diff.model_dump_json() == before


def test_hygiene_checks_a_file_once_for_the_same_patch_and_text(counting: Counting) -> None:
    change = parse_unified_diff(_section("train.py", "api_key = 'AKIAABCDEFGHIJKLMNOP'")).files[0]
    text = "api_key = 'AKIAABCDEFGHIJKLMNOP'\n"
    first = file_hits(change, text, 0.5)
    hits_before = counting.hits
    assert file_hits(change, text, 0.5) == first and counting.hits == hits_before + 1
    assert file_hits(change, text + "x = 1\n", 0.5) == first and counting.hits == hits_before + 1  # new text: run
    assert [h.rule for h in first] == ["hygiene.secret"]


def test_work_over_one_file_is_remembered_by_its_change_and_its_head_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content_cache, "_objects", Lru(100))
    change = parse_unified_diff(_section("train.py", "lr = 0.1")).files[0]
    calls: list[str] = []

    def work(text: str | None) -> tuple[str, ...]:
        return content_cache.remembered_for_file("test-work", change, text,
                                                 lambda: (calls.append(str(text)), (str(text),))[1])

    assert work("lr = 0.1\n") == work("lr = 0.1\n") == ("lr = 0.1\n",) and len(calls) == 1
    assert work("lr = 0.1\nx = 2\n") == ("lr = 0.1\nx = 2\n",) and len(calls) == 2  # another head text
    assert work(None) == ("None",) and work("") == ("",) and len(calls) == 4  # absent is not empty


WARM_COLD = ["examples/churn-retrain", "benchmark/realworld/rw2-nanogpt-04-vocab-pad-50304",
             "benchmark/realworld/rw4-mlproject-01-mlflow-apps-readme-defaults",
             "benchmark/realworld/rw3-card-02-distilbert-ner-f1-drift",
             "benchmark/realworld/rw-scope-02-fuse-specificity-fix", "benchmark/realworld/rw-dvc-09-devgpt-stage-docs"]


def test_what_a_process_remembers_never_changes_a_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each scenario reviewed cold (nothing remembered), then again after all the others: the same verdict."""
    root = Path(__file__).resolve().parents[2]

    def verdict(folder: str) -> str:
        outcome = run_review(load_scenario(root / folder))
        return outcome.verdict.model_dump_json(exclude={"timings"}) + outcome.comment

    cold = {}
    for folder in WARM_COLD:
        monkeypatch.setattr(content_cache, "_objects", Lru(4000))
        monkeypatch.setattr(content_cache, "_cache", MemoryCache())
        cold[folder] = verdict(folder)
    warm = {folder: verdict(folder) for folder in reversed(WARM_COLD)}
    assert warm == cold


def test_a_result_of_none_is_remembered_and_a_failure_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content_cache, "_objects", Lru(100))
    calls: list[int] = []

    def nothing() -> None:
        calls.append(1)

    assert content_cache.remembered("t", "k", nothing) is None
    assert content_cache.remembered("t", "k", nothing) is None and len(calls) == 1

    def failing() -> str:
        calls.append(2)
        raise ValueError("unreadable")

    for _ in range(2):
        with pytest.raises(ValueError):
            content_cache.remembered("t", "bad", failing)
    assert calls == [1, 2, 2]
