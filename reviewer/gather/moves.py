"""Which changed files move a production alias or stage, and to which registered version.

Read here, once, so the promotion agent (the policy's target) and the card agent (a card's alias or stage
claim, judged after the PR's own move) share one reading of the diff.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

import yaml
from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.normalize import same_name
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.gather.snapshot import glob_match
from custody.reviewer.model.config import PromotionPolicy
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.cards import ModelCard
from custody.reviewer.model.evidence.diff import Diff, FileChange
from custody.reviewer.model.evidence.moves import Move
from custody.reviewer.model.evidence.registry import Registry

SET_ALIAS = re.compile(
    r"set_registered_model_alias\(\s*[\"']?(?P<name>[\w.-]*)[\"']?\s*,\s*[\"'](?P<alias>\w+)[\"']\s*,"
    r"\s*[\"']?(?P<version>\d+)"
)
TRANSITION = re.compile(r"transition_model_version_stage\((?P<args>[^)]*)\)")
NUMBER = re.compile(r"\d+")
MODELS_URI = re.compile(r"models:/(?P<name>[\w.-]+)/(?P<version>\d+)")


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


def find_moves(diff: Diff, head_texts: dict[str, str], policy: PromotionPolicy,
               purpose: Literal["policy", "card"] = "policy") -> list[Move]:
    target = policy.production_alias or policy.production_stage or "champion"
    name = policy.registered_model
    moves: list[Move] = []
    for change in diff.files:
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
        text = head_texts.get(change.path, "")
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
            moves.append(Move(path=change.path, line=line, version=versions[-1] if versions else None,
                              target=target, model=name, purpose=purpose))
    return moves


# A traffic split: routes by alias with a weight or percent, `[{alias: champion, weight: 90}, ...]`,
# or a mapping from alias to share under a traffic-like key, `traffic: {challenger: 10%}`.
ROUTE_KEYS = ("alias", "model_alias", "target", "name", "variant", "model")
WEIGHT_KEYS = ("weight", "percent", "percentage", "traffic", "share", "split", "traffic_percent", "fraction")
SPLIT_PARENTS = re.compile(r"(?i)traffic|routes?|routing|splits?|weights?|canary|rollout|shadow")
SHARE = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<pct>%)?\s*$")
ALIAS_URI = re.compile(r"models:/[\w.-]+@(?P<alias>[\w-]+)")


def _share(value: Any, fractions: bool) -> float | None:
    """A share as a percentage: 10, "10%", and 0.1 where the split is written in fractions."""
    if isinstance(value, bool):
        return None
    match = SHARE.match(str(value)) if isinstance(value, int | float | str) else None
    if match is None:
        return None
    number = float(match["num"])
    return number * 100 if fractions and not match["pct"] else number


def _alias_of(value: Any) -> str | None:
    text = str(value).strip()
    uri = ALIAS_URI.search(text)
    return uri["alias"].lower() if uri else (text.lower() if re.fullmatch(r"[\w-]+", text) else None)


def traffic_shares(data: Any, depth: int = 0) -> dict[str, float]:
    """Every alias a config routes live traffic to, with its share in percent (the largest where repeated)."""
    found: dict[str, float] = {}
    if depth > 40:
        return found

    def add(alias: str | None, share: float | None) -> None:
        if alias and share is not None:
            found[alias] = max(found.get(alias, 0.0), share)

    if isinstance(data, list):
        routes = [d for d in data if isinstance(d, dict)]
        weights = [w for w in (_weight(r) for r in routes) if w is not None]
        fractions = bool(weights) and all(isinstance(w, float) and 0 <= w <= 1 for w in weights)
        for route in routes:
            lowered = {str(k).lower(): v for k, v in route.items()}
            key = next((k for k in ROUTE_KEYS if k in lowered), None)
            if key is not None:
                add(_alias_of(lowered[key]), _share(_weight(route), fractions))
        for child in data:
            for alias, share in traffic_shares(child, depth + 1).items():
                add(alias, share)
    elif isinstance(data, dict):
        for key, value in data.items():
            if SPLIT_PARENTS.search(str(key)) and isinstance(value, dict):
                numbers = [v for v in value.values() if not isinstance(v, dict | list)]
                fractions = bool(numbers) and all(isinstance(v, float) and 0 <= v <= 1 for v in numbers)
                for alias, share in value.items():
                    if not isinstance(share, dict | list):
                        add(_alias_of(alias), _share(share, fractions))
            for alias, share in traffic_shares(value, depth + 1).items():
                add(alias, share)
    return found


def _weight(route: dict[Any, Any]) -> Any:
    lowered = {str(k).lower(): v for k, v in route.items()}
    return next((lowered[k] for k in WEIGHT_KEYS if k in lowered and not isinstance(lowered[k], dict | list)), None)


def traffic_moves(diff: Diff, head_texts: dict[str, str], base_text: Callable[[str], str | None],
                  policy: PromotionPolicy, registry: Registry | None) -> list[Move]:
    """An alias other than the production one that goes from no traffic to live traffic: a gated move,
    resolved to a version through the registry's aliases."""
    production = (policy.production_alias or "champion").lower()
    moves: list[Move] = []
    for change in diff.files:
        if change.status == "deleted" or change.binary or not change.path.endswith((".yaml", ".yml", ".json")):
            continue
        try:
            head = traffic_shares(load_yaml(head_texts.get(change.path, ""), change.path))
            before_text = base_text(change.old_path or change.path) if change.status != "added" else ""
            base = traffic_shares(load_yaml(before_text or "", change.path))
        except (YamlLimitError, yaml.YAMLError, RecursionError):
            continue
        for alias, share in sorted(head.items()):
            if alias == production or share <= 0 or base.get(alias, 0.0) > 0:
                continue
            line = next((line.number for hunk in change.hunks for line in hunk.added
                         if alias in line.text.lower()), None)
            moves.append(Move(path=change.path, line=line, version=_alias_version(registry, policy, alias),
                              target=alias, model=policy.registered_model, purpose="policy", via="traffic",
                              weight=share))
    return moves


def _alias_version(registry: Registry | None, policy: PromotionPolicy, alias: str) -> str | None:
    if registry is None:
        return None
    names = [policy.registered_model] if policy.registered_model else [m.name for m in registry.models]
    for name in names:
        model = registry.model(name)
        if model is not None and alias in {a.lower() for a in model.aliases}:
            return next(v for a, v in model.aliases.items() if a.lower() == alias)
        holder = next((v for v in registry.versions_of(name) if alias in {a.lower() for a in v.aliases}), None)
        if holder is not None:
            return holder.version
    return None


def described_model(card: ModelCard, registry: Registry, policy: PromotionPolicy | None) -> str | None:
    """The registered model a card describes: the configured one, else the one its name matches, else the only one."""
    configured = policy.registered_model if policy else None
    if configured and (registry.model(configured) or registry.versions_of(configured)):
        return configured
    names: list[str] = sorted({v.name for v in registry.versions} | {m.name for m in registry.models})
    if card.model_name:
        for name in names:
            if same_name(name, card.model_name.value):
                return name
    return names[0] if len(names) == 1 else None


def gather_moves(evidence: Evidence, base_text: Callable[[str], str | None] = lambda _: None) -> list[Move]:
    """The moves of the policy's production target, challengers given live traffic, and every alias or
    stage a model card claims."""
    moves: list[Move] = []
    policy = evidence.config.promotion
    if policy is not None:
        moves += find_moves(evidence.diff, evidence.head_texts, policy)
        moves += traffic_moves(evidence.diff, evidence.head_texts, base_text, policy, evidence.registry)
    if evidence.registry is None:
        return moves
    asked: set[tuple[str, str, str]] = set()
    for card in evidence.model_cards:
        name = described_model(card, evidence.registry, policy)
        if name is None:
            continue
        for kind, claim in (("alias", card.alias), ("stage", card.stage)):
            if claim is None or (kind, claim.value, name) in asked:
                continue
            asked.add((kind, claim.value, name))
            query = (PromotionPolicy(registered_model=name, production_alias=claim.value) if kind == "alias"
                     else PromotionPolicy(registered_model=name, production_stage=claim.value))
            moves += find_moves(evidence.diff, evidence.head_texts, query, purpose="card")
    return moves
