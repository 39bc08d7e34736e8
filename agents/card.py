"""The model-card agent: a card's metrics, datasets and fields against the run behind the version it describes."""

from __future__ import annotations

import re

from custody.agents.promotion import find_moves
from custody.reviewer.gather.metric_names import canonical, count_matches, digests_match, matches_either_scale, split_of
from custody.reviewer.gather.normalize import normalize_name, same_name
from custody.reviewer.gather.readers.card_prose import stated_version
from custody.reviewer.gather.readers.data_records import read_data_records
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import PromotionPolicy
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.cards import DataRecord, MetricClaim, ModelCard
from custody.reviewer.model.evidence.common import Citation, Skipped
from custody.reviewer.model.evidence.registry import DatasetInput, ModelVersion, Registry, Run
from custody.reviewer.rules.book import RuleBook

# Code whose change changes the model: training, features, pipelines, their parameters.
MODEL_CODE = re.compile(
    r"""(?ix)
    (^|/)(train|training|model|models|features?|pipeline|dags?|pseudo_?label|labels?|preprocess\w*)  # code
    | (^|/)dvc\.yaml$ | (^|/)params\.ya?ml$                                                       # DVC stages, params
    """
)
# Docs, tests and CI describe or check the model; changing them changes nothing the card states.
NOT_MODEL_CODE = re.compile(
    r"""(?ix)
    (^|/)(tests?|docs?|\.github|ci|\.circleci|notebooks?)/   # test, doc and CI folders
    | (^|/)(test_[^/]*|[^/]*_test\.py|conftest\.py)$          # test files anywhere
    | \.(md|rst|txt|ipynb)$                                  # prose and notebooks
    """
)
BASE_MODEL_PARAMS = ("base_model", "model_name_or_path", "base_checkpoint", "pretrained_model", "model_name",
                     "backbone", "model")


def registry_locator(registry: Registry, *parts: str) -> str:
    return f"{registry.source}#/" + "/".join(parts)


class CardAgent:
    name = "card"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        result = AgentResult(agent=self.name)
        guard = rules.guard()  # a check that raises costs its own rules; the others still run
        with guard.of("card.updated-with-model", "card.exists"):
            self._freshness(evidence, rules, result)
        registry = evidence.registry
        records, unreadable = read_data_records(evidence.head_texts)
        if evidence.model_cards and registry is not None:
            # The cards' datasets are checked against these records: one that cannot be read is a gap.
            result.skipped += unreadable
        for card in evidence.model_cards:
            if registry is None:
                if card.metrics:
                    result.skipped.append(Skipped(what=f"{card.path} metrics", why="no model registry to check them"))
                continue
            version = self._version(evidence, card, registry, rules, result)
            if version is None:
                continue
            run = registry.run(version.run_id)
            if run is None:
                result.skipped.append(Skipped(what=f"{card.path} metrics",
                                              why=f"version {version.version}'s run is not in the registry record"))
                continue
            result.checked.append(f"card: {card.path} against {version.name} v{version.version}")
            with guard.of("card.metric-matches-registry", "card.metric-recorded"):
                for claim in card.metrics:
                    self._metric(card, claim, version, run, registry, rules, result)
            with guard.of("card.datasets-match-run"):
                self._datasets(card, version, run, registry, rules, result, records)
            with guard.of("card.fields-match-registry"):
                self._fields(evidence, card, version, run, registry, rules, result)
        guard.report(result)
        return result

    # -- which version --------------------------------------------------------------------------

    def _version(self, evidence: Evidence, card: ModelCard, registry: Registry, rules: RuleBook,
                 result: AgentResult) -> ModelVersion | None:
        name = self._model_name(evidence, card, registry)
        if name is None:
            result.skipped.append(Skipped(what=f"{card.path}", why="no registered model matches the card"))
            return None
        versions = registry.versions_of(name)
        wanted = card.version.value if card.version else None
        if wanted is None:
            from_body = stated_version(evidence.pull_request.body or "")
            wanted = from_body[0] if from_body else None
        if wanted is not None:
            found = registry.version(name, wanted)
            if found is None and card.version is not None:
                finding = rules.finding(
                    "card.fields-match-registry", subject="version",
                    message=f"{card.path} describes {name} version {wanted}, which the registry does not have "
                            f"(it has {', '.join(v.version for v in versions) or 'none'}).",
                    citations=[Citation(artifact="model_card", locator=card.version.locator),
                               Citation(artifact="registry",
                                        locator=registry_locator(registry, "model_versions", name))],
                    path=card.path, line=_line(card.version.locator), claim=f"version {wanted}",
                    intent_source=card.path, shipped=f"registered versions: {', '.join(v.version for v in versions)}")
                result.findings += [finding] if finding else []
            if found is None and card.version is None:
                result.skipped.append(Skipped(what=card.path, why=f"the PR body names {name} version {wanted}, "
                                                                  "which the registry record does not have"))
            return found
        if not versions:
            result.skipped.append(Skipped(what=card.path, why=f"the registry record has no version of {name}"))
        return versions[-1] if versions else None

    @staticmethod
    def _model_name(evidence: Evidence, card: ModelCard, registry: Registry) -> str | None:
        promo = evidence.config.promotion
        configured: str | None = promo.registered_model if promo else None
        if configured and (registry.model(configured) or registry.versions_of(configured)):
            return configured
        names: list[str] = sorted({v.name for v in registry.versions} | {m.name for m in registry.models})
        if card.model_name:
            for name in names:
                if same_name(name, card.model_name.value):
                    return name
        return names[0] if len(names) == 1 else None

    # -- metrics --------------------------------------------------------------------------------

    def _metric(self, card: ModelCard, claim: MetricClaim, version: ModelVersion, run: Run, registry: Registry,
                rules: RuleBook, result: AgentResult) -> None:
        wanted = {canonical(claim.name)} | ({canonical(claim.alias_of)} if claim.alias_of else set())
        keys = sorted({m.key for m in run.metrics if canonical(m.key) in wanted})
        cite_card = Citation(artifact="model_card", locator=claim.locator)
        if not keys:
            logged = sorted({m.key for m in run.metrics})
            finding = rules.finding(
                "card.metric-recorded", subject=claim.name.lower(),
                message=f"{card.path} claims {claim.name} {claim.text}, but {version.name} v{version.version}'s run "
                        f"logged no such metric ({', '.join(logged) or 'none'}).",
                citations=[cite_card, Citation(artifact="registry",
                                               locator=registry_locator(registry, "runs", run.run_id, "metrics"))],
                path=card.path, line=_line(claim.locator), claim=f"{claim.name} {claim.text}",
                intent_source=card.path, shipped="no logged metric")
            result.findings += [finding] if finding else []
            return
        # Several splits of one metric (val_auc, test_auc): the claim's split picks; with no split stated,
        # the claim holds when any split's value bears it out.
        split = split_of(claim.name) or split_of(claim.split) or split_of(claim.dataset)
        same_split = [k for k in keys if split_of(k) == split] if split else []
        candidates = same_split or keys
        values = {k: run.metric(k) for k in candidates}
        if any(m is not None and matches_either_scale(claim.value, m.value, claim.decimals) for m in values.values()):
            return
        key = candidates[0]
        recorded = values[key]
        assert recorded is not None
        finding = rules.finding(
            "card.metric-matches-registry", subject=claim.name.lower(),
            message=f"{card.path} claims {claim.name} {claim.text}; {version.name} v{version.version}'s run logged "
                    f"{key} = {recorded.value:g}.",
            citations=[cite_card, Citation(artifact="registry",
                                           locator=registry_locator(registry, "runs", run.run_id, "metrics", key))],
            path=card.path, line=_line(claim.locator), claim=f"{claim.name} {claim.text}",
            intent_source=card.path, shipped=f"{key} = {recorded.value:g} (v{version.version})")
        result.findings += [finding] if finding else []

    # -- datasets -------------------------------------------------------------------------------

    def _datasets(self, card: ModelCard, version: ModelVersion, run: Run, registry: Registry, rules: RuleBook,
                  result: AgentResult, records: list[DataRecord]) -> None:
        roles = {"train": ("training", "train"), "eval": ("eval", "evaluation", "test", "validation")}
        for role, contexts in roles.items():
            claims = [d for d in card.datasets if d.role == role]
            logged = [d for d in run.datasets if (d.context or "").lower() in contexts]
            if not claims:
                continue
            if not logged:
                result.skipped.append(Skipped(what=f"{card.path} {role} datasets",
                                              why=f"v{version.version}'s run logs no {role} inputs"))
                continue
            for claim in claims:
                found = next((d for d in logged if _same_dataset(claim.name, d.name)), None)
                if found is None:
                    logged_names = ", ".join(sorted(d.name for d in logged))
                    self._dataset_finding(card, claim.name, f"the run's {role} inputs are {logged_names}",
                                          claim.locator, run, registry, rules, result)
                elif claim.digest and found.digest and not digests_match(claim.digest, found.digest):
                    self._dataset_finding(card, claim.name, f"the run logged digest {found.digest}, not "
                                          f"{claim.digest}", claim.locator, run, registry, rules, result)
                elif claim.rows_text and found.rows is not None and not count_matches(claim.rows_text, found.rows):
                    self._dataset_finding(card, claim.name, f"the run logged {found.rows:,} rows, not "
                                          f"{claim.rows_text}", claim.locator, run, registry, rules, result)
                else:
                    self._records(card, claim.name, claim.locator, found, records, run, registry, rules, result)

    def _records(self, card: ModelCard, name: str, locator: str, logged: DatasetInput, records: list[DataRecord],
                 run: Run, registry: Registry, rules: RuleBook, result: AgentResult) -> None:
        """The repository's own record of the snapshot (DVC pointer, snapshot list) must agree with the run."""
        for record in records:
            if normalize_name(record.name) != normalize_name(logged.name):
                continue
            if record.digest and logged.digest and not digests_match(record.digest, logged.digest):
                shipped = f"{record.locator} records digest {record.digest}; the run logged {logged.digest}"
            elif record.rows is not None and logged.rows is not None and record.rows != logged.rows:
                shipped = f"{record.locator} records {record.rows:,} rows; the run logged {logged.rows:,}"
            else:
                continue
            self._dataset_finding(card, name, shipped, locator, run, registry, rules, result, record.locator)
            return

    @staticmethod
    def _dataset_finding(card: ModelCard, name: str, shipped: str, locator: str, run: Run, registry: Registry,
                         rules: RuleBook, result: AgentResult, record: str | None = None) -> None:
        citations = [Citation(artifact="model_card", locator=locator),
                     Citation(artifact="registry", locator=registry_locator(registry, "runs", run.run_id, "inputs"))]
        # The repository's data record is a file of the tree; "diff" is the artifact kind for tree files.
        citations += [Citation(artifact="diff", locator=record)] if record else []
        finding = rules.finding(
            "card.datasets-match-run", subject=name,
            message=f"{card.path} names dataset {name}, but {shipped}.",
            citations=citations,
            path=card.path, line=_line(locator), claim=f"dataset {name}", intent_source=card.path, shipped=shipped)
        result.findings += [finding] if finding else []

    # -- other fields ---------------------------------------------------------------------------

    def _fields(self, evidence: Evidence, card: ModelCard, version: ModelVersion, run: Run, registry: Registry,
                rules: RuleBook, result: AgentResult) -> None:
        if card.base_model is not None:
            key = next((k for k in BASE_MODEL_PARAMS if k in run.params), None)
            param = run.params[key].strip().rstrip("/") if key else None
            if param and not same_name(param, card.base_model.value):
                self._field(card, "base model", card.base_model.value, param, card.base_model.locator,
                            registry_locator(registry, "runs", run.run_id, "params", key or ""), rules, result)
        model = registry.model(version.name)
        owner = (model.tags.get("owner") if model else None) or version.tags.get("owner")
        if owner and card.owners and not any(same_name(owner, o.value) or normalize_name(owner) in
                                             normalize_name(o.value) for o in card.owners):
            self._field(card, "owner", card.owners[0].value, owner, card.owners[0].locator,
                        registry_locator(registry, "registered_models", version.name, "tags", "owner"), rules, result)
        model_license = (model.tags.get("license") if model else None) or version.tags.get("license")
        if model_license and card.license and not same_name(model_license, card.license.value):
            self._field(card, "license", card.license.value, model_license, card.license.locator,
                        registry_locator(registry, "registered_models", version.name, "tags", "license"), rules, result)
        if card.alias is not None:
            holders = [v.version for v in registry.versions_of(version.name) if card.alias.value in v.aliases]
            # The PR may itself move the alias: judge the card against the state after the merge.
            policy = PromotionPolicy(registered_model=version.name, production_alias=card.alias.value)
            moved = [m.version for m in find_moves(evidence, policy) if m.version]
            holders = moved[-1:] or holders
            if holders and version.version not in holders:
                self._field(card, "alias", f"{card.alias.value} is v{version.version}",
                            f"{card.alias.value} is v{holders[0]}", card.alias.locator,
                            registry_locator(registry, "registered_models", version.name, "aliases"), rules, result)
        if card.stage is not None and any(v.current_stage not in (None, "", "None")
                                          for v in registry.versions_of(version.name)):
            # Only a registry that uses stages (MLflow 2.x) can contradict a stage claim.
            policy = PromotionPolicy(registered_model=version.name, production_stage=card.stage.value)
            moved = [m.version for m in find_moves(evidence, policy) if m.version]
            current = (version.current_stage or "").lower()
            if version.version not in moved[-1:] and current != card.stage.value.lower():
                self._field(card, "stage", f"v{version.version} is in {card.stage.value}",
                            f"v{version.version} is in {version.current_stage}", card.stage.locator,
                            registry_locator(registry, "model_versions", version.name, version.version,
                                             "current_stage"), rules, result)

    @staticmethod
    def _field(card: ModelCard, subject: str, claimed: str, recorded: str, locator: str, where: str,
               rules: RuleBook, result: AgentResult) -> None:
        finding = rules.finding(
            "card.fields-match-registry", subject=subject,
            message=f"{card.path} says {subject} {claimed}; the registry records {recorded}.",
            citations=[Citation(artifact="model_card", locator=locator), Citation(artifact="registry", locator=where)],
            path=card.path, line=_line(locator), claim=f"{subject}: {claimed}", intent_source=card.path,
            shipped=recorded)
        result.findings += [finding] if finding else []

    # -- freshness ------------------------------------------------------------------------------

    def _freshness(self, evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
        code = [f for f in evidence.diff.files
                if MODEL_CODE.search(f.path) and not NOT_MODEL_CODE.search(f.path) and not f.generated]
        if not code:
            return
        card_paths = {c.path for c in evidence.model_cards} | {c.path for c in evidence.base_model_cards}
        changed = {f.path for f in evidence.diff.files}
        cite_code = Citation(artifact="diff", locator=code[0].path)
        if not card_paths:
            if evidence.registry is None and not any("train" in f.path.lower() for f in code):
                return  # nothing says this repository ships a model
            finding = rules.finding(
                "card.exists", subject="model card",
                message=f"{code[0].path} changes how the model is built, and the repository has no model card "
                        "(MODEL_CARD.md or a README with card metadata).",
                citations=[cite_code], path=code[0].path, claim="a model card describes the model",
                intent_source="card rule pack", shipped="no model card")
            result.findings += [finding] if finding else []
            return
        if card_paths & changed:
            return
        card = sorted(card_paths)[0]
        finding = rules.finding(
            "card.updated-with-model", subject="model card",
            message=f"{', '.join(f.path for f in code[:3])} changed how the model is built, but {card} was not "
                    "updated with it.",
            citations=[cite_code, Citation(artifact="model_card", locator=card)],
            path=code[0].path, claim=f"{card} describes the shipped model", intent_source=card,
            shipped=f"{len(code)} model file(s) changed, card unchanged")
        result.findings += [finding] if finding else []


def _same_dataset(claimed: str, logged: str) -> bool:
    """Equal after normalisation, or one name inside the other (`reviews` and `reviews_test`)."""
    a, b = normalize_name(claimed), normalize_name(logged)
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


def _line(locator: str) -> int | None:
    _, _, tail = locator.partition("#L")
    return int(tail) if tail.isdigit() else None


AGENT = CardAgent()
