"""A doc's copy of a config file that writes a key the file does not have: the README's "example
experiment config" says `model: opimtimizer: lr: 0.002`, the shipped file `model: optimizer: lr:`,
so whoever copies the documented config sets nothing. Only keys this PR makes disagree are
reported (a key the same copy wrote, the file lacking it, at the base is drift left alone), and
only when the key is a slip of one the file has there, or one the PR took out of the file: a copy
may also show, on purpose, a key the reader is meant to add."""

from __future__ import annotations

from custody.agents.design_hydra_commands import listing
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, file_locator
from custody.reviewer.rules.book import RuleBook

RULE = "design.params-match"


def check_doc_config_blocks(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
    pairs = [(block, key) for block in evidence.doc_config_blocks for key in block.missing]
    old = sum(1 for _, key in pairs if not key.new)
    for block, key in [(b, k) for b, k in pairs if k.new and (k.near or k.was_in_config)]:
        doc = block.locator.partition("#")[0]
        known = listing(key.known)
        parent = key.key.rpartition(".")[0]
        level = f"under `{parent}`" if parent else "at its top level"
        why = (f"it has `{key.near}` there" if key.near else "this PR took the key out of the file") + \
            f" (its keys there: {known})"
        finding = rules.finding(
            RULE, subject=key.key,
            message=f"{doc} line {key.line} shows {block.config} (its block holds {block.shared} of the file's "
                    f"values) with the key `{key.key}`, but the file has no such key {level}: {why}; a reader "
                    f"copying the documented config sets a key nothing reads. "
                    f"Make the doc's copy match the file.",
            citations=[Citation(artifact="design_doc", locator=file_locator(doc, key.line)),
                       Citation(artifact="diff", locator=block.config)],
            path=doc, line=key.line, claim=key.key, intent_source=doc, shipped=f"{block.config}: {known}")
        if finding is not None:
            result.findings.append(finding)
    if evidence.doc_config_blocks:
        result.checked.append(
            f"design: {len(evidence.doc_config_blocks)} doc block(s) that reproduce a config file, key by key"
            + (f"; {old} key(s) already differed at the base, drift this PR leaves alone" if old else ""))
