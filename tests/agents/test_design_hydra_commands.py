"""Docs that run a Hydra app with an override its composed configuration cannot take."""

from __future__ import annotations

from pathlib import Path

from custody.agents.design import DesignAgent
from custody.reviewer.gather.readers.hydra import hydra_commands, mark_new
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import Diff, FileChange
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ml" / "hydra"
BEFORE, AFTER = FIXTURES / "lightning-hydra-template-6521f28", FIXTURES / "lightning-hydra-template-d72d9a3"


def _commands(root: Path, docs: dict[str, str]) -> list:
    paths = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    python = {p: (root / p).read_text() for p in paths if p.endswith(".py")}
    return hydra_commands(docs, python, paths, lambda p: (root / p).read_text() if (root / p).is_file() else None,
                          complete=True)


def review(docs: dict[str, str] | None = None) -> list:
    docs = docs or {"README.md": (AFTER / "README.md").read_text()}
    base_docs = {"README.md": (BEFORE / "README.md").read_text()}
    added = {p for p in docs if p not in base_docs}  # a doc the PR adds: every line of it is the PR's
    commands = mark_new(_commands(AFTER, docs), _commands(BEFORE, base_docs), added)
    evidence = Evidence(pull_request=PullRequest(repo="ashleve/lightning-hydra-template", number=333),
                        config=RepoConfig(), hydra_commands=commands,
                        diff=Diff(files=[FileChange(path="configs/trainer/default.yaml", status="modified")]))
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    return [f for f in result.findings if f.rule == "design.params-match"]


def test_a_documented_override_of_a_key_the_pr_removed_is_one_param_mismatch_per_key() -> None:
    findings = review()
    assert [(f.kind, f.subject, f.severity) for f in findings] == [("design.param_mismatch", "trainer.gpus", "medium")]
    gpus = findings[0]
    assert gpus.line == 168 and "line(s) 171, 177, 180, 190, 879, 1441, 1444" in gpus.message
    assert "Could not override 'trainer.gpus'" in gpus.message and "accelerator" in gpus.message
    assert [c.locator for c in gpus.citations] == ["README.md#L168", "configs/trainer/default.yaml"]


def test_overrides_broken_at_the_base_already_are_left_alone() -> None:
    # `debug=test_only`, `experiment=example_simple`, `callbacks=wandb` and `trainer.resume_from_checkpoint`
    # name configs and keys the base did not have either
    assert not any("test_only" in f.subject or "resume" in f.subject for f in review())


def test_a_group_option_a_new_doc_names_with_no_config_file() -> None:
    findings = review({"docs/hardware.md": "Train on CPU: `python src/train.py trainer=cpu`\n"})
    assert [(f.subject, f.severity, f.path) for f in findings] == [("trainer=cpu", "medium", "docs/hardware.md")]
    assert "Could not find 'trainer/cpu'" in findings[0].message and "ddp_sim" in findings[0].message
