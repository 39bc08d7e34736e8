"""The promotion agent: a PR that moves a production alias or stage is judged as a champion/challenger gate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.metric_names import canonical, lower_is_better
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.gather.snapshot import glob_match
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import PromotionPolicy
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, Skipped
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.evidence.registry import Registry, Run
from custody.reviewer.rules.book import RuleBook

SET_ALIAS = re.compile(
    r"set_registered_model_alias\(\s*[\"']?(?P<name>[\w.-]*)[\"']?\s*,\s*[\"'](?P<alias>\w+)[\"']\s*,"
    r"\s*[\"']?(?P<version>\d+)"
)
TRANSITION = re.compile(r"transition_model_version_stage\((?P<args>[^)]*)\)")
NUMBER = re.compile(r"\d+")
MODELS_URI = re.compile(r"models:/(?P<name>[\w.-]+)/(?P<version>\d+)")


@dataclass
class Move:
    path: str
    line: int | None
    version: str | None
    target: str  # the alias or stage


def _yaml_versions(data: Any, target: str, name: str | None) -> list[str]:
    """Versions a config binds to the target alias/stage: `champion: 5`, `{alias: champion, version: 5}`."""
    found: list[str] = []
    if isinstance(data, dict):
        lowered = {str(k).lower(): v for k, v in data.items()}
        if str(lowered.get("alias", lowered.get("stage", ""))).lower() == target.lower():
            version = lowered.get("version")
            if version is not None and NUMBER.fullmatch(str(version)):
                found.append(str(version))
        value = lowered.get(target.lower())
        if value is not None and NUMBER.fullmatch(str(value)):
            found.append(str(value))
        if isinstance(value, str):
            uri = MODELS_URI.search(value)
            if uri and (name is None or uri["name"] == name):
                found.append(uri["version"])
        for child in data.values():
            found += _yaml_versions(child, target, name)
    elif isinstance(data, list):
        for child in data:
            found += _yaml_versions(child, target, name)
    return found


def _may_mention(change: FileChange, target: str, name: str | None) -> bool:
    """Whether any added line of the file could mention the alias, the model or a models:/ URI: a
    whole-file test (kept per content) that lets most files skip the line-by-line look."""
    lowered = remembered("promotion-lowered-added", change.content_key(), lambda: change.added_text().lower())
    return target.lower() in lowered or "models:/" in lowered or (name is not None and name.lower() in lowered)


def find_moves(evidence: Evidence, policy: PromotionPolicy) -> list[Move]:
    target = policy.production_alias or policy.production_stage or "champion"
    name = policy.registered_model
    moves: list[Move] = []
    for change in evidence.diff.files:
        if change.status == "deleted" or change.binary:
            continue
        gated = policy.gated_changes is not None and any(glob_match(change.path, g) for g in policy.gated_changes)
        if not gated and not _may_mention(change, target, name):
            continue
        added = [(line.number, line.text) for hunk in change.hunks for line in hunk.added]
        mentions = [(n, t) for n, t in added if target.lower() in t.lower()
                    or (name is not None and name in t) or "models:/" in t]
        if not gated and not mentions:
            continue
        text = evidence.head_texts.get(change.path, "")
        versions: list[str] = []
        refused = False  # a YAML bomb: the move is reported as undeterminable, never read
        line = mentions[0][0] if mentions else (added[0][0] if added else None)
        if change.path.endswith((".yaml", ".yml", ".json")):
            try:
                versions = _yaml_versions(load_yaml(text, change.path), target, name)
            except YamlLimitError:
                refused = True
            except yaml.YAMLError:
                versions = []
        for number, added_text in added:
            call = SET_ALIAS.search(added_text)
            if call and call["alias"].lower() == target.lower():
                versions.append(call["version"])
                line = number
            transition = TRANSITION.search(added_text)
            if transition and target.lower() in transition["args"].lower():
                numbers = NUMBER.findall(transition["args"])
                versions += numbers[:1]
                line = number
        if versions or gated or refused:
            moves.append(Move(change.path, line, versions[-1] if versions else None, target))
    return moves


class PromotionAgent:
    name = "promotion"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        result = AgentResult(agent=self.name)
        policy = evidence.config.promotion
        if policy is None:
            result.skipped.append(Skipped(what="promotion gate", why="the repository configures no promotion policy"))
            return result
        moves = find_moves(evidence, policy)
        if not moves:
            result.checked.append("promotion: the PR moves no production alias or stage")
            return result
        registry = evidence.registry
        if registry is None:
            result.skipped.append(Skipped(what="promotion gate", why="no model registry to read the versions from"))
            return result
        for move in moves:
            self._judge(evidence, policy, registry, move, rules, result)
        return result

    def _judge(self, evidence: Evidence, policy: PromotionPolicy, registry: Registry, move: Move, rules: RuleBook,
               result: AgentResult) -> None:
        model = policy.registered_model or (registry.models[0].name if len(registry.models) == 1 else None)
        cite_move = Citation(artifact="diff", locator=f"{move.path}#L{move.line}" if move.line else move.path)
        if model is None or move.version is None:
            result.skipped.append(Skipped(what=f"promotion in {move.path}",
                                          why="the moved version or registered model could not be determined"))
            return
        version = registry.version(model, move.version)
        where = f"{registry.source}#/model_versions/{model}/{move.version}"
        if version is None:
            self._emit(rules, result, "promotion.evidence-present", f"v{move.version}",
                       f"{move.path} points {move.target} at {model} v{move.version}, which the registry lacks.",
                       [cite_move, Citation(artifact="registry", locator=where)], move, "version registered",
                       "not in the registry")
            return
        for tag, wanted in policy.require_version_tags.items():
            have = version.tags.get(tag, "")
            if (wanted == "any" and have.strip()) or (wanted != "any" and have == wanted):
                continue
            self._emit(rules, result, "promotion.evidence-present", tag,
                       f"{move.path} moves {move.target} to {model} v{version.version}, but its tag `{tag}` is "
                       f"{have or 'missing'} (the policy needs {wanted}).",
                       [cite_move, Citation(artifact="registry", locator=f"{where}/tags/{tag}"),
                        Citation(artifact="policy",
                                 locator=f".github/custody.yml#promotion.require_version_tags.{tag}")],
                       move, f"{tag}: {wanted}", have or "missing")
        challenger = registry.run(version.run_id)
        champion_version = next((v for v in registry.versions_of(model)
                                 if move.target in v.aliases or (policy.production_stage and
                                                                 v.current_stage == policy.production_stage)), None)
        champion = registry.run(champion_version.run_id) if champion_version else None
        if challenger is None:
            result.skipped.append(Skipped(what=f"promotion gate for v{version.version}", why="its run is not recorded"))
            return
        if policy.primary_metric and champion is not None and champion_version is not None \
                and champion_version.version != version.version:
            self._margin(policy, model, version.version, champion_version.version, challenger, champion, move,
                         cite_move, registry, rules, result)
        for metric, bound in policy.guardrails.items():
            value = _metric(challenger, metric)
            if value is None:
                result.skipped.append(Skipped(what=f"guardrail {metric}",
                                              why=f"v{version.version}'s run logs no {metric}"))
                continue
            broken = (bound.max is not None and value > bound.max) or (bound.min is not None and value < bound.min)
            if broken:
                limit = f"max {bound.max}" if bound.max is not None and value > bound.max else f"min {bound.min}"
                self._emit(rules, result, "promotion.challenger-beats-champion", metric,
                           f"{model} v{version.version} logs {metric} = {value:g}, outside the guardrail ({limit}).",
                           [cite_move,
                            Citation(artifact="registry",
                                     locator=f"{registry.source}#/runs/{challenger.run_id}/metrics/{metric}"),
                            Citation(artifact="policy", locator=f".github/custody.yml#promotion.guardrails.{metric}")],
                           move, f"{metric} {limit}", f"{value:g}")

    def _margin(self, policy: PromotionPolicy, model: str, new: str, old: str, challenger: Run, champion: Run,
                move: Move, cite_move: Citation, registry: Registry, rules: RuleBook, result: AgentResult) -> None:
        metric = policy.primary_metric or ""
        ours, theirs = _metric(challenger, metric), _metric(champion, metric)
        if ours is None or theirs is None:
            result.skipped.append(Skipped(what=f"margin on {metric}", why="one of the two runs does not log it"))
            return
        gain = (theirs - ours) if lower_is_better(metric) else (ours - theirs)
        needed = policy.min_improvement or 0.0
        if gain + 1e-12 >= needed:
            return
        self._emit(rules, result, "promotion.challenger-beats-champion", metric,
                   f"{model} v{new} ({metric} {ours:g}) must beat the champion v{old} ({theirs:g}) by {needed:g}; "
                   f"the gain is {gain:+.4g}.",
                   [cite_move, Citation(artifact="registry", locator=f"{registry.source}#/runs/{challenger.run_id}"),
                    Citation(artifact="registry", locator=f"{registry.source}#/runs/{champion.run_id}"),
                    Citation(artifact="policy", locator=".github/custody.yml#promotion.min_improvement")],
                   move, f"{metric} +{needed:g} over v{old}", f"{gain:+.4g}")

    @staticmethod
    def _emit(rules: RuleBook, result: AgentResult, rule: str, subject: str, message: str, citations: list[Citation],
              move: Move, claim: str, shipped: str) -> None:
        finding = rules.finding(rule, subject=subject, message=message, citations=citations, path=move.path,
                                line=move.line, claim=claim, intent_source=".github/custody.yml", shipped=shipped)
        result.findings += [finding] if finding else []


def _metric(run: Run, name: str) -> float | None:
    key = next((m.key for m in run.metrics if canonical(m.key) == canonical(name)), None)
    found = run.metric(key) if key else None
    return found.value if found else None


AGENT = PromotionAgent()
