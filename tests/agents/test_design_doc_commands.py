"""Docs that run a flow with an option the flow does not declare."""

from __future__ import annotations

from pathlib import Path

from custody.agents.design import DesignAgent
from custody.reviewer.gather.readers.doc_commands import doc_commands
from custody.reviewer.gather.readers.metaflow import read_metaflow
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import Diff, FileChange
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook

SCHOOL = Path(__file__).parents[1] / "fixtures" / "ml" / "metaflow" / "ml-school-7b02278"
PATHS = ["src/common/pipeline.py", "src/pipelines/monitoring.py", "src/pipelines/traffic.py"]
INTRO = ".guide/monitoring-pipeline/introduction.md"
TRAFFIC = ".guide/monitoring-pipeline/generating-fake-traffic.md"


def _read(path: str) -> str | None:
    file = SCHOOL / path
    return file.read_text() if file.is_file() else None


def review(changed: list[str], paths: list[str] = PATHS) -> list[tuple[str, str, str]]:
    flows = [g for p in paths[1:] for g in read_metaflow(p, _read(p) or "", "head", paths, _read)]
    docs = {INTRO: (SCHOOL / "guide" / "monitoring-introduction.md").read_text(),
            TRAFFIC: (SCHOOL / "guide" / "generating-fake-traffic.md").read_text()}
    evidence = Evidence(pull_request=PullRequest(repo="svpino/ml.school", number=1), config=RepoConfig(),
                        shipped_pipelines=flows, doc_commands=doc_commands(docs),
                        diff=Diff(files=[FileChange(path=p, status="modified") for p in changed]))
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.subject, f.severity) for f in result.findings if f.rule == "design.params-match"]


def test_a_documented_option_the_flow_does_not_declare_is_a_param_mismatch() -> None:
    # `--limit` is undeclared (the flow's parameter is "samples"); `--backend` comes from the base flow in
    # another file, `--samples` and `--drift` of the traffic page are the Traffic flow's own
    assert review([INTRO]) == [("design.param_mismatch", "limit", "medium")]


def test_a_mismatch_neither_the_doc_nor_the_flow_changed_in_this_pr_is_low() -> None:
    assert review(["justfile"]) == [("design.param_mismatch", "limit", "low")]


def test_nothing_is_reported_when_the_flow_options_are_not_all_known() -> None:
    # without the base flow's file the options of Monitoring are unknown: `--limit` may come from it
    assert review([INTRO], ["src/x.py", "src/pipelines/monitoring.py", "src/pipelines/traffic.py"]) == []
