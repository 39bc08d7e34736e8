"""The model-card agent: a card's metrics, datasets and fields against the run behind the version it describes."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

from custody.reviewer.gather.metric_names import (
    abbreviates,
    canonical,
    count_matches,
    digests_match,
    matches_either_scale,
    split_of,
    top1_accuracy,
)
from custody.reviewer.gather.moves import described_model
from custody.reviewer.gather.normalize import normalize_name, same_name
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.cards import DataRecord, FieldClaim, MetricClaim, ModelCard
from custody.reviewer.model.evidence.common import Citation, Skipped, file_locator, locator_line
from custody.reviewer.model.evidence.model_changes import ModelChange
from custody.reviewer.model.evidence.registry import DatasetInput, ModelVersion, Registry, Run
from custody.reviewer.model.findings import Finding, Severity
from custody.reviewer.rules.book import RuleBook

# Run parameters that name the model a run starts from, most explicit first; then any `*_model`,
# `*_checkpoint` or `*_model_name` that is not an output or a helper model.
BASE_MODEL_PARAMS = ("base_model", "base_model_name", "model_name_or_path", "base_checkpoint", "pretrained_model",
                     "pretrained_model_name", "pretrained_model_name_or_path", "init_checkpoint", "input_model",
                     "backbone", "encoder", "model_name", "model_id", "model")
ROLE_PARAM = re.compile(r"(?i)^[\w.-]*(?:_model|_checkpoint|_model_name|_model_id|_backbone|_encoder)$")
NOT_BASE = re.compile(r"(?i)(?:^|_)(?:output|registered|register|save|saved|export|teacher|reward|ref|reference|"
                      r"judge|draft|eval|target|critic|tokenizer|serving)(?:_|$)")
NAME_LIKE = re.compile(r"[A-Za-z]")
QUOTED = re.compile(r"[\"']([^\"'\s]{3,200})[\"']")
SEPARATORS = re.compile(r"[\s/_.-]+")
WORD_SPLIT = re.compile(r"[^a-z0-9]+")
PLAIN_VALUES = {"true", "false", "none", "null", "yes", "no", "on", "off"}
MIN_NAMED = 8  # a dataset or model name shorter than this (`train`, `data.csv`) says too little to match


UNLISTED = "card.lists-released-checkpoints"


def registry_locator(registry: Registry, *parts: str) -> str:
    return f"{registry.source}#/" + "/".join(parts)


class CardAgent:
    name = "card"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        result = AgentResult(agent=self.name)
        guard = rules.guard()  # a check that raises costs its own rules; the others still run
        registry = evidence.registry
        records = evidence.data_records
        if evidence.model_cards and registry is not None:
            # The cards' datasets are checked against these records: one that cannot be read is a gap.
            result.skipped += evidence.data_record_problems
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
                    if not _about(claim, version.name, result, card.path) or \
                            not _listed_version(claim, version, registry, result, card.path):
                        continue
                    self._metric(card, claim, version, run, registry, rules, result)
            with guard.of("card.datasets-match-run"):
                self._datasets(card, version, run, registry, rules, result, records)
            with guard.of("card.fields-match-registry"):
                self._fields(evidence, card, version, run, registry, rules, result)
        with guard.of("card.metric-matches-registry"):
            self._zoo(evidence, rules, result)
        # Last, so that a card claim already reported as contradicted is not reported again as stale.
        with guard.of("card.updated-with-model", "card.exists"):
            self._freshness(evidence, rules, result)
        with guard.of(UNLISTED):
            self._unlisted(evidence, rules, result)
        guard.report(result)
        return result

    # -- which version --------------------------------------------------------------------------

    def _version(self, evidence: Evidence, card: ModelCard, registry: Registry, rules: RuleBook,
                 result: AgentResult) -> ModelVersion | None:
        name = described_model(card, registry, evidence.config.promotion)
        if name is None:
            result.skipped.append(Skipped(what=f"{card.path}", why="no registered model matches the card"))
            return None
        versions = registry.versions_of(name)
        stated = card.version if card.version and _about(card.version, name, result, card.path) else None
        wanted = stated.value if stated else None
        if wanted is None:
            wanted = evidence.pr_version
        if wanted is not None:
            found = registry.version(name, wanted)
            if found is None and stated is not None:
                finding = rules.finding(
                    "card.fields-match-registry", subject="version",
                    message=f"{card.path} describes {name} version {wanted}, which the registry does not have "
                            f"(it has {', '.join(v.version for v in versions) or 'none'}).",
                    citations=[Citation(artifact="model_card", locator=stated.locator),
                               Citation(artifact="registry",
                                        locator=registry_locator(registry, "model_versions", name))],
                    path=card.path, line=locator_line(stated.locator), claim=f"version {wanted}",
                    intent_source=card.path, shipped=f"registered versions: {', '.join(v.version for v in versions)}")
                result.findings += [finding] if finding else []
            if found is None and stated is None:
                result.skipped.append(Skipped(what=card.path, why=f"the PR body names {name} version {wanted}, "
                                                                  "which the registry record does not have"))
            return found
        if not versions:
            result.skipped.append(Skipped(what=card.path, why=f"the registry record has no version of {name}"))
        return versions[-1] if versions else None

    # -- metrics --------------------------------------------------------------------------------

    def _metric(self, card: ModelCard, claim: MetricClaim, version: ModelVersion, run: Run, registry: Registry,
                rules: RuleBook, result: AgentResult) -> None:
        wanted = {canonical(claim.name)} | ({canonical(claim.alias_of)} if claim.alias_of else set())
        keys = sorted({m.key for m in run.metrics if canonical(m.key) in wanted})
        if not keys:
            # A short name for one logged metric ("Prec at 5", "MAE"): only when it can mean just one.
            short = sorted({m.key for m in run.metrics if abbreviates(claim.name, m.key)})
            keys = short if len({canonical(k) for k in short}) == 1 else []
        if not keys and canonical(claim.name) == "accuracy":  # "accuracy of 78.5" for imagenet_zeroshot_top1
            top1 = sorted({m.key for m in run.metrics if top1_accuracy(m.key)})
            keys = top1 if len(top1) == 1 else []
        cite_card = Citation(artifact="model_card", locator=claim.locator)
        if not keys:
            logged = sorted({m.key for m in run.metrics})
            finding = rules.finding(
                "card.metric-recorded", subject=claim.name.lower(),
                message=f"{card.path} claims {claim.name} {claim.text}, but {version.name} v{version.version}'s run "
                        f"logged no such metric ({', '.join(logged) or 'none'}).",
                citations=[cite_card, Citation(artifact="registry",
                                               locator=registry_locator(registry, "runs", run.run_id, "metrics"))],
                path=card.path, line=locator_line(claim.locator), claim=f"{claim.name} {claim.text}",
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
            path=card.path, line=locator_line(claim.locator), claim=f"{claim.name} {claim.text}",
            intent_source=card.path, shipped=f"{key} = {recorded.value:g} (v{version.version})")
        result.findings += [finding] if finding else []

    def _zoo(self, evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
        """A model-zoo row claims numbers for the registered version whose run names the checkpoint it links, and
        so does every row of its table with the same identifying cells (the same model name and resolution). Only
        rows the change adds or edits, and only numbers under a column that names a logged metric."""
        registry = evidence.registry
        if registry is None or not evidence.zoo_rows:
            return
        reported = {(f.path, f.line, f.subject) for f in result.findings}
        # A file name several rows link (`pytorch_model.bin` under each model's folder) tells no row apart.
        linked = Counter((row.path, name) for row in evidence.zoo_rows for name in set(row.checkpoints))
        for version in registry.versions:
            run = registry.run(version.run_id)
            files = {value.rsplit("/", 1)[-1] for value in (run.params.values() if run else ())}
            anchors = [row for row in evidence.zoo_rows
                       if any(linked[(row.path, name)] == 1 for name in files & set(row.checkpoints))]
            if run is None or not anchors:
                continue
            rows = [row for row in evidence.zoo_rows if row.added and any(
                (row.path, row.table, row.identity) == (a.path, a.table, a.identity) for a in anchors)]
            logged = {canonical(m.key) for m in run.metrics}
            checked = False
            for row in rows:
                for claim in row.metrics:
                    if canonical(claim.name) not in logged or (row.path, row.line, claim.name.lower()) in reported:
                        continue
                    checked = True
                    before = len(result.findings)
                    self._metric(ModelCard(path=row.path, format="markdown"), claim, version, run, registry, rules,
                                 result)
                    anchor = next(a for a in anchors if (a.path, a.table, a.identity) == (row.path, row.table,
                                                                                         row.identity))
                    why = (f" The row (line {row.line}) names {' '.join(row.identity)}, the model of line "
                           f"{anchor.line}, which links {', '.join(sorted(files & set(anchor.checkpoints)))}, "
                           f"v{version.version}'s checkpoint.")
                    result.findings[before:] = [f.model_copy(update={"message": f.message + why})
                                                for f in result.findings[before:]]
            if checked:
                result.checked.append(f"card: model-zoo rows of {', '.join(sorted({r.path for r in rows}))} "
                                      f"against {version.name} v{version.version} (by the checkpoint they link)")

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
            path=card.path, line=locator_line(locator), claim=f"dataset {name}", intent_source=card.path,
            shipped=shipped)
        result.findings += [finding] if finding else []

    # -- other fields ---------------------------------------------------------------------------

    def _fields(self, evidence: Evidence, card: ModelCard, version: ModelVersion, run: Run, registry: Registry,
                rules: RuleBook, result: AgentResult) -> None:
        if card.base_model is not None and _about(card.base_model, version.name, result, card.path):
            key = base_model_param(run.params)
            param = run.params[key].strip().rstrip("/") if key else None
            if param and not same_model(param, card.base_model.value):
                self._field(card, "base model", card.base_model.value, f"{key} = {param}", card.base_model.locator,
                            registry_locator(registry, "runs", run.run_id, "params", key or ""), rules, result)
            elif param:
                result.checked.append(f"card: base model {card.base_model.value} agrees with the run's {key}")
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
        if card.alias is not None and _about(card.alias, version.name, result, card.path):
            holders = [v.version for v in registry.versions_of(version.name) if card.alias.value in v.aliases]
            # The PR may itself move the alias: judge the card against the state after the merge.
            moved = _moved(evidence, card.alias.value, version.name)
            holders = moved[-1:] or holders
            if holders and version.version not in holders:
                self._field(card, "alias", f"{card.alias.value} is v{version.version}",
                            f"{card.alias.value} is v{holders[0]}", card.alias.locator,
                            registry_locator(registry, "registered_models", version.name, "aliases"), rules, result)
        if card.stage is not None and _about(card.stage, version.name, result, card.path) and any(
                v.current_stage not in (None, "", "None") for v in registry.versions_of(version.name)):
            # Only a registry that uses stages (MLflow 2.x) can contradict a stage claim.
            moved = _moved(evidence, card.stage.value, version.name)
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
            path=card.path, line=locator_line(locator), claim=f"{subject}: {claimed}", intent_source=card.path,
            shipped=recorded)
        result.findings += [finding] if finding else []

    # -- freshness ------------------------------------------------------------------------------

    def _freshness(self, evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
        """card.stale when the model changed and its card did not; card.missing when the tree ships a model
        and has no card anywhere (an unfilled template is none)."""
        changes = evidence.model_changes
        if not changes:
            result.checked.append("card freshness: no change to weights, architecture, data, features, "
                                  "hyperparameters or training code")
            return
        cards = [c for c in evidence.model_cards if not c.unfilled]
        cite_code = Citation(artifact="diff", locator=file_locator(changes[0].path, changes[0].line))
        if not cards:
            self._missing(evidence, changes, cite_code, rules, result)
            return
        changed = {f.path for f in evidence.diff.files}
        card_paths = sorted(c.path for c in cards)
        semantic = [c for c in changes if c.aspect != "training_code"] or changes
        # Each change answers to the card nearest it (a monorepo's models/fraud/ code to models/fraud's card).
        owed = {change.path: _nearest(change.path, card_paths) for change in semantic}
        fresh = sorted({card for cards_of in owed.values() for card in cards_of if card in changed})
        semantic = [c for c in semantic if not set(owed[c.path]) & changed]
        by_path = {c.path: c for c in cards}
        contradicted = {(f.path, f.subject) for f in result.findings if f.kind == "card.field_mismatch"} | {
            (f.path, "dataset") for f in result.findings if f.kind == "card.dataset_mismatch"}
        described = {c.path + c.aspect: why for c in semantic for p in owed[c.path]
                     if (why := _described(by_path[p], c, contradicted))}
        semantic = [c for c in semantic if c.path + c.aspect not in described]
        if described and not semantic:
            result.checked.append("card freshness: " + "; ".join(described.values()))
            return
        if not semantic:
            result.checked.append(f"card freshness: {', '.join(fresh)} changed with the model")
            return
        first = semantic[0]
        card = owed[first.path][0]
        how = "; ".join(f"{c.path} ({c.aspect.replace('_', ' ')})" for c in semantic[:3])
        finding = rules.finding(
            "card.updated-with-model", subject="model card",
            message=f"{how} changed the model, but {card} was not updated with it.",
            citations=[Citation(artifact="diff", locator=file_locator(first.path, first.line)),
                       Citation(artifact="model_card", locator=card)],
            path=first.path, line=first.line, claim=f"{card} describes the shipped model", intent_source=card,
            shipped=f"{first.aspect.replace('_', ' ')}: {first.detail}")
        if finding and first.aspect == "training_code":
            finding = _at_most(finding, "low")  # code changed, but nothing shows the model's description did
        result.findings += [finding] if finding else []

    @staticmethod
    def _unlisted(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
        """card.stale for a checkpoint the change releases that the docs listing its folder's others leave out."""
        for slip in evidence.unlisted_checkpoints:
            docs = ", ".join(doc.split("#", 1)[0] for doc in slip.docs[:3])
            finding = rules.finding(
                UNLISTED, subject=slip.address.rsplit("/", 1)[-1] or slip.address,
                message=f"{slip.path} line {slip.line} adds the checkpoint address `{slip.address}`, but no doc names "
                        f"it, while {docs} list{'s' if len(slip.docs) == 1 else ''} {slip.listed} other checkpoints "
                        f"of `{slip.folder}`: add the new model to the model zoo, with its numbers.",
                citations=[Citation(artifact="diff", locator=file_locator(slip.path, slip.line)),
                           *[Citation(artifact="model_card", locator=doc) for doc in slip.docs[:3]]],
                path=slip.path, line=slip.line, claim=f"{docs} list{'s' if len(slip.docs) == 1 else ''} the "
                                                     "released checkpoints", intent_source=docs,
                shipped=f"new checkpoint {slip.address}")
            result.findings += [finding] if finding else []

    @staticmethod
    def _missing(evidence: Evidence, changes: list[ModelChange], cite_code: Citation, rules: RuleBook,
                 result: AgentResult) -> None:
        sources = evidence.model_sources
        if not sources:
            result.skipped.append(Skipped(what="model card", why="nothing in the tree trains, saves or registers "
                                                                 "a model, so no card is due"))
            return
        base_had = any(not c.unfilled for c in evidence.base_model_cards)
        # Training alone may be an experiment or an analysis; saving, registering or a pipeline's model
        # output ships a model. The PR is answerable for the gap when it brings that, or drops the card.
        ships = [s for s in sources if s.how != "trains"]
        introduced = [s for s in ships if s.added]
        templates = [c.path for c in evidence.model_cards if c.unfilled]
        source = (introduced or ships or sources)[0]
        where = f"{source.path}{f' line {source.line}' if source.line else ''} ({source.detail})"
        template = f"; {templates[0]} is an unfilled template" if templates else ""
        result.checked.append(f"card: looked for a model card for the model that {where} makes; the tree has "
                              f"none{template}")
        finding = rules.finding(
            "card.exists", subject="model card",
            message=f"{changes[0].path} changes the model that {where} makes, and the repository has no model "
                    f"card{template}.",
            citations=list(dict.fromkeys([cite_code, Citation(artifact="diff",
                                                              locator=file_locator(source.path, source.line))])),
            path=changes[0].path, line=changes[0].line, claim="a model card describes the model",
            intent_source="card rule pack", shipped="no model card")
        if finding and not (introduced or (base_had and ships)):
            # The repository had this gap before the PR, or nothing shows it ships a model: known, not blocking.
            finding = _at_most(finding, "low")
        result.findings += [finding] if finding else []


def _described(card: ModelCard, change: ModelChange, contradicted: set[tuple[str | None, str]]) -> str | None:
    """Does the card already answer for this change? It names the dataset file the data code now reads or the
    base model the code now starts from (a card written ahead of the code), or the card's own claim for that
    aspect is already reported as contradicting the registry (one finding per wrong claim)."""
    aspect = {"base_model": "base model", "data": "dataset"}.get(change.aspect)
    if aspect is None:
        return None
    if (card.path, aspect) in contradicted:
        return f"the {aspect} {change.path} sets is reported against {card.path}'s {aspect} claim"
    text = _squash(card.text)
    named = [q.rstrip("/").rsplit("/", 1)[-1] for q in QUOTED.findall(change.detail)]
    named = [PurePosixPath(n).stem if change.aspect == "data" else n for n in named]
    found = next((n for n in named if len(_squash(n)) >= MIN_NAMED and _squash(n) in text), None)
    return f"{card.path} already names the {aspect} {found} that {change.path} now uses" if found else None


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _at_most(finding: Finding, severity: Severity) -> Finding:
    order = ["info", "low", "medium", "high", "critical"]
    if order.index(finding.severity) <= order.index(severity):
        return finding
    return finding.model_copy(update={"severity": severity, "blocking": False})


def base_model_param(params: dict[str, str]) -> str | None:
    """The run parameter that names the base model by its role, if one does."""
    lowered = {k.lower().rsplit(".", 1)[-1].lstrip("-"): k for k in params}
    candidates = [lowered[k] for k in BASE_MODEL_PARAMS if k in lowered]
    candidates += sorted(k for k in params if ROLE_PARAM.match(k.rsplit(".", 1)[-1]) and not NOT_BASE.search(k))
    for key in dict.fromkeys(candidates):
        value = params[key].strip()
        if NAME_LIKE.search(value) and value.lower() not in ("true", "false", "none", "null"):
            return key
    return None


def same_model(logged: str, claimed: str) -> bool:
    """A logged name or path names the claimed model: equal after normalisation, or one inside the other
    (a family, `LLaMA`, in a path, `/ckpt/llama-7b-hf`; an organisation prefix or a folder around it)."""
    if same_name(logged, claimed) or same_name(logged.rsplit("/", 1)[-1], claimed):
        return True
    a, b = _name_tokens(logged.rsplit("/", 1)[-1]), _name_tokens(claimed.rsplit("/", 1)[-1])
    short, long = sorted((a, b), key=len)
    return bool(short) and len("".join(short)) >= 4 and any(
        long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _name_tokens(name: str) -> list[str]:
    """`LLaMA-7B` is [llama, 7b]; `xlm_roberta.base` is [xlm, roberta, base]."""
    return [t for t in re.split(r"[^a-z0-9.]+|(?<=[a-z])\.(?=[a-z])", name.lower()) if t]


def _nearest(path: str, cards: list[str]) -> list[str]:
    """The cards in the deepest folder that holds the path (the shallowest cards when none does): updating
    any of them keeps the change's description fresh."""
    def folder(card: str) -> str:
        return card.rsplit("/", 1)[0] + "/" if "/" in card else ""
    holding = [c for c in cards if path.startswith(folder(c))]
    pool = holding or cards
    depths = [folder(c).count("/") for c in pool]
    depth = max(depths) if holding else min(depths)
    return [c for c in pool if folder(c).count("/") == depth]


def _moved(evidence: Evidence, target: str, model: str) -> list[str]:
    """Versions the PR itself points a card's alias or stage at, in diff order."""
    return [m.version for m in evidence.moves
            if m.purpose == "card" and m.target == target and m.model == model and m.version]


def _same_dataset(claimed: str, logged: str) -> bool:
    """Equal after normalisation, or one name inside the other (`reviews` and `reviews_test`)."""
    a, b = normalize_name(claimed), normalize_name(logged)
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


AGENT = CardAgent()


def _about(claim: FieldClaim | MetricClaim, name: str, result: AgentResult, path: str) -> bool:
    """Whether a card's claim is about the registered model `name`: in a card documenting several models, a
    claim under a heading that names another one is that model's, and is not judged against this one."""
    if isinstance(claim, MetricClaim) and claim.item_model is not None and not _spelled_alike(claim.item_model, name):
        result.skipped.append(Skipped(what=f"{path} claim {claim.name} {claim.text!r} ({claim.locator})",
                                      why=f"it is stated in the list item for {claim.item_model}, another model than "
                                          f"{name}"))
        return False
    other = claim.section_model
    if other is None or normalize_name(other, drop_org=False) == normalize_name(name, drop_org=False) \
            or same_name(other, name):
        return True
    claimed = f"{claim.name} {claim.text}" if isinstance(claim, MetricClaim) else claim.value
    result.skipped.append(Skipped(what=f"{path} claim {claimed!r} ({claim.locator})",
                                  why=f"it sits under a heading naming {other}, another model than {name}"))
    return False


def _spelled_alike(listed: str, name: str) -> bool:
    """A list of models tells them apart by case too (open_clip lists ViT-g/14 beside ViT-G/14): the names
    compare with their separators unified, their case kept."""
    return SEPARATORS.sub("-", listed.strip()) == SEPARATORS.sub("-", name.strip())


def _identity(version: ModelVersion, registry: Registry) -> set[str]:
    """The words that name what a version is: its run's name and parameter values, its tags."""
    run = registry.run(version.run_id)
    values = [*(run.params.values() if run else []), *(run.tags.values() if run else []), *version.tags.values()]
    words = {w for value in values for w in WORD_SPLIT.split(value.lower())}
    return {w for w in words if len(w) >= 2 and NAME_LIKE.search(w) and w not in PLAIN_VALUES}


def _listed_version(claim: MetricClaim, version: ModelVersion, registry: Registry, result: AgentResult,
                    path: str) -> bool:
    """Whether a claim stated in a list of models is about `version`, when the registry holds several versions of
    that model: its item must name a word of the version's run (`34B` for samples_seen 34B) that no other version's
    run has, and no such word of another version."""
    versions = registry.versions_of(version.name)
    if claim.item is None or len(versions) < 2:
        return True
    marks = {v.version: _identity(v, registry) for v in versions}
    words = set(WORD_SPLIT.split(claim.item.lower()))
    named = {v for v, mine in marks.items()
             if words & (mine - set().union(*(m for o, m in marks.items() if o != v)))}
    if named == {version.version}:
        return True
    why = (f"its list item names version {', '.join(sorted(named))} of {version.name}, not {version.version}" if named
           else f"its list item does not say which of {version.name}'s {len(versions)} registered versions it is about")
    result.skipped.append(Skipped(what=f"{path} claim {claim.name} {claim.text!r} ({claim.locator})", why=why))
    return False
