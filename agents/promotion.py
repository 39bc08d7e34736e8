"""The promotion agent: a PR that moves a production alias or stage is judged as a champion/challenger gate."""

from __future__ import annotations

from custody.reviewer.gather.metric_names import canonical, lower_is_better
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import PromotionPolicy
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, Skipped
from custody.reviewer.model.evidence.moves import Move
from custody.reviewer.model.evidence.registry import Registry, Run
from custody.reviewer.rules.book import RuleBook


class PromotionAgent:
    name = "promotion"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        result = AgentResult(agent=self.name)
        policy = evidence.config.promotion
        if policy is None:
            result.skipped.append(Skipped(what="promotion gate", why="the repository configures no promotion policy"))
            return result
        moves = [m for m in evidence.moves if m.purpose == "policy"]
        if not moves:
            result.checked.append("promotion: the PR moves no production alias or stage")
            return result
        registry = evidence.registry
        if registry is None:
            result.skipped.append(Skipped(what="promotion gate", why="no model registry to read the versions from"))
            return result
        for move in moves:
            found, skipped = len(result.findings), len(result.skipped)
            self._judge(evidence, policy, registry, move, rules, result)
            judged = f"promotion: {move.path} {_action(move)} v{move.version}"
            if len(result.findings) > found:
                result.checked.append(f"{judged}; judged against the policy (tags, margin, guardrails), "
                                      "findings above")
            elif len(result.skipped) == skipped:
                result.checked.append(f"{judged}; the version meets the policy (tags, margin, guardrails)")
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
                       f"{move.path} {_action(move)} {model} v{move.version}, which the registry lacks.",
                       [cite_move, Citation(artifact="registry", locator=where)], move, "version registered",
                       "not in the registry")
            return
        for tag, wanted in policy.require_version_tags.items():
            have = version.tags.get(tag, "")
            if (wanted == "any" and have.strip()) or (wanted != "any" and have == wanted):
                continue
            self._emit(rules, result, "promotion.evidence-present", tag,
                       f"{move.path} {_action(move)} {model} v{version.version}, but its tag `{tag}` is "
                       f"{have or 'missing'} (the policy needs {wanted}).",
                       [cite_move, Citation(artifact="registry", locator=f"{where}/tags/{tag}"),
                        Citation(artifact="policy",
                                 locator=f".github/custody.yml#promotion.require_version_tags.{tag}")],
                       move, f"{tag}: {wanted}", have or "missing")
        challenger = registry.run(version.run_id)
        production = policy.production_alias or (None if policy.production_stage else "champion")
        champion_version = next((v for v in registry.versions_of(model)
                                 if (production and production in v.aliases) or (policy.production_stage and
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


def _action(move: Move) -> str:
    """What the change does, for the message: "points champion at", "gives challenger 10% of live traffic:"."""
    if move.via == "traffic":
        return f"gives {move.target} {move.weight or 0:g}% of live traffic, that is"
    return f"points {move.target} at"


def _metric(run: Run, name: str) -> float | None:
    key = next((m.key for m in run.metrics if canonical(m.key) == canonical(name)), None)
    found = run.metric(key) if key else None
    return found.value if found else None


AGENT = PromotionAgent()
