"""The model stage: questions plain code could not answer, asked once per unit, findings only added."""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import time
from collections.abc import Callable
from typing import Literal, Protocol, TypeVar

from custody.agents.base import AgentResult
from custody.reviewer.evidence import Evidence
from custody.reviewer.evidence.common import ArtifactKind, Citation, Skipped
from custody.reviewer.evidence.tickets import Criterion
from custody.reviewer.llm import prompts
from custody.reviewer.llm.budget import ReviewBudget
from custody.reviewer.llm.context import FileUnit, PRContext, build_context, digest, estimate_tokens
from custody.reviewer.llm.protocol import ModelClient, ModelError, ModelRequest, Usage
from custody.reviewer.llm.redact import redact
from custody.reviewer.llm.retry import ATTEMPTS, with_retries
from custody.reviewer.rules import Rule, RuleBook
from pydantic import BaseModel, ConfigDict, Field, ValidationError

log = logging.getLogger(__name__)

AGENT = "model"
UNADDRESSED = "scope.criterion-unaddressed"
MAX_CONFIDENCE = 0.9  # a model's finding never weighs as much as a computed one
# USD per million tokens: input, output; cache writes cost 1.25x input, reads 0.1x.
PRICES: dict[str, tuple[float, float]] = {
    "claude-opus-4": (15.0, 75.0), "claude-sonnet-4": (3.0, 15.0), "claude-haiku-4": (1.0, 5.0),
    "claude-3-5-haiku": (0.8, 4.0),
}
DEFAULT_PRICE = (3.0, 15.0)
REVIEW_LEVEL = "the registry, model card, design doc and ticket in the context"

M = TypeVar("M", bound=BaseModel)


class CriterionVerdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    locator: str
    met: Literal["yes", "no", "unclear"]
    reason: str
    citations: list[str]


class CriterionAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    criteria: list[CriterionVerdict]


class RuleHit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str
    subject: str
    message: str
    confidence: float = Field(ge=0.0, le=1.0)
    citations: list[str]


class RuleAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    findings: list[RuleHit]


class ModelUsage(BaseModel):
    """What the model stage cost, shown in the comment's details and recorded with the review."""

    model: str = ""
    tokens: Usage = Field(default_factory=Usage)
    cost_usd: float = 0.0
    calls: int = 0
    cached_answers: int = 0
    prompts: list[str] = Field(default_factory=list)  # "judge_criterion@1"
    fallback: str | None = None  # why the deterministic verdict stood alone, when it did


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


class _Session:
    """One review's calls: budget, cache, retries, usage, and the first failure that stops them."""

    def __init__(self, client: ModelClient, budget: ReviewBudget, cache: AnswerCache,
                 sleep: Callable[[float], None], attempts: int, system: str, context: str) -> None:
        self.client, self.budget, self.cache = client, budget, cache
        self.sleep, self.attempts = sleep, attempts
        self.system, self.context = redact(system), redact(context)
        self.usage = ModelUsage(model=client.model)
        self.stopped: str | None = None

    def ask(self, agent: str, prompt: prompts.Prompt, instruction: str, shape: type[M]) -> M | str:
        """The parsed answer, or the reason there is none."""
        if prompt.ref not in self.usage.prompts:
            self.usage.prompts.append(prompt.ref)
        instruction = redact(instruction)
        key = hashlib.sha256("\x1f".join(
            [prompt.ref, self.client.model, digest(self.system), digest(self.context), instruction]
        ).encode()).hexdigest()
        if (hit := self.cache.get(key)) is not None:
            self.usage.cached_answers += 1
            return shape.model_validate_json(hit)
        if self.stopped:
            return self.stopped
        request = ModelRequest(agent=agent, task=prompt.name, prompt_version=prompt.ref, system=self.system,
                               context=self.context, instruction=instruction,
                               output_schema=shape.model_json_schema())
        estimate = estimate_tokens(self.system + self.context + instruction) + request.max_tokens
        if (refusal := self.budget.refuse(agent, estimate)) is not None:
            return refusal
        try:
            parsed = with_retries(lambda: self._once(request, shape), self.sleep, self.attempts)
        except ModelError as exc:
            self.stopped = f"the language model failed ({exc.reason}, {self.attempts} attempts)"
            return self.stopped
        self.cache.put(key, parsed.model_dump_json())
        return parsed

    def _once(self, request: ModelRequest, shape: type[M]) -> M:
        self.usage.calls += 1
        answer = self.client.complete(request)
        self.usage.tokens = self.usage.tokens + answer.usage
        self.usage.cost_usd = cost_of(self.client.model, self.usage.tokens)
        self.budget.charge(request.agent, answer.usage)
        try:
            return shape.model_validate_json(_json_of(answer.text))
        except ValidationError as exc:
            raise ModelError("malformed output", retryable=True) from exc


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


def _evidence_block(unit: FileUnit | None) -> tuple[str, str]:
    return (REVIEW_LEVEL, "") if unit is None else (f"the change to {unit.path}", unit.text)


def _judge_criteria(session: _Session, ctx: PRContext, rules: RuleBook, pending: list[Criterion],
                    out: ModelStageResult) -> None:
    prompt = prompts.load("judge_criterion")
    listing = "\n".join(f"[{c.locator}] {c.text}" for c in pending)
    verdicts: dict[str, list[CriterionVerdict]] = {c.locator: [] for c in pending}
    valid_all = dict(ctx.locators)
    complete = True
    for unit in [None, *ctx.files]:
        scope, block = _evidence_block(unit)
        valid = {**ctx.locators, **(unit.locators if unit else {})}
        valid_all.update(valid)
        answer = session.ask("scope", prompt, prompt.render(scope=scope, criteria=listing, evidence=block),
                             CriterionAnswer)
        if isinstance(answer, str):
            complete = False
            out.result.skipped.append(Skipped(what=f"criteria against {scope}", why=answer))
            continue
        for verdict in answer.criteria:
            if verdict.locator in verdicts:
                cited = [c for c in verdict.citations if c in valid]
                verdicts[verdict.locator].append(verdict.model_copy(update={"citations": cited}))
    for criterion in pending:
        said = verdicts[criterion.locator]
        met = [v for v in said if v.met == "yes" and v.citations]
        if met:
            out.result.checked.append(f"criterion {criterion.locator}: met, by the language model "
                                      f"({', '.join(met[0].citations)})")
            out.resolved.append(f"criterion {criterion.locator}")
        elif complete and said and all(v.met == "no" for v in said):
            citations = [Citation(artifact="ticket", locator=criterion.locator)]
            citations += _cite([c for v in said for c in v.citations], valid_all)
            finding = rules.finding(
                UNADDRESSED, subject=criterion.locator, citations=citations,
                message=f"Not addressed, in the language model's judgement: {said[0].reason}",
                confidence=0.6, claim=criterion.text, intent_source=criterion.locator, shipped="not found")
            if finding is not None:
                out.result.findings.append(finding.model_copy(update={"source": "model"}))
                out.resolved.append(f"criterion {criterion.locator}")


def _applies(rule: Rule, path: str) -> bool:
    return not rule.scope.paths or any(fnmatch.fnmatch(path, p) for p in rule.scope.paths)


def _apply_rules(session: _Session, ctx: PRContext, rules: RuleBook, asked: list[Rule],
                 out: ModelStageResult) -> None:
    prompt = prompts.load("rule_instruction")
    for agent in sorted({r.agent for r in asked}):
        mine = [r for r in asked if r.agent == agent]
        for unit in [None, *ctx.files]:
            here = [r for r in mine if (unit is None and not r.scope.paths) or (unit and _applies(r, unit.path))]
            if not here:
                continue
            scope, block = _evidence_block(unit)
            listing = "\n".join(f"- {r.id}: {r.title}. {r.check.llm}" for r in here)
            answer = session.ask(agent, prompt, prompt.render(scope=scope, rules=listing, evidence=block),
                                 RuleAnswer)
            if isinstance(answer, str):
                out.result.skipped.append(Skipped(what=f"rules {', '.join(r.id for r in here)} on {scope}",
                                                  why=answer))
                continue
            valid = {**ctx.locators, **(unit.locators if unit else {})}
            ids = {r.id for r in here}
            for hit in answer.findings:
                citations = _cite(hit.citations, valid)
                if hit.rule not in ids or not citations:
                    continue  # an uncited or off-rule finding is not posted
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
        ctx = build_context(evidence, budget.limits)
        out.result.skipped += ctx.skipped
        session = _Session(client, budget, cache if cache is not None else MemoryAnswerCache(), sleep,
                           attempts, prompts.load("context").body, ctx.text)
        session.usage.prompts.append(prompts.load("context").ref)
        pending = _pending_criteria(evidence, results)
        if pending:
            _judge_criteria(session, ctx, rules, pending, out)
        asked = [r for r in rules.rules.values() if rules.enabled(r.id) and r.check.llm]
        if asked:
            _apply_rules(session, ctx, rules, asked, out)
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
             sleep: Callable[[float], None] = time.sleep) -> Callable[[Evidence, RuleBook, list[AgentResult]],
                                                                     AgentResult]:
    """The model stage in the shape `pipeline.run_review(model_stage=...)` takes."""
    def stage(evidence: Evidence, rules: RuleBook, results: list[AgentResult]) -> AgentResult:
        return model_stage(evidence, rules, results, client, budget_for(), cache=cache, sleep=sleep).result
    return stage

