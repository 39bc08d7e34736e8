"""0013: GitHub's request budget per installation, shared by every worker of a deployment."""

from __future__ import annotations

from tests.app.store.migrations.steps import Schema

NAME = "0013_installation_budget"


def test_0013_adds_the_shared_budget_table(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() == before | {"github_budget"}
    assert schema.columns("github_budget") == {"installation": False, "paused_until": False, "next_write_at": False,
                                               "writer": True, "writer_until": False}
    schema.insert("github_budget", installation="5", paused_until=1765000000.5, next_write_at=0.0, writer=None,
                  writer_until=0.0)
    assert schema.rows("github_budget", "installation", "paused_until") == [("5", 1765000000.5)]
    schema.back(NAME, before)
