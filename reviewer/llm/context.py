"""The shared PR context: evidence rendered as labelled untrusted data, reduced by relevance to a budget."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable

from custody.reviewer.llm.budget import Limits
from custody.reviewer.llm.redact import redact
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import ArtifactKind, Skipped
from custody.reviewer.model.evidence.diff import FileChange
from pydantic import BaseModel, Field

LEFT_OUT = "left out of the language model's context: over its {what} token budget"
# Data must not be able to close (or open) the tags that mark it as data.
TAG = re.compile(r"<(/?)\s*untrusted", re.IGNORECASE)


def estimate_tokens(text: str) -> int:
    """A deterministic stand-in for the tokenizer: about four characters a token."""
    return (len(text) + 3) // 4


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def attribute(value: str) -> str:
    """An attribute value that cannot end its quotes or its tag: a file path like `x"></untrusted>`
    stays one value. Quotes, angle brackets, ampersands and line breaks are escaped."""
    return html.escape(value, quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


def untrusted(kind: str, source: str, text: str) -> str:
    """One piece of untrusted data, redacted, with any tag inside it defused and every attribute escaped."""
    body = TAG.sub(lambda m: f"&lt;{m[1]}untrusted", redact(text))
    return f'<untrusted kind="{attribute(kind)}" source="{attribute(source)}">\n{body}\n</untrusted>\n'


class Section(BaseModel):
    name: str  # shown in "not checked" when left out
    text: str
    locators: dict[str, ArtifactKind] = Field(default_factory=dict)


class FileUnit(BaseModel):
    """One changed file as the model sees it: its hunks with new-file line numbers."""

    path: str
    text: str
    locators: dict[str, ArtifactKind]
    relevance: int  # 0 touches an artifact under review, 1 is named by intent, 2 the rest

    @property
    def key(self) -> str:
        return digest(self.text)


class PRContext(BaseModel):
    text: str
    locators: dict[str, ArtifactKind]
    files: list[FileUnit]
    skipped: list[Skipped]


def _numbered(text: str) -> str:
    return "\n".join(f"L{i}: {line}" for i, line in enumerate(text.splitlines(), 1))


def _sections(evidence: Evidence) -> Iterable[Section]:
    pr = evidence.pull_request
    yield Section(name="pull request description", text=untrusted(
        "pull_request", "pull_request#body", f"{pr.title}\n\n{pr.body}"),
        locators={"pull_request#body": "diff", "pull_request#title": "diff"})
    for ticket in evidence.tickets:
        criteria = "\n".join(f"[{c.locator}] {c.text}" for c in ticket.criteria)
        locators: dict[str, ArtifactKind] = {ticket.source: "ticket"}
        locators.update({c.locator: "ticket" for c in ticket.criteria})
        yield Section(name=f"ticket {ticket.key}", locators=locators, text=untrusted(
            "ticket", ticket.source, f"{ticket.title}\n\n{ticket.body}\n\nCriteria:\n{criteria}"))
    for card in evidence.model_cards:
        claims = [m.locator for m in card.metrics] + [d.locator for d in card.datasets]
        card_locators: dict[str, ArtifactKind] = {card.path: "model_card"}
        card_locators.update({loc: "model_card" for loc in claims})
        yield Section(name=f"model card {card.path}", locators=card_locators,
                      text=untrusted("model_card", card.path, card.text))
    for doc in evidence.design_docs:
        doc_locators: dict[str, ArtifactKind] = {doc.path: "design_doc"}
        doc_locators.update({f"{doc.path}#L{i}": "design_doc"
                             for i in range(1, len(doc.text.splitlines()) + 1)})
        yield Section(name=f"design doc {doc.path}", locators=doc_locators,
                      text=untrusted("design_doc", doc.path, _numbered(doc.text)))
    if evidence.registry is not None:
        registry = evidence.registry
        lines = [f"{v.name} v{v.version} run={v.run_id} stage={v.current_stage} aliases={v.aliases}"
                 for v in registry.versions]
        lines += [f"run {r.run_id}: " + ", ".join(f"{m.key}={m.value}" for m in r.metrics)
                  for r in registry.runs]
        yield Section(name="registry summary", locators={registry.source: "registry"},
                      text=untrusted("registry", registry.source, "\n".join(lines)))
    # Paths only: line counts change with every push and would break the cached prefix.
    manifest = "\n".join(f"{f.status} {f.path}" for f in evidence.diff.files)
    yield Section(name="list of changed files", locators={},
                  text=untrusted("diff_manifest", "diff", manifest))


def _relevance(change: FileChange, evidence: Evidence, intent: str) -> int:
    artifacts = {c.path for c in evidence.model_cards} | {d.path for d in evidence.design_docs}
    artifacts |= {g.source for g in evidence.shipped_pipelines} | {c.path for c in evidence.contracts}
    if change.path in artifacts:
        return 0
    name = change.path.rsplit("/", 1)[-1]
    return 1 if change.path in intent or name in intent else 2


def _file_unit(change: FileChange, relevance: int, limit: int) -> tuple[FileUnit, bool]:
    """The file's hunks, cut at `limit` tokens; the flag says whether anything was cut."""
    lines: list[str] = []
    locators: dict[str, ArtifactKind] = {change.path: "diff"}
    for hunk in change.hunks:
        lines.append(f"@@ -{hunk.old_start} +{hunk.new_start} @@ {hunk.section}".rstrip())
        lines += [f"- {d.text}" for d in hunk.removed]
        for added in hunk.added:
            lines.append(f"L{added.number}+ {added.text}")
            locators[f"{change.path}#L{added.number}"] = "diff"
    cut = False
    while lines and estimate_tokens("\n".join(lines)) > limit:
        lines.pop()
        cut = True
    text = untrusted("diff", change.path, "\n".join(lines))
    kept = {k: v for k, v in locators.items() if "#L" not in k or f"L{k.rsplit('#L', 1)[1]}+" in text}
    return FileUnit(path=change.path, text=text, locators=kept, relevance=relevance), cut or change.truncated


def build_context(evidence: Evidence, limits: Limits) -> PRContext:
    """The prefix every call shares (intent first), the changed files by relevance, and what was left out."""
    skipped: list[Skipped] = []
    parts: list[str] = []
    locators: dict[str, ArtifactKind] = {}
    used = 0
    for section in _sections(evidence):
        cost = estimate_tokens(section.text)
        if used + cost > limits.context_tokens:
            skipped.append(Skipped(what=section.name, why=LEFT_OUT.format(what="context")))
            continue
        used += cost
        parts.append(section.text)
        locators.update(section.locators)
    intent = " ".join([evidence.pull_request.body] + [t.body for t in evidence.tickets])
    files: list[FileUnit] = []
    for change in evidence.diff.files:
        if change.binary or change.generated or change.vendored:
            kind = "binary" if change.binary else "generated" if change.generated else "vendored"
            skipped.append(Skipped(what=f"diff of {change.path}", why=f"{kind}: not sent to the language model"))
            continue
        unit, cut = _file_unit(change, _relevance(change, evidence, intent), limits.file_tokens)
        if cut:
            skipped.append(Skipped(what=f"part of the diff of {change.path}",
                                   why=LEFT_OUT.format(what="per-file")))
        files.append(unit)
    files.sort(key=lambda u: (u.relevance, u.path))
    return PRContext(text="\n".join(parts), locators=locators, files=files, skipped=skipped)
