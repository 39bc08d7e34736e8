"""Review checkpoints on the deployment's database: a crashed review resumes; a finished one is forgotten."""

from __future__ import annotations

from pathlib import Path

import pytest
from custody.reviewer.app.store.checkpoints import forget, review_checkpoints, sqlite_path
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.review import ReviewOutcome, run_review
from custody.reviewer.settings import Settings

from tests.test_review import EXAMPLE, Counting, Crash


def test_sqlite_checkpoints_live_beside_the_store() -> None:
    assert sqlite_path("sqlite:///var/custody/custody.db") == Path("var/custody/checkpoints.db")
    assert sqlite_path("sqlite:////abs/c.db?timeout=5") == Path("/abs/checkpoints.db")
    assert sqlite_path("sqlite:///:memory:") is None and sqlite_path("sqlite://") is None
    with pytest.raises(ValueError):
        sqlite_path("postgresql://x/y")


def test_a_crashed_review_resumes_from_the_stores_checkpoints_then_is_forgotten(store_url: str) -> None:
    settings = Settings(database_url=store_url)
    agents = [Counting("one"), Counting("two")]
    published: list[ReviewOutcome] = []
    recorded: list[ReviewOutcome] = []
    crash = {"armed": True}

    def publish(outcome: ReviewOutcome) -> None:
        if crash["armed"]:
            raise Crash()
        published.append(outcome)

    thread = "acme/churn-model#42@abc/delivery-1"
    with review_checkpoints(settings) as saver, pytest.raises(Crash):
        run_review(load_scenario(EXAMPLE), agents=agents, publish=publish, record=recorded.append,
                   checkpointer=saver, thread_id=thread)
    assert [a.calls for a in agents] == [1, 1]
    crash["armed"] = False
    with review_checkpoints(settings) as saver:  # a new process: a fresh connection to the same database
        outcome = run_review(load_scenario(EXAMPLE), agents=agents, publish=publish, record=recorded.append,
                             checkpointer=saver, thread_id=thread)
        assert [a.calls for a in agents] == [1, 1]  # the agents' results came from the checkpoint
        assert len(published) == 1 and len(recorded) == 1
        assert {f.subject for f in outcome.verdict.findings} == {"one", "two"}
        again = run_review(load_scenario(EXAMPLE), agents=agents, publish=publish, record=recorded.append,
                           checkpointer=saver, thread_id=thread)
        assert len(published) == 1 and again.verdict == outcome.verdict  # a finished review is not redone
        forget(saver, thread)
    with review_checkpoints(settings) as saver:
        run_review(load_scenario(EXAMPLE), agents=agents, publish=publish, checkpointer=saver, thread_id=thread)
    assert [a.calls for a in agents] == [2, 2]  # forgotten: the same thread is a new review


def test_an_in_memory_store_keeps_checkpoints_in_memory() -> None:
    with review_checkpoints(Settings(database_url="sqlite:///:memory:")) as saver:
        outcome = run_review(load_scenario(EXAMPLE), agents=[Counting("one")], checkpointer=saver, thread_id="t")
        assert outcome.verdict.findings and saver.get_tuple({"configurable": {"thread_id": "t"}}) is not None
