"""The model stage: questions plain code could not answer, asked once per unit, findings only added."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Literal, Protocol

from custody.reviewer.gather.snapshot import matching
from custody.reviewer.llm import prompts
from custody.reviewer.llm.budget import ReviewBudget
from custody.reviewer.llm.context import PRContext, build_context, digest, estimate_tokens
from custody.reviewer.llm.protocol import ModelClient, ModelError, ModelRequest, Usage
from custody.reviewer.llm.redact import redact
from custody.reviewer.llm.retry import ATTEMPTS, with_retries
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import ArtifactKind, Citation, Skipped
from custody.reviewer.model.evidence.tickets import Criterion
from custody.reviewer.rules.book import Rule, RuleBook
from pydantic import BaseModel, ConfigDict, Field, ValidationError

log = logging.getLogger(__name__)

AGENT = "model"
UNADDRESSED = "scope.criterion-unaddressed"
MAX_CONFIDENCE = 0.9  # a model's finding never weighs as much as a computed one
# USD per million tokens: input, output; cache writes cost 1.25x input, reads 0.1x.
# Matched by prefix, first match wins: the older Opus 4 models before the cheaper later ones.
PRICES: dict[str, tuple[float, float]] = {
    "claude-opus-4-0": (15.0, 75.0), "claude-opus-4-1": (15.0, 75.0), "claude-opus-4-2025": (15.0, 75.0),
    "claude-opus": (5.0, 25.0), "claude-sonnet": (3.0, 15.0), "claude-haiku-4": (1.0, 5.0),
    "claude-3-5-haiku": (0.8, 4.0),
}
DEFAULT_PRICE = (3.0, 15.0)


class CriterionVerdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    locator: str
    met: Literal["yes", "no", "unclear"]
    reason: str
    citations: list[str]


class RuleHit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str
    subject: str
    message: str
    confidence: float = Field(ge=0.0, le=1.0)
    citations: list[str]


class UnitAnswer(BaseModel):
    """What the model says of one unit: the context as a whole, or one changed file."""

    model_config = ConfigDict(extra="forbid")

    unit: str
    criteria: list[CriterionVerdict]
    findings: list[RuleHit]


class BatchAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    units: list[UnitAnswer]


class ModelUsage(BaseModel):
    """What the model stage cost, shown in the comment's details and recorded with the review."""

    model: str = ""
    tokens: Usage = Field(default_factory=Usage)
    cost_usd: float = 0.0
    calls: int = 0
    cached_answers: int = 0
    prompts: list[str] = Field(default_factory=list)  # "judge_criterion@1"
    fallback: str | None = None  # why the deterministic verdict stood alone, when it did


    def summary(self) -> str:
        """One line for the comment's details: model, calls, tokens in/out/cached, cost, prompt versions."""
        t = self.tokens
        reused = f" ({self.cached_answers} answers reused)" if self.cached_answers else ""
        return (f"{self.model}: {self.calls} call(s){reused}; tokens in {t.input_tokens:,}, out {t.output_tokens:,}, "
                f"cache read {t.cache_read_tokens:,}, cache write {t.cache_write_tokens:,}; "
                f"about ${self.cost_usd:.4f}; prompts {', '.join(self.prompts)}")


class ModelStageResult(BaseModel):
    result: AgentResult
    usage: ModelUsage
    resolved: list[str] = Field(default_factory=list)  # `what` of skipped entries the model judged


class AnswerCache(Protocol):
    """Model answers by content address: prompt version, model, prefix and question."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, answer: str) -> None: ...


class MemoryAnswerCache:
    def __init__(self) -> None:
        self.answers: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.answers.get(key)

    def put(self, key: str, answer: str) -> None:
        self.answers[key] = answer


def cost_of(model: str, usage: Usage) -> float:
    price_in, price_out = next((p for k, p in PRICES.items() if model.startswith(k)), DEFAULT_PRICE)
    weighted_in = usage.input_tokens + usage.cache_write_tokens * 1.25 + usage.cache_read_tokens * 0.1
    return round((weighted_in * price_in + usage.output_tokens * price_out) / 1_000_000, 6)


def _json_of(text: str) -> str:
    """The JSON object in an answer, tolerating a code fence or a sentence around it."""
    start, end = text.find("{"), text.rfind("}")
    return text[start:end + 1] if 0 <= start < end else text


class _Unit(BaseModel):
    name: str  # "context" or a path
    text: str  # what the call shows of it (empty for the context: it is the prefix)
    locators: dict[str, ArtifactKind]
    rules: list[str]  # ids of the rules asked of it


class _Session:
    """One review's calls: budget, per-unit answer cache, retries, usage, and the failure that stops them."""

    def __init__(self, client: ModelClient, budget: ReviewBudget, cache: AnswerCache,
                 sleep: Callable[[float], None], attempts: int, system: str, context: str,
                 refs: list[str]) -> None:
        self.client, self.budget, self.cache = client, budget, cache
        self.sleep, self.attempts = sleep, attempts
        self.system, self.context = redact(system), redact(context)
        self.usage = ModelUsage(model=client.model, prompts=list(refs))
        self.stopped: str | None = None
        self.unanswered: list[_Unit] = []
        self.base = "\\x1f".join([*refs, client.model, digest(self.system), digest(self.context)])

    def key(self, unit: _Unit) -> str:
        """Content address of one unit's answer: prompt versions, model, prefix, and the unit itself."""
        return hashlib.sha256(f"{self.base}\\x1f{unit.name}\\x1f{digest(unit.text)}".encode()).hexdigest()

    def answers(self, units: list[_Unit], batch_tokens: int) -> tuple[dict[str, UnitAnswer], list[Skipped]]:
        found: dict[str, UnitAnswer] = {}
        todo: list[_Unit] = []
        for unit in units:
            if (hit := self.cache.get(self.key(unit))) is not None:
                self.usage.cached_answers += 1
                found[unit.name] = UnitAnswer.model_validate_json(hit)
            else:
                todo.append(unit)
        skipped: list[Skipped] = []
        for batch in _batches(todo, batch_tokens):
            reason = self.stopped or self._ask(batch, found)
            if reason:
                skipped += [Skipped(what=_what(u), why=f"not judged: {reason}") for u in batch]
        skipped += [Skipped(what=_what(u), why="not judged: the language model's answer left it out")
                    for u in self.unanswered]
        return found, skipped

    def _ask(self, batch: list[_Unit], found: dict[str, UnitAnswer]) -> str | None:
        prompt = prompts.load("batch")
        instruction = redact(prompt.render(units=", ".join(u.name for u in batch),
                                           files="\\n".join(u.text for u in batch if u.text)))
        request = ModelRequest(agent=AGENT, task=prompt.name, prompt_version=prompt.ref, system=self.system,
                               context=self.context, instruction=instruction,
                               output_schema=BatchAnswer.model_json_schema(),
                               max_tokens=min(4096, 400 + 300 * len(batch)))
        estimate = estimate_tokens(self.system + self.context + instruction) + request.max_tokens
        if (refusal := self.budget.refuse(AGENT, estimate)) is not None:
            return refusal
        try:
            answer = with_retries(lambda: self._once(request), self.sleep, self.attempts)
        except ModelError as exc:
            self.stopped = f"the language model failed ({exc.reason}, {self.attempts} attempts)"
            return self.stopped
        names = {u.name: u for u in batch}
        for unit_answer in answer.units:
            if unit_answer.unit in names and unit_answer.unit not in found:
                found[unit_answer.unit] = unit_answer
                self.cache.put(self.key(names[unit_answer.unit]), unit_answer.model_dump_json())
        self.unanswered += [u for u in batch if u.name not in found]
        return None

    def _once(self, request: ModelRequest) -> BatchAnswer:
        self.usage.calls += 1
        answer = self.client.complete(request)
        self.usage.tokens = self.usage.tokens + answer.usage
        self.usage.cost_usd = cost_of(self.client.model, self.usage.tokens)
        self.budget.charge(request.agent, answer.usage)
        try:
            return BatchAnswer.model_validate_json(_json_of(answer.text))
        except ValidationError as exc:
            raise ModelError("malformed output", retryable=True) from exc


def _what(unit: _Unit) -> str:
    return "the shared context" if unit.name == "context" else f"diff of {unit.name}"


def _batches(units: list[_Unit], limit: int) -> list[list[_Unit]]:
    """Units packed in order into calls of at most `limit` tokens each (one oversized unit goes alone)."""
    batches: list[list[_Unit]] = []
    size = limit + 1
    for unit in units:
        cost = estimate_tokens(unit.text) + 20
        if size + cost > limit:
            batches.append([])
            size = 0
        batches[-1].append(unit)
        size += cost
    return batches


def _pending_criteria(evidence: Evidence, results: list[AgentResult]) -> list[Criterion]:
    """Criteria the scope agent left for a language model."""
    wanted = {s.what.removeprefix("criterion ") for r in results if r.agent == "scope" for s in r.skipped
              if s.what.startswith("criterion ") and "language model" in s.why}
    # A criterion a deterministic finding already cites has its verdict; the model is not asked again.
    wanted -= {c.locator for r in results for f in r.findings for c in f.citations}
    return [c for t in evidence.tickets for c in t.criteria if c.locator in wanted]


def _cite(locators: list[str], valid: dict[str, ArtifactKind]) -> list[Citation]:
    return [Citation(artifact=valid[loc], locator=loc) for loc in dict.fromkeys(locators) if loc in valid]


def _place(citations: list[Citation]) -> tuple[str | None, int | None]:
    for citation in citations:
        if citation.artifact == "diff" and "#L" in citation.locator:
            path, line = citation.locator.rsplit("#L", 1)
            return path, int(line) if line.isdigit() else None
    return None, None


def _applies(rule: Rule, path: str) -> bool:
    # The same glob as CEL and Rego rules (`**/` spans folders, or none), so a scope means one thing.
    return not rule.scope.paths or bool(matching([path], rule.scope.paths))


def _units(ctx: PRContext, asked: list[Rule], criteria: bool) -> list[_Unit]:
    units = [_Unit(name="context", text="", locators=ctx.locators,
                   rules=[r.id for r in asked if not r.scope.paths])]
    for file in ctx.files:
        rules = [r.id for r in asked if _applies(r, file.path)]
        if rules or criteria:
            units.append(_Unit(name=file.path, text=file.text, locators={**ctx.locators, **file.locators},
                               rules=rules))
    return units


def _prefix(ctx: PRContext, pending: list[Criterion], asked: list[Rule]) -> tuple[str, list[str]]:
    """The tasks and the PR context: everything every call shares, so all of it is cached."""
    parts, refs = [], []
    if pending:
        prompt = prompts.load("judge_criterion")
        parts.append(prompt.render(criteria="\n".join(f"[{c.locator}] {c.text}" for c in pending)))
        refs.append(prompt.ref)
    if asked:
        prompt = prompts.load("rule_instruction")
        listing = "\n".join(f"- {r.id}: {r.title}. {r.check.llm}"
                            + (f" (files: {', '.join(r.scope.paths)})" if r.scope.paths else "") for r in asked)
        parts.append(prompt.render(rules=listing))
        refs.append(prompt.ref)
    return "\n\n".join([*parts, ctx.text]), refs


def _criteria_outcome(rules: RuleBook, pending: list[Criterion], units: list[_Unit],
                      found: dict[str, UnitAnswer], out: ModelStageResult) -> None:
    complete = all(u.name in found for u in units)
    for criterion in pending:
        said = [(v.model_copy(update={"citations": [c for c in v.citations if c in u.locators]}), u)
                for u in units if u.name in found for v in found[u.name].criteria if v.locator == criterion.locator]
        met = [v for v, _ in said if v.met == "yes" and v.citations]
        if met:
            out.result.checked.append(f"criterion {criterion.locator}: met, by the language model "
                                      f"({', '.join(met[0].citations)})")
            out.resolved.append(f"criterion {criterion.locator}")
        elif complete and said and all(v.met == "no" for v, _ in said):
            citations = [Citation(artifact="ticket", locator=criterion.locator)]
            citations += [c for v, u in said for c in _cite(v.citations, u.locators)]
            finding = rules.finding(
                UNADDRESSED, subject=criterion.locator, citations=list(dict.fromkeys(citations)),
                message=f"Not addressed, in the language model's judgement: {said[0][0].reason}",
                confidence=0.6, claim=criterion.text, intent_source=criterion.locator, shipped="not found")
            if finding is not None:
                update: dict[str, object] = {"source": "model"}
                if criterion.prose:  # read from prose, judged by a model: a hint to look, never a gate
                    update |= {"severity": "low", "blocking": False}
                out.result.findings.append(finding.model_copy(update=update))
                out.resolved.append(f"criterion {criterion.locator}")


def _rule_outcome(rules: RuleBook, asked: list[Rule], units: list[_Unit], found: dict[str, UnitAnswer],
                  out: ModelStageResult) -> None:
    for unit in units:
        for hit in found[unit.name].findings if unit.name in found else []:
            citations = _cite(hit.citations, unit.locators)
            if hit.rule not in unit.rules or not citations:
                continue  # an uncited finding, or one under a rule not asked here, is not posted
            path, line = _place(citations)
            finding = rules.finding(hit.rule, subject=hit.subject[:120], message=hit.message[:600],
                                    citations=citations, path=path, line=line,
                                    confidence=min(hit.confidence, MAX_CONFIDENCE))
            if finding is not None:
                out.result.findings.append(finding.model_copy(update={"source": "model"}))
    out.result.checked += [f"rule {r.id}: by the language model" for r in asked]


def model_stage(evidence: Evidence, rules: RuleBook, results: list[AgentResult], client: ModelClient,
                budget: ReviewBudget, *, cache: AnswerCache | None = None,
                sleep: Callable[[float], None] = time.sleep, attempts: int = ATTEMPTS) -> ModelStageResult:
    """Findings the model adds to the deterministic ones; never raises, never touches theirs."""
    out = ModelStageResult(result=AgentResult(agent=AGENT), usage=ModelUsage(model=client.model))
    try:
        pending = _pending_criteria(evidence, results)
        asked = [r for r in rules.rules.values() if rules.enabled(r.id) and r.check.llm]
        if not pending and not asked:
            return out
        ctx = build_context(evidence, budget.limits)
        out.result.skipped += ctx.skipped
        context, refs = _prefix(ctx, pending, asked)
        system = prompts.load("context")
        session = _Session(client, budget, cache if cache is not None else MemoryAnswerCache(), sleep,
                           attempts, system.body, context, [system.ref, *refs, prompts.load("batch").ref])
        units = _units(ctx, asked, bool(pending))
        found, skipped = session.answers(units, budget.limits.batch_tokens)
        out.result.skipped += skipped
        _criteria_outcome(rules, pending, units, found, out)
        _rule_outcome(rules, asked, units, found, out)
        out.usage = session.usage
        out.usage.fallback = session.stopped
    except Exception as exc:  # a review never fails because the model did
        log.exception("model stage failed")
        out.usage.fallback = f"the model stage failed ({type(exc).__name__})"
        out.result = AgentResult(agent=AGENT)
        out.resolved = []
    if out.usage.fallback:
        out.result.skipped.append(Skipped(what="language-model checks",
                                          why=f"{out.usage.fallback}; the deterministic verdict stands"))
    said = {f.fingerprint for r in results for f in r.findings}
    said |= {f"{f.rule}\x1f{f.subject.lower()}" for r in results for f in r.findings}
    # The model only adds: anything a deterministic check already said is dropped, so the verdict's
    # de-duplication can never keep the model's version of a deterministic finding.
    out.result.findings = [f for f in out.result.findings
                           if f.fingerprint not in said and f"{f.rule}\x1f{f.subject.lower()}" not in said]
    return out


def as_stage(client: ModelClient, budget_for: Callable[[], ReviewBudget], *, cache: AnswerCache | None = None,
             sleep: Callable[[float], None] = time.sleep,
             on_result: Callable[[ModelStageResult], None] | None = None,
             ) -> Callable[[Evidence, RuleBook, list[AgentResult]], AgentResult]:
    """The model stage in the shape `pipeline.run_review(model_stage=...)` takes; `on_result` gets the usage."""
    def stage(evidence: Evidence, rules: RuleBook, results: list[AgentResult]) -> AgentResult:
        out = model_stage(evidence, rules, results, client, budget_for(), cache=cache, sleep=sleep)
        if on_result is not None:
            on_result(out)
        return out.result
    return stage


def declined_stage(reason: str) -> Callable[[Evidence, RuleBook, list[AgentResult]], AgentResult]:
    """A model stage that asks nothing and says why: every rule and question it would have put to
    the model is listed as not checked, with `reason`, and the deterministic verdict stands."""
    def stage(evidence: Evidence, rules: RuleBook, results: list[AgentResult]) -> AgentResult:
        asked = [r for r in rules.rules.values() if rules.enabled(r.id) and r.check.llm]
        return AgentResult(agent=AGENT, skipped=[
            *(Skipped(what=f"rule {r.id}", why=reason) for r in asked),
            Skipped(what="language-model checks", why=f"{reason}; the deterministic verdict stands"),
        ])
    return stage
