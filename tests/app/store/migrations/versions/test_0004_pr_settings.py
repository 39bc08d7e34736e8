"""0004: settings changed from PR comments, every change kept."""

from __future__ import annotations

from tests.app.store.migrations.steps import AT, Schema

NAME = "0004_pr_settings"


def test_0004_adds_the_pr_settings_audit_trail(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() - before == {"pr_settings"}
    assert schema.columns("pr_settings") == {"id": False, "repo": False, "number": False, "key": False,
                                             "value": False, "by": False, "created_at": False}
    assert schema.indexes("pr_settings") == {"ix_pr_settings_repo_number": (("repo", "number"), False)}
    for value in ("fail", "warn"):  # two changes of one key: both kept, ids assigned in order
        schema.insert("pr_settings", repo="acme/churn", number=7, key="enforcement", value=value, by="lead",
                      created_at=AT)
    assert schema.rows("pr_settings", "id", "value") == [(1, "fail"), (2, "warn")]
    schema.back(NAME, before)
