"""A doc's copy of a config file that writes a key the file does not have."""

from __future__ import annotations

from pathlib import Path

from custody.agents.design import DesignAgent
from custody.reviewer.gather.readers.doc_config_blocks import doc_config_blocks, mark_new
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.design import DocConfigBlock, DocConfigKey
from custody.reviewer.model.evidence.diff import Diff, FileChange
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ml" / "hydra"
BEFORE, AFTER = FIXTURES / "lightning-hydra-template-31ba1f0", FIXTURES / "lightning-hydra-template-b3bf4ff"


def _configs(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in (root / "configs").rglob("*.yaml")}


def _blocks(root: Path) -> list:
    return doc_config_blocks({"README.md": (root / "README.md").read_text()}, _configs(root))


def review(base: Path = BEFORE, base_blocks: list | None = None, added: set[str] | None = None) -> list:
    blocks = mark_new(_blocks(AFTER), _blocks(base) if base_blocks is None else base_blocks, _configs(base),
                      added or set())
    evidence = Evidence(pull_request=PullRequest(repo="ashleve/lightning-hydra-template", number=334),
                        config=RepoConfig(), doc_config_blocks=blocks,
                        diff=Diff(files=[FileChange(path="README.md", status="modified")]))
    result = DesignAgent().review(evidence, build_rulebook(evidence.config)[0])
    return [f for f in result.findings if f.rule == "design.params-match"]


def test_a_key_the_pr_writes_into_the_docs_copy_of_a_config_is_a_param_mismatch() -> None:
    findings = review()
    assert [(f.kind, f.subject, f.severity, f.line) for f in findings] == \
        [("design.param_mismatch", "model.opimtimizer", "medium", 567)]
    assert "configs/experiment/example.yaml" in findings[0].message and "optimizer" in findings[0].message
    assert [c.locator for c in findings[0].citations] == ["README.md#L567", "configs/experiment/example.yaml"]


def test_keys_the_copy_lacked_at_the_base_too_are_left_alone() -> None:
    # reviewed against itself, every key the copy writes and the file lacks predates "the PR"
    assert review(AFTER) == []


def test_a_new_key_that_is_no_slip_of_the_files_and_was_never_in_it_is_left_alone() -> None:
    # with no copy at the base and the PR writing the whole block, `name` and `seed` are new too; but the file
    # never had them and has no key they could be a slip of: a copy may show a key on purpose
    block = range(543, 580)
    assert [f.subject for f in review(BEFORE, [], {f"README.md#L{n}" for n in block})] == ["model.opimtimizer"]


def test_the_files_keys_are_listed_as_in_the_hydra_findings_the_rest_elided() -> None:
    known = [f"key{n}" for n in range(10)]
    block = DocConfigBlock(locator="README.md#L3", config="conf.yaml", shared=5,
                           missing=[DocConfigKey(key="key1x", line=4, known=known, near="key1")])
    evidence = Evidence(pull_request=PullRequest(repo="acme/churn", number=1), config=RepoConfig(),
                        doc_config_blocks=[block], diff=Diff(files=[FileChange(path="README.md", status="modified")]))
    (finding,) = [f for f in DesignAgent().review(evidence, build_rulebook(evidence.config)[0]).findings
                  if f.rule == "design.params-match"]
    assert "(its keys there: key0, key1, key2, key3, key4, key5, key6, key7, …)" in finding.message
