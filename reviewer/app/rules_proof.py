"""`custody rules test`: a repository's own rules on its own examples (`.github/custody/tests/`), or every
built-in rule on labelled scenarios: it fires where its delta is planted, and on no clean one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from custody.reviewer.app.evaluate import find_scenarios, load_expected
from custody.reviewer.gather.config import load_config
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.gather.snapshot import Snapshot
from custody.reviewer.model.config import CONFIG_PATH
from custody.reviewer.model.evidence.common import Skipped
from custody.reviewer.review import run_review
from custody.reviewer.rules.book import builtin_packs, builtin_rule_ids

TESTS_DIR = ".github/custody/tests"
EXPECT_FILE = "expect.yml"


@dataclass
class RuleProof:
    rule: str
    fires_on: list[str] = field(default_factory=list)  # scenarios whose planted delta it caught
    noisy_on: list[str] = field(default_factory=list)  # clean scenarios where it fired

    @property
    def proven(self) -> bool:
        return bool(self.fires_on) and not self.noisy_on


def prove_rules(roots: list[Path]) -> list[RuleProof]:
    proofs = {r.id: RuleProof(r.id) for p in builtin_packs() for r in p.rules if r.check.builtin}
    for folder in find_scenarios(roots):
        expected = load_expected(folder)
        verdict = run_review(load_scenario(folder)).verdict
        planted = {(d.get("kind"), str(d.get("subject") or "").lower()) for d in expected.get("deltas") or []}
        for finding in verdict.findings:
            proof = proofs.get(finding.rule)
            if proof is None:
                continue
            # A scenario is named once per rule, however many findings the rule gave on it.
            if expected.get("clean"):
                if folder.name not in proof.noisy_on:
                    proof.noisy_on.append(folder.name)
                continue
            text = f"{finding.subject} {finding.message}".lower()
            if any(kind == finding.kind and subject in text for kind, subject in planted) \
                    and folder.name not in proof.fires_on:
                proof.fires_on.append(folder.name)
    return sorted(proofs.values(), key=lambda p: p.rule)


# -- a repository's own rules, on its own example scenarios ----------------------------------------

@dataclass
class RuleTest:
    """One example scenario of a repository and what its rules must (and must not) do on it."""

    name: str
    fired: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    # What the repository's own rules reported, one line per finding: "rule  citation  message".
    findings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


class Overlay:
    """A scenario's base tree with the repository's own configuration and packs laid over it."""

    def __init__(self, under: Snapshot, files: dict[str, bytes]) -> None:
        self.under, self.files = under, files

    def paths(self) -> list[str]:
        return sorted({*self.under.paths(), *self.files})

    def read_bytes(self, path: str) -> bytes | None:
        return self.files[path] if path in self.files else self.under.read_bytes(path)


def repository_files(repo: Path) -> dict[str, bytes]:
    """custody.yml and every pack file it names, as the repository has them now."""
    config = repo / CONFIG_PATH
    if not config.is_file():
        return {}
    files = {CONFIG_PATH: config.read_bytes()}
    for entry in load_config(files[CONFIG_PATH]).config.rules.packs:
        if entry.endswith((".yml", ".yaml")) and (repo / entry).is_file():
            files[entry] = (repo / entry).read_bytes()
    return files


def _expectations(folder: Path) -> dict[str, Any]:
    path = folder / EXPECT_FILE
    if not path.is_file():
        raise ValueError(f"{path}: missing (fires: [rule ids], does_not_fire: [rule ids])")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or set(data) - {"fires", "does_not_fire", "conclusion"}:
        raise ValueError(f"{path}: expects only the keys fires, does_not_fire and conclusion")
    return data


def prove_repository_rules(repo: Path) -> list[RuleTest]:
    """Run the repository's own configuration and packs on each folder of `.github/custody/tests/`
    (a scenario folder plus expect.yml); a rule that must fire and does not, a rule that must not
    fire and does, or any configured rule that could not run, fails that test."""
    root = repo / TESTS_DIR
    folders = sorted(p.parent for p in root.glob(f"*/{EXPECT_FILE}")) if root.is_dir() else []
    files = repository_files(repo)
    results: list[RuleTest] = []
    for folder in folders:
        test = RuleTest(folder.name)
        results.append(test)
        try:
            expect = _expectations(folder)
            source = load_scenario(folder)
        except (ValueError, OSError) as exc:
            test.failures.append(str(exc))
            continue
        source.base = Overlay(source.base, files)
        source.config_text = files[CONFIG_PATH].decode("utf-8") if CONFIG_PATH in files else None
        verdict = run_review(source).verdict
        test.fired = sorted({f.rule for f in verdict.findings})
        builtin = builtin_rule_ids()
        test.findings = [f"{f.rule}  {', '.join(c.locator for c in f.citations)}  {f.message}"
                         for f in sorted(verdict.findings, key=lambda f: (f.rule, f.path or "", f.line or 0))
                         if f.rule not in builtin]
        test.failures += [f"{rule} did not fire" + _why_not(rule, verdict.coverage.skipped)
                          for rule in expect.get("fires") or [] if rule not in test.fired]
        test.failures += [f"{rule} fired: " + next(f.message for f in verdict.findings if f.rule == rule)
                          for rule in expect.get("does_not_fire") or [] if rule in test.fired]
        test.failures += [f"{d.what} could not run: {d.why}" for d in verdict.degraded]
        wanted = expect.get("conclusion")
        if wanted and wanted != verdict.conclusion:
            test.failures.append(f"the conclusion is {verdict.conclusion}, not {wanted}")
    return results


def _why_not(rule: str, skipped: list[Skipped]) -> str:
    """Why a rule that had to fire was not run, when the review says (its scope was empty, say)."""
    reasons = [s.why for s in skipped if s.what == f"rule {rule}"]
    return f" (not run: {reasons[0]})" if reasons else ""
