"""The admission job's parts that need no server: the registry as it stood before the move, the
revert's refusals, and the report's words (the whole job runs against real MLflow in
tests/integration/test_admission_mlflow.py)."""

from __future__ import annotations

from typing import Any

from custody.reviewer.app.admission.service import AdmissionRegistry, _revert, report_text
from custody.reviewer.app.admission.trace import Trace
from custody.reviewer.app.queue.jobs import Admission
from custody.reviewer.gather.readers.registry import parse_mlflow_snapshot
from custody.reviewer.model.evidence.common import Citation
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.model.findings import Coverage, Finding, Risk, Verdict

from tests.helpers import load_json

SERVER = ("ml", "mlflow", "local_server_mlflow_3.17.2")


class RecordingMlflow:
    """Answers from the real server's recorded responses; records every alias it is asked to set."""

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        self.now = aliases if aliases is not None else {"champion": "2", "challenger": "2"}
        self.set: list[tuple[str, str, str]] = []
        self.loaded: list[list[str]] = []

    def load(self, names: list[str]) -> Registry:
        self.loaded.append(names)
        model = load_json(*SERVER, "registered-models_get.json")["registered_model"]
        model["aliases"] = [{"alias": a, "version": v} for a, v in self.now.items()]
        return parse_mlflow_snapshot({
            "registered_models": [model],
            "model_versions": load_json(*SERVER, "model-versions_search.json")["model_versions"],
            "runs": [load_json(*SERVER, "runs_get_champion_run.json")["run"],
                     load_json(*SERVER, "runs_get_challenger_run.json")["run"]]}, source="http://mlflow.test")

    def aliases(self, name: str) -> dict[str, str]:
        return dict(self.now)

    def set_alias(self, name: str, alias: str, version: str) -> None:
        self.set.append((name, alias, version))


MOVE = Admission(event="model_version_alias.created", model="fraud-detector", version="2", alias="champion",
                 moved_at="2026-12-06T20:44:44.811564+00:00")


def test_the_registry_is_judged_as_it_stood_before_the_move() -> None:
    mlflow = RecordingMlflow()
    registry = AdmissionRegistry(mlflow, MOVE, previous="1").load([])  # type: ignore[arg-type]
    assert mlflow.loaded == [["fraud-detector"]]  # the moved model is read even when the base names none
    model = registry.model("fraud-detector")
    assert model is not None and model.aliases["champion"] == "1"
    champion, challenger = registry.version("fraud-detector", "1"), registry.version("fraud-detector", "2")
    assert champion is not None and "champion" in champion.aliases
    assert challenger is not None and "champion" not in challenger.aliases and "challenger" in challenger.aliases


def test_without_a_known_champion_the_margin_is_a_stated_gap() -> None:
    registry = AdmissionRegistry(RecordingMlflow(), MOVE, previous=None).load(["fraud-detector"])  # type: ignore[arg-type]
    assert all("champion" not in v.aliases for v in registry.versions_of("fraud-detector"))
    assert any("did not know where @champion pointed before v2" in p for p in registry.problems)


def test_a_revert_moves_back_only_what_this_move_put_there() -> None:
    mlflow = RecordingMlflow({"champion": "2"})
    assert _revert(mlflow, MOVE, "1")[0] == "1"  # type: ignore[arg-type]
    assert mlflow.set == [("fraud-detector", "champion", "1")]
    moved_on = RecordingMlflow({"champion": "3"})  # someone moved it again before the job ran
    reverted, note = _revert(moved_on, MOVE, "1")  # type: ignore[arg-type]
    assert (reverted, moved_on.set) == (None, []) and "has moved on (it points at v3)" in note
    retried = RecordingMlflow({"champion": "1"})  # this job reverted, then failed to publish: the retry
    assert _revert(retried, MOVE, "1", undone_before=True)[0] == "1" and retried.set == []  # type: ignore[arg-type]
    unknown = RecordingMlflow({"champion": "2"})
    reverted, note = _revert(unknown, MOVE, None)  # type: ignore[arg-type]
    assert (reverted, unknown.set) == (None, []) and "did not know where `@champion` pointed before" in note


def verdict(conclusion: str, findings: list[Finding]) -> Any:
    return Verdict(repo="acme/fraud", number=12, conclusion=conclusion, findings=findings,  # type: ignore[arg-type]
                   coverage=Coverage(), risk=Risk(overall=80))


def test_the_report_says_what_moved_when_and_by_whom_without_mentioning_anyone() -> None:
    finding = Finding(rule="promotion.challenger-beats-champion", agent="promotion", kind="promotion.gate_failed",
                      severity="high", blocking=True, subject="val_auc",
                      message="fraud-detector v2 must beat @champion-team v1 by 0.01",
                      citations=[Citation(artifact="registry", locator="http://mlflow.test#/runs/r2")])
    traced = Trace(run_id="r2", commit="a" * 40, repo="acme/fraud", where="the run's tags", trained_by="@ana")
    text = report_text(verdict("failure", [finding]), MOVE, "1", "Custody moved `@champion` back to v1.", "k",
                       traced)
    lines = text.splitlines()
    assert lines[0] == "**`@champion` of `fraud-detector` now points at v2** (it was v1); the gate fails:"
    assert "@\u200bchampion-team" in lines[2]  # text from the registry or a card is written inert
    assert "Moved at 2026-12-06 20:44:44 UTC; MLflow's registry events do not say by whom" in text
    assert "v2 was registered by someone MLflow did not name from a run by @\u200bana." in text
    assert text.endswith("Custody moved `@champion` back to v1.\n\n<!-- custody:admission k -->")
