"""The review graph: agents in parallel, failures contained, and crash-resume by checkpoint."""

from __future__ import annotations

from pathlib import Path

import pytest
from custody.agents.base import AgentResult
from custody.reviewer.evidence import Evidence
from custody.reviewer.evidence.common import Citation
from custody.reviewer.pipeline import ReviewOutcome, run_review, sqlite_checkpointer
from custody.reviewer.rules import RuleBook
from custody.reviewer.sources.scenario import load_scenario

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "churn-retrain"


class Counting:
    def __init__(self, name: str, fail: bool = False) -> None:
        self.name = name
        self.calls = 0
        self.fail = fail

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        self.calls += 1
        if self.fail:
            raise RuntimeError("agent bug")
        finding = rules.finding("hygiene.secret", subject=self.name, message=f"{self.name} says so",
                                citations=[Citation(artifact="diff", locator="a.py")])
        return AgentResult(agent=self.name, findings=[finding] if finding else [])


class Crash(BaseException):
    """Stands for the worker process dying: not an Exception, so nothing inside catches it."""


def test_one_failing_agent_does_not_sink_the_review() -> None:
    good, bad = Counting("good"), Counting("bad", fail=True)
    outcome = run_review(load_scenario(EXAMPLE), agents=[good, bad])
    assert [f.subject for f in outcome.verdict.findings] == ["good"]
    assert [s.what for s in outcome.verdict.coverage.skipped if s.what == "bad agent"] == ["bad agent"]
    assert outcome.verdict.conclusion == "failure"  # hygiene.secret is blocking


def test_a_crashed_review_resumes_without_rerunning_finished_agents(tmp_path: Path) -> None:
    agents = [Counting("one"), Counting("two")]
    published: list[ReviewOutcome] = []
    recorded: list[ReviewOutcome] = []
    crash = {"armed": True}

    def publish(outcome: ReviewOutcome) -> None:
        if crash["armed"]:
            raise Crash()
        published.append(outcome)

    checkpointer = sqlite_checkpointer(str(tmp_path / "checkpoints.db"))
    kwargs = dict(agents=agents, publish=publish, record=recorded.append, checkpointer=checkpointer,
                  thread_id="acme/churn-model#42@abc")
    with pytest.raises(Crash):
        run_review(load_scenario(EXAMPLE), **kwargs)  # type: ignore[arg-type]
    assert [a.calls for a in agents] == [1, 1]
    crash["armed"] = False
    outcome = run_review(load_scenario(EXAMPLE), **kwargs)  # type: ignore[arg-type]
    assert [a.calls for a in agents] == [1, 1]  # the agents' results came from the checkpoint
    assert len(published) == 1 and len(recorded) == 1
    assert {f.subject for f in outcome.verdict.findings} == {"one", "two"}
    again = run_review(load_scenario(EXAMPLE), **kwargs)  # type: ignore[arg-type]
    assert len(published) == 1 and again.verdict == outcome.verdict  # a finished review is not redone
