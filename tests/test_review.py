"""The review graph: agents in parallel, failures contained (crash-resume: tests/app/store/test_checkpoints.py)."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.review import run_review
from custody.reviewer.rules.book import RuleBook

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
