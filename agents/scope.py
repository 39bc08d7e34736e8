"""The scope agent: ticket ↔ diff. Linked tickets, their acceptance criteria, and what the PR changes."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.common import Citation, Skipped
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.evidence.tickets import Criterion, Ticket
from custody.reviewer.rules.book import RuleBook

CODE_SPAN = re.compile(r"`([^`\n]{1,80})`")
QUOTED = re.compile(r"[\"“]([^\"”\n]{3,60})[\"”]")
FILE_NAME = re.compile(r"(?<![\w/])((?:[\w.-]+/)*[\w.-]+\.(?:md|py|ya?ml|json|txt|toml|cfg|ini|ipynb|sql|csv|r|sh))\b")
IDENTIFIER = re.compile(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)\b")
DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")
HYPHENATED = re.compile(r"\b([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\b", re.IGNORECASE)
ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,7}|[A-Z]\d{1,2})\b")
CAPITALISED = re.compile(r"(?<=[a-z,;:] )([A-Z][a-z]{3,})\b")
REGISTRY_WORDS = re.compile(r"(?i)\bregister(?:ed)?\b|\bregistry\b|\bnew version\b")
# Words that look distinctive but name nothing a diff would show.
GENERIC = {"PR", "OK", "ID", "API", "UI", "CI", "ML", "AI", "README", "NOTE", "MUST", "SHOULD",
           "The", "This", "That", "When", "With", "Also", "Make", "Ensure", "Update", "Report", "Keep"}
OUT_OF_SCOPE_AREAS = re.compile(r"^(\.github/workflows/|\.gitlab-ci|Jenkinsfile|terraform/|infra/|k8s/|helm/|"
                                r"\.circleci/|docker-compose|Dockerfile)")
AREA_WORDS = {".github/workflows/": ("workflow", "ci", "pipeline", "github actions", "action"),
              "terraform/": ("terraform", "infra"), "infra/": ("infra",), "k8s/": ("k8s", "kubernetes"),
              "helm/": ("helm", "chart"), "Dockerfile": ("docker", "image", "container"),
              "docker-compose": ("docker", "compose"), ".gitlab-ci": ("ci",), "Jenkinsfile": ("jenkins", "ci"),
              ".circleci/": ("ci", "circleci")}


@dataclass
class Anchors:
    files: list[str]
    strong: list[str]  # code spans, identifiers, quoted strings, dates
    terms: list[str]  # acronyms, hyphenated and capitalised words

    @property
    def empty(self) -> bool:
        return not (self.files or self.strong or self.terms)


def anchors_of(text: str) -> Anchors:
    spans = CODE_SPAN.findall(text)
    files = [f for f in FILE_NAME.findall(text)]
    strong = [s for s in spans if len(s) > 1 and not FILE_NAME.fullmatch(s)]
    rest = CODE_SPAN.sub(" ", text)
    strong += QUOTED.findall(rest) + IDENTIFIER.findall(FILE_NAME.sub(" ", rest)) + DATE.findall(rest)
    terms = [t for t in HYPHENATED.findall(FILE_NAME.sub(" ", rest)) if not DATE.fullmatch(t)]
    terms += [t for t in ACRONYM.findall(rest) if t not in GENERIC]
    terms += [t for t in CAPITALISED.findall(rest) if t not in GENERIC]
    return Anchors(list(dict.fromkeys(files)), list(dict.fromkeys(strong)),
                   [t for t in dict.fromkeys(terms) if not any(t in s for s in strong)])


def squash(text: str) -> str:
    """Compare ignoring case and separators: `per-class` finds `per class` and `per_class`."""
    return re.sub(r"[\s_\-./]+", "", text.lower())


def found(anchor: str, haystack: str) -> bool:
    return squash(anchor) in haystack


def _squashed_added(change: FileChange) -> str:
    return squash(change.added_text())


class ScopeAgent:
    name = "scope"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        result = AgentResult(agent=self.name)
        if not evidence.ticket_refs:
            if evidence.config.tickets.required:
                finding = rules.finding(
                    "scope.ticket-required", subject="ticket",
                    message="This PR links no ticket, and the repository requires one: add `Closes #N` or a "
                            "tracker key to the description.",
                    citations=[Citation(artifact="policy", locator=".github/custody.yml#tickets.required"),
                               Citation(artifact="diff", locator="pull_request#body")],
                    claim="A ticket is linked", intent_source=".github/custody.yml", shipped="no ticket linked")
                result.findings += [finding] if finding else []
            result.checked.append("scope: no linked ticket")
            return result
        read = {t.key for t in evidence.tickets}
        for ref in evidence.ticket_refs:
            key = ref.key.split("#")[-1] if ref.tracker == "github" else ref.key
            if ref.key in read or key in read:
                continue
            why = next((s.why for s in evidence.skipped if s.what == f"ticket {ref.key}"), "it could not be read")
            finding = rules.finding(
                "scope.ticket-unreadable", subject=ref.key,
                message=f"Ticket {ref.key} is linked from the PR {ref.found_in} but {why}; its criteria were not "
                        "checked.",
                citations=[Citation(artifact="ticket", locator=f"{ref.tracker}:{ref.key}"),
                           Citation(artifact="diff", locator=f"pull_request#{ref.found_in}")],
                claim=f"ticket {ref.key}", intent_source=f"PR {ref.found_in}", shipped="unreadable")
            result.findings += [finding] if finding else []
        changed_text = self._changed_text(evidence)
        guard = rules.guard()  # a check that raises costs its own rule; the others still run
        with guard.of("scope.criterion-unaddressed"):
            for ticket in evidence.tickets:
                for criterion in ticket.criteria:
                    self._criterion(evidence, rules, ticket, criterion, changed_text, result)
        with guard.of("scope.out-of-scope"):
            self._out_of_scope(evidence, rules, result)
        guard.report(result)
        result.checked.append(f"scope: {len(evidence.tickets)} ticket(s), "
                              f"{sum(len(t.criteria) for t in evidence.tickets)} criteria")
        return result

    @staticmethod
    def _changed_text(evidence: Evidence) -> str:
        # squash() drops separators, so the squash of the whole is the squashes of the parts joined:
        # each file's part is kept per content, and a push re-squashes only the files it changed.
        parts = [squash(f.path) for f in evidence.diff.files]
        parts += [remembered("scope-squashed-added", f.content_key(), functools.partial(_squashed_added, f))
                  for f in evidence.diff.files]
        return "".join(parts)

    def _criterion(self, evidence: Evidence, rules: RuleBook, ticket: Ticket, criterion: Criterion,
                   changed: str, result: AgentResult) -> None:
        anchors = anchors_of(criterion.text)
        if REGISTRY_WORDS.search(criterion.text) and not anchors.files:
            result.skipped.append(Skipped(what=f"criterion {criterion.locator}",
                                          why="about the registry: judged only with a language model"))
            return
        if anchors.empty or (not anchors.strong and not anchors.files):
            result.skipped.append(Skipped(what=f"criterion {criterion.locator}",
                                          why="names nothing concrete: judged only with a language model"))
            return
        missing: list[str] = []
        where = "the change"
        target = None
        for name in anchors.files:
            target = next((f for f in evidence.diff.files if f.path == name or f.path.endswith("/" + name)), None)
            if target is not None:
                break
        if target is not None:
            where = target.path
            text = squash(evidence.head_texts.get(target.path, "") or target.added_text())
            missing = [a for a in anchors.strong + anchors.terms if not found(a, text)]
            # A criterion about a file is met when what it asks for is in that file.
        elif anchors.files and not any(found(f, changed) for f in anchors.files):
            missing = [f for f in anchors.files]
            if anchors.strong and any(found(a, changed) for a in anchors.strong):
                missing = []  # done elsewhere than the file it names
        else:
            hits = [a for a in anchors.strong if found(a, changed)]
            missing = [] if hits or not anchors.strong else list(anchors.strong)
        if not missing:
            return
        finding = rules.finding(
            "scope.criterion-unaddressed", subject=", ".join(missing[:3]),
            message=f"Ticket {ticket.key} asks: “{criterion.text[:200]}”, but {where} has no "
                    f"{', '.join(missing[:3])}.",
            citations=[Citation(artifact="ticket", locator=criterion.locator),
                       Citation(artifact="diff", locator=where if target is not None else "diff")],
            path=target.path if target is not None else None,
            claim=criterion.text[:160], intent_source=f"ticket {ticket.key}",
            shipped=f"{where}: no {', '.join(missing[:3])}")
        result.findings += [finding] if finding else []

    def _out_of_scope(self, evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
        intent = " ".join([evidence.pull_request.title, evidence.pull_request.body,
                           *(f"{t.title} {t.body}" for t in evidence.tickets)]).lower()
        for change in evidence.diff.files:
            match = OUT_OF_SCOPE_AREAS.match(change.path)
            if match is None or change.generated:
                continue
            words = next((w for prefix, w in AREA_WORDS.items() if change.path.startswith(prefix)), ())
            if any(re.search(rf"\b{re.escape(word)}\b", intent) for word in words) or change.path.lower() in intent:
                continue
            finding = rules.finding(
                "scope.out-of-scope", subject=change.path,
                message=f"{change.path} changes delivery infrastructure that neither the tickets nor the PR "
                        "description mention; split it out or say why it belongs here.",
                citations=[Citation(artifact="diff", locator=change.path),
                           Citation(artifact="ticket", locator=evidence.tickets[0].source if evidence.tickets
                                    else "pull_request#body")],
                path=change.path, claim="changes stay within the ticket",
                intent_source=", ".join(f"ticket {t.key}" for t in evidence.tickets) or "PR description",
                shipped=f"{change.path} changed")
            result.findings += [finding] if finding else []


AGENT = ScopeAgent()
