"""0015: what the App wrote per PR (its comment, inline fingerprints, the head it last reviewed) and
its check run per head, remembered instead of searched for on every push."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.app.store.migrations.steps import Schema

NAME = "0015_github_economy"
AT = datetime(2026, 12, 6, 21, 0, tzinfo=UTC)


def test_0015_adds_the_remembered_outputs(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() == before | {"pr_outputs", "check_runs"}
    schema.insert("pr_outputs", repo="acme/churn", number=7, comment_id=2_000_000_001, comment_pending=False,
                  fingerprints=["f" * 16], reviewed_head="a" * 40, updated_at=AT)
    schema.insert("check_runs", repo="acme/churn", head_sha="a" * 40, run_id=None, created_at=AT)  # create sent
    assert schema.rows("pr_outputs", "number", "comment_id", "reviewed_head") == [(7, 2_000_000_001, "a" * 40)]
    assert schema.rows("check_runs", "head_sha", "run_id") == [("a" * 40, None)]
    schema.back(NAME, before)
