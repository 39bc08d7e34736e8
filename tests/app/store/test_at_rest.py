from __future__ import annotations

from pathlib import Path

from custody.reviewer.app.store.at_rest import TextCache, redacted, stored_evidence
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.model.evidence.diff import FileChange

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "churn-retrain"
TOKEN = "ghp_" + "a1B2c3D4" * 5


def test_redaction_reaches_every_string_in_nested_evidence() -> None:
    kept = redacted({"files": [{"text": f"token={TOKEN}", "size": 3}], "flag": True, "none": None, "nul": "a\x00"})
    assert TOKEN not in str(kept) and "[REDACTED]" in kept["files"][0]["text"]
    assert (kept["files"][0]["size"], kept["flag"], kept["none"], kept["nul"]) == (3, True, None, "a\ufffd")


def test_stored_evidence_is_the_whole_evidence_redacted() -> None:
    evidence = gather(load_scenario(EXAMPLE))
    evidence.head_texts["secrets.env"] = f"GITHUB_TOKEN={TOKEN}\n"
    evidence.diff.files[0].hunks[0].added[0].text = f"token = '{TOKEN}'"
    kept = stored_evidence(evidence)
    assert kept == redacted(evidence.model_dump(mode="json", by_alias=True))
    assert TOKEN not in str(kept)
    assert len(kept["diff"]["files"]) == len(evidence.diff.files) > 1


def test_an_unchanged_file_diff_is_kept_from_the_last_review_and_a_changed_one_is_not() -> None:
    first = gather(load_scenario(EXAMPLE))
    again = gather(load_scenario(EXAMPLE))
    before, after = stored_evidence(first), stored_evidence(again)
    assert after["diff"]["files"][0] is before["diff"]["files"][0]  # the same content: redacted once
    changed = again.diff.files[0].model_dump(by_alias=True)
    changed["hunks"][0]["added"][0]["text"] = "a pushed line"
    again.diff.files[0] = FileChange.model_validate(changed)
    pushed = stored_evidence(again)
    assert pushed["diff"]["files"][0] is not before["diff"]["files"][0]
    assert "a pushed line" in str(pushed["diff"]["files"][0])


def test_the_text_cache_is_bounded_by_characters_and_drops_the_least_recent() -> None:
    cache = TextCache(max_chars=100)
    assert cache.stored("a" * 20) == "a" * 20
    assert cache.stored("b" * 20) == "b" * 20
    assert cache.chars == 80 and len(cache) == 2
    cache.stored("a" * 20)  # used again: now the most recent
    cache.stored("c" * 20)  # 120 characters: the least recent ("b") goes
    assert len(cache) == 2 and cache.chars == 80
    assert TOKEN not in cache.stored(f"k={TOKEN}") and TOKEN not in cache.stored(f"k={TOKEN}")  # hit or miss
