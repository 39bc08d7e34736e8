"""0006: one review lease per pull request."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from tests.app.store.migrations.steps import AT, Schema

NAME = "0006_pr_locks"


def test_0006_adds_one_lease_per_pull_request(schema: Schema) -> None:
    before = schema.step(NAME)
    assert schema.tables() - before == {"pr_locks"}
    assert schema.columns("pr_locks") == {"repo": False, "number": False, "holder": False, "expires_at": False}
    schema.insert("pr_locks", repo="acme/churn", number=7, holder="worker-a", expires_at=AT)
    with pytest.raises(IntegrityError):  # the PR is the key: a second holder cannot be inserted beside the first
        schema.insert("pr_locks", repo="acme/churn", number=7, holder="worker-b", expires_at=AT)
    schema.insert("pr_locks", repo="acme/churn", number=8, holder="worker-b", expires_at=AT)
    schema.back(NAME, before)
