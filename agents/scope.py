"""The scope agent: ticket ↔ diff. Linked tickets, their acceptance criteria, and what the PR changes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from custody.agents.scope_checks import Outcome, check_convention, check_registry, check_tests, check_values
from custody.agents.scope_facts import ChangeFacts, change_facts
from custody.agents.scope_params import named_parameters, unread_asks
from custody.agents.scope_trace import (
    Intent,
    config_keys,
    content_words,
    cosmetic,
    describe,
    enclosing,
    first_line,
    ignored,
    is_gate,
    key_traced,
    module_traced,
    moved,
)
from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.readers.code_changes import KeyChange
from custody.reviewer.gather.readers.criteria import (
    asks_for_tests,
    named_asks,
    naming_convention,
    registry_ask,
    value_asks,
)
from custody.reviewer.gather.readers.tickets import has_criteria_section, pull_request_criteria
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
# A PR template's checklist line: a question or a pledge about the process, not a promise about the change.
TEMPLATE_ITEM = re.compile(
    r"(?i)^\W*(?:did you|have you|was this|were|is this|does this|i have|i've|i agree|i confirm|my code|"
    r"this pr\b|the pr\b|read the|reviewed|linked|self-review|all (?:new and )?existing tests)|\?\s*$"
)
DOCS_ASK = re.compile(r"(?i)\b(?:docs?|documentation|readme|docstrings?|changelog)\b")
# Words that look distinctive but name nothing a diff would show.
GENERIC = {"PR", "OK", "ID", "API", "UI", "CI", "ML", "AI", "README", "NOTE", "MUST", "SHOULD",
           "The", "This", "That", "When", "With", "Also", "Make", "Ensure", "Update", "Report", "Keep",
           # product and library names written in CamelCase: prose, not a name the change must contain
           "PyTorch", "TensorFlow", "GitHub", "GitLab", "JavaScript", "TypeScript", "DataFrame", "DataFrames",
           "HuggingFace", "PySpark", "BigQuery", "SageMaker", "DataBricks", "JupyterLab", "PyPI", "MacOS",
           "GitOps", "DevOps", "MLOps", "LightGBM", "XGBoost", "CatBoost", "FastAPI", "OpenAI", "PowerBI",
           "YouTube", "LinkedIn", "PostgreSQL", "MySQL", "NumPy", "SciPy", "SciKit", "PyTest", "AirFlow",
           "KubeFlow", "MLflow", "VertexAI", "CloudWatch", "DynamoDB", "MongoDB", "RedShift", "SnowFlake"}
# The words the model stage looks for in "not checked" entries it may take over (llm/judge.py).
NEEDS_MODEL = "only a language model could judge it, and none is configured"
NUMERIC = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
MAX_MODULE_FINDINGS = 8  # untraced modules reported one by one; the rest are listed under coverage
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
    strong += QUOTED.findall(rest) + [i for i in IDENTIFIER.findall(FILE_NAME.sub(" ", rest)) if i not in GENERIC]
    strong += DATE.findall(rest)
    terms = [t for t in HYPHENATED.findall(FILE_NAME.sub(" ", rest)) if not DATE.fullmatch(t)]
    terms += [t for t in ACRONYM.findall(rest) if t not in GENERIC]
    terms += [t for t in CAPITALISED.findall(rest) if t not in GENERIC]
    return Anchors(list(dict.fromkeys(files)), list(dict.fromkeys(strong)),
                   [t for t in dict.fromkeys(terms) if not any(t in s for s in strong)])


def squash(text: str) -> str:
    """Compare ignoring case and separators: `per-class` finds `per class` and `per_class`."""
    return re.sub(r"[\s_\-./]+", "", text.lower())


QUALIFIED = re.compile(r"^[A-Za-z_][\w]*(?:(?:\.|::)[A-Za-z_]\w*)+$")
CALL = re.compile(r"^([A-Za-z_][\w.]*)\s*\(.*\)$")


def found(anchor: str, haystack: str) -> bool:
    """The anchor is in the squashed text; a qualified name (`sklearn.metrics.roc_auc_score`) also by its
    last part, and a call (`fit(X, y)`) by its callee, since imports and arguments are written apart."""
    if squash(anchor) in haystack:
        return True
    text = anchor.strip()
    call = CALL.match(text)
    if call:
        return found(call[1], haystack)
    if QUALIFIED.match(text) and not FILE_NAME.fullmatch(text):
        last = re.split(r"\.|::", text)[-1]
        return len(last) >= 4 and squash(last) in haystack
    return False


def squashed_added(change: FileChange) -> str:
    """The change's added lines, squashed; once per content and process."""
    return remembered("scope-squashed-added", change.content_key(), lambda: squash(change.added_text()))


def _ticket_names(ticket: Ticket | None) -> list[str]:
    """Code names a ticket writes anywhere (its title included): a criterion's prose may stand for one,
    as `Sensitivity at Specificity` stands for `SensitivityAtSpecificity`."""
    if ticket is None:
        return []
    return [n for n in anchors_of(f"{ticket.title}\n{ticket.body}").strong if len(squash(n)) >= 6]


@dataclass
class Promise:
    """One criterion and who made it: a ticket, or the PR description when no ticket could be read."""

    criterion: Criterion
    by: str  # "Ticket 17" or "The PR description"
    ticket: Ticket | None = None
    in_section: bool = False  # under an "Acceptance criteria" / "Definition of done" heading

    @property
    def intent_source(self) -> str:
        return f"ticket {self.ticket.key}" if self.ticket else "PR description"


class ScopeAgent:
    name = "scope"

    def review(self, evidence: Evidence, rules: RuleBook) -> AgentResult:
        result = AgentResult(agent=self.name)
        if not evidence.ticket_refs and evidence.config.tickets.required:
            finding = rules.finding(
                "scope.ticket-required", subject="ticket",
                message="This PR links no ticket, and the repository requires one: add `Closes #N` or a "
                        "tracker key to the description.",
                citations=[Citation(artifact="policy", locator=".github/custody.yml#tickets.required"),
                           Citation(artifact="diff", locator="pull_request#body")],
                claim="A ticket is linked", intent_source=".github/custody.yml", shipped="no ticket linked")
            result.findings += [finding] if finding else []
        if not evidence.ticket_refs:
            result.checked.append("scope: no linked ticket")
        self._unreadable(evidence, rules, result)
        promises = [Promise(c, f"Ticket {t.key}", t) for t in evidence.tickets for c in t.criteria]
        if not evidence.tickets:
            own = pull_request_criteria(evidence.pull_request.body)
            section = has_criteria_section(evidence.pull_request.body)
            promises += [Promise(c, "The PR description", in_section=section) for c in own]
            if own:
                result.checked.append(f"scope: no ticket could be read; the PR description's {len(own)} "
                                      "checklist item(s) taken as the promise")
        guard = rules.guard()  # a check that raises costs its own rule; the others still run
        facts = None
        if promises:
            with guard.of("scope.criterion-unaddressed", "scope.criterion-unmentioned"):
                changed_text = self._changed_text(evidence)
                facts = change_facts(evidence)
                vocabulary = self._vocabulary(evidence)
                for promise in promises:
                    self._criterion(evidence, rules, promise, changed_text, facts, vocabulary, result)
        if evidence.ticket_refs:
            with guard.of("scope.out-of-scope"):
                self._out_of_scope(evidence, rules, result)
        if evidence.tickets:
            with guard.of("scope.ticket-parameter-unmentioned"):
                self._unmentioned_parameters(evidence, rules, result)
        if evidence.tickets and evidence.unread_parameters:
            with guard.of("scope.parameter-unread"):
                self._unread_parameters(evidence, rules, result)
        if evidence.tickets:
            with guard.of("scope.gate-out-of-scope", "scope.out-of-scope"):
                self._untraced(evidence, rules, result, facts if facts is not None else change_facts(evidence))
            result.checked.append(f"scope: {len(evidence.tickets)} ticket(s), "
                                  f"{sum(len(t.criteria) for t in evidence.tickets)} criteria")
        guard.report(result)
        return result

    def _unreadable(self, evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
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

    @staticmethod
    def _changed_text(evidence: Evidence) -> str:
        # squash() drops separators, so the squash of the whole is the squashes of the parts joined:
        # each file's part is kept per content, and a push re-squashes only the files it changed.
        parts = [squash(f.path) for f in evidence.diff.files]
        parts += [squashed_added(f) for f in evidence.diff.files]
        # The functions and classes a change edits are addressed by it, even when no added line names them.
        parts += [squash(name) for f in evidence.diff.files
                  for name in sorted(enclosing(f, evidence.head_texts.get(f.path)))]
        return "".join(parts)

    def _unmentioned(self, rules: RuleBook, promise: Promise, words: list[str], result: AgentResult) -> None:
        """A prose criterion none of whose words the change shows anywhere: likely not addressed, but
        words are weak evidence, so the finding stays low."""
        criterion = promise.criterion
        shown = ", ".join(f"“{w}”" for w in words[:4])
        finding = rules.finding(
            "scope.criterion-unmentioned", subject=" ".join(words[:4]),
            message=f"{promise.by} asks: “{criterion.text[:200]}”, but no changed file, name or line mentions "
                    f"{shown}; check that it is addressed.",
            citations=[Citation(artifact="ticket" if promise.ticket else "diff", locator=criterion.locator),
                       Citation(artifact="diff", locator="diff")],
            claim=criterion.text[:160], intent_source=promise.intent_source, shipped="none of its words changed")
        result.findings += [finding] if finding else []

    @staticmethod
    def _vocabulary(evidence: Evidence) -> Intent:
        """Every word the change shows: paths, added and removed lines, the functions it edits."""
        parts: list[str] = []
        for change in evidence.diff.files:
            parts.append(change.path)
            parts += [d.text for h in change.hunks for d in (*h.added, *h.removed)]
            parts += sorted(enclosing(change, evidence.head_texts.get(change.path)))
        return Intent.of("\n".join(parts))

    def _report(self, rules: RuleBook, promise: Promise, outcome: Outcome, result: AgentResult) -> None:
        criterion = promise.criterion
        if outcome.met is None:
            result.skipped.append(Skipped(what=f"criterion {criterion.locator}",
                                          why=f"{outcome.detail}: {NEEDS_MODEL}"))
            return
        if outcome.met:
            result.checked.append(f"criterion {criterion.locator}: met, {outcome.detail}")
            return
        finding = rules.finding(
            "scope.criterion-unaddressed", subject=outcome.subject or criterion.locator,
            message=f"{promise.by} asks: “{criterion.text[:200]}”, but {outcome.detail}.",
            citations=[Citation(artifact="ticket" if promise.ticket else "diff", locator=criterion.locator),
                       *outcome.citations],
            path=outcome.path, line=outcome.line, claim=criterion.text[:160],
            intent_source=promise.intent_source, shipped=outcome.detail[:160])
        result.findings += [finding] if finding else []

    def _criterion(self, evidence: Evidence, rules: RuleBook, promise: Promise, changed: str,
                   facts: ChangeFacts, vocabulary: Intent, result: AgentResult) -> None:
        criterion = promise.criterion
        text = criterion.text
        if criterion.prose:
            self._prose(rules, promise, changed, result)
            return
        if promise.ticket is None and criterion.checked is False and not promise.in_section \
                and not anchors_of(text).strong:
            # An empty box of the author's own checklist outside a criteria section: declared not done.
            result.skipped.append(Skipped(what=f"criterion {criterion.locator}",
                                          why="an unticked item of the PR's checklist, declared not done"))
            return
        if promise.ticket is None and TEMPLATE_ITEM.search(text):
            # A template's question: a ticked "did you write tests?" still claims tests; nothing else is checked.
            if criterion.checked and asks_for_tests(text):
                self._report(rules, promise, check_tests(facts), result)
            else:
                result.skipped.append(Skipped(what=f"criterion {criterion.locator}",
                                              why="a PR template's checklist question, not a promise about the change"))
            return
        ask = registry_ask(text)
        if ask is not None:
            self._report(rules, promise, check_registry(evidence, ask, f"{text} {promise.by}", changed), result)
            return
        convention = naming_convention(text)
        if convention is not None:
            outcome = check_convention(facts, convention)
            self._report(rules, promise, outcome, result)
            if outcome.met is False:
                return
            for span in convention.literal_spans:
                text = text.replace(f"`{span}`", " ")
            text = text.replace(convention.described, " ")
        wrong = check_values(facts, value_asks(text))
        if wrong is not None:
            self._report(rules, promise, wrong, result)
            return
        if asks_for_tests(text):
            outcome = check_tests(facts)
            self._report(rules, promise, outcome, result)
            if outcome.met is False:
                return
        self._anchored(evidence, rules, promise, text, changed, vocabulary, result)

    def _prose(self, rules: RuleBook, promise: Promise, changed: str, result: AgentResult) -> None:
        """A promise read from a ticket's prose. Precision first: it is judged unaddressed only when it
        asks for a named thing (`have a `random_state` parameter`, `add a --dry-run flag`) that no
        changed file, name or line has; otherwise it is only listed as checked or unverifiable."""
        criterion = promise.criterion
        names = named_asks(criterion.text)
        if not names:
            why = f"read from the ticket's prose and names nothing to look for: {NEEDS_MODEL}"
            result.skipped.append(Skipped(what=f"criterion {criterion.locator}", why=why))
            return
        missing = [n for n in names if not found(n, changed)]
        if not missing:
            result.checked.append(f"criterion {criterion.locator}: met, the change has {', '.join(names[:3])}")
            return
        shown = ", ".join(f"`{n}`" for n in missing[:3])
        self._report(rules, promise, Outcome(False, f"no changed file, name or line has {shown}",
                                             subject=", ".join(missing[:3]),
                                             citations=[Citation(artifact="diff", locator="diff")]), result)

    def _anchored(self, evidence: Evidence, rules: RuleBook, promise: Promise, text: str, changed: str,
                  vocabulary: Intent, result: AgentResult) -> None:
        """A criterion that names files, identifiers or quoted strings: met when the change has them."""
        criterion = promise.criterion
        anchors = anchors_of(text)
        if not anchors.strong:
            anchors.strong += [n for n in _ticket_names(promise.ticket) if squash(n) in squash(text)
                               and len(squash(text)) <= len(squash(n)) + 4]
        if REGISTRY_WORDS.search(text) and not anchors.files:
            result.skipped.append(Skipped(what=f"criterion {criterion.locator}",
                                          why=f"about the registry: {NEEDS_MODEL}"))
            return
        if anchors.empty or (not anchors.strong and not anchors.files):
            words = content_words(text)
            if len(words) >= 2 and not any(vocabulary.mentions_word(w) for w in words):
                self._unmentioned(rules, promise, words, result)
                return
            result.skipped.append(Skipped(what=f"criterion {criterion.locator}",
                                          why=f"names nothing concrete: {NEEDS_MODEL}"))
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
            haystack = squash(evidence.head_texts.get(target.path, "") or target.added_text())
            missing = [a for a in anchors.strong + anchors.terms if not found(a, haystack)]
            # A criterion about a file is met when what it asks for is in that file.
        elif anchors.files and not any(found(f, changed) for f in anchors.files):
            missing = [f for f in anchors.files]
            if anchors.strong and any(found(a, changed) for a in anchors.strong):
                missing = []  # done elsewhere than the file it names
        else:
            hits = [a for a in anchors.strong if found(a, changed)]
            missing = [] if hits or not anchors.strong else list(anchors.strong)
        if not missing:
            result.checked.append(f"criterion {criterion.locator}: met, the change has what it names")
            return
        outcome = Outcome(False, f"{where} has no {', '.join(missing[:3])}", subject=", ".join(missing[:3]),
                          citations=[Citation(artifact="diff", locator=where if target is not None else "diff")],
                          path=target.path if target is not None else None)
        self._report(rules, promise, outcome, result)

    def _unmentioned_parameters(self, evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
        """A ticket the PR says it closes states its need in terms of a parameter (`with min_frequency parameter`)
        that neither the change nor its description mentions: nothing shows the need is served."""
        closing = {r.key.split("#")[-1] for r in evidence.ticket_refs if r.closing}
        pr = evidence.pull_request
        said = self._vocabulary(evidence).squashed + re.sub(r"[^a-z0-9]+", "", f"{pr.title} {pr.body}".lower())
        for ticket in evidence.tickets:
            if ticket.key not in closing:
                continue
            for named in named_parameters(ticket):
                if re.sub(r"[^a-z0-9]+", "", named.name.lower()) in said:
                    continue
                _ticket_finding(
                    rules, result, "scope.ticket-parameter-unmentioned", ticket, named.name, named.quote,
                    f"Ticket {ticket.key}, which this PR closes, states its need in terms of the `{named.name}` "
                    f"parameter (“{named.quote}”, {named.locator}), but no changed file, line or test and not the "
                    f"PR description mentions `{named.name}`: check that what ships serves it, and show it with a "
                    "test that passes it.",
                    [Citation(artifact="ticket", locator=named.locator), Citation(artifact="diff", locator="diff")],
                    f"{named.name} not mentioned")

    @staticmethod
    def _unread_parameters(evidence: Evidence, rules: RuleBook, result: AgentResult) -> None:
        """A ticket asks for a result derived from an input; the change adds that input and never reads it."""
        for ticket, ask, items in unread_asks(evidence.tickets, evidence.unread_parameters):
            first, name = items[0], f"`{items[0].parameter}`"
            where = ", ".join(f"`{i.function}` ({i.path}:{i.line})" for i in items[:3])
            reads = "never reads it" if len(items) == 1 else "none of them reads it"
            _ticket_finding(
                rules, result, "scope.parameter-unread", ticket, first.parameter, ask.quote,
                f"Ticket {ticket.key} asks for a result derived from the input: “{ask.quote}” ({ask.locator}). "
                f"The change adds {name} to {where} but {reads}, so what is returned still does not depend on it: "
                f"use {name} where the ticket asks, or say in the ticket why it stays unused.",
                [Citation(artifact="ticket", locator=ask.locator),
                 *(Citation(artifact="diff", locator=f"{i.path}#L{i.line}") for i in items[:3])],
                f"{first.parameter} added and never read", path=first.path, line=first.line)
        result.checked.append(f"scope: {len(evidence.unread_parameters)} parameter(s) the change adds unread, "
                              "against what the tickets ask to derive from")

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

    def _untraced(self, evidence: Evidence, rules: RuleBook, result: AgentResult, facts: ChangeFacts) -> None:
        """Every changed module and config key traced to what the tickets ask; gates weigh most."""
        tickets = evidence.tickets
        intent = Intent.of("\n".join(f"{t.title}\n{t.body}\n" + "\n".join(c.text for c in t.criteria)
                                     for t in tickets))
        source = ", ".join(f"ticket {t.key}" for t in tickets)
        ticket_cite = Citation(artifact="ticket", locator=tickets[0].source)
        anchors = [a for t in tickets for c in t.criteria for a in anchors_of(c.text).strong]
        traced = 0
        modules: list[FileChange] = []
        for change in evidence.diff.files:
            if ignored(change):
                continue
            infra = OUT_OF_SCOPE_AREAS.match(change.path) is not None  # the area check speaks for the rest
            keys = config_keys(change, facts.keys)
            untraced = [k for k in keys if not key_traced(k, intent) and not moved(k, facts.keys)]
            gates = [k for k in untraced if is_gate(k) and change.status != "added"]
            for key in gates:
                was = f"`{key.old}`" if key.old is not None else "unset"
                now = f"`{key.new}`" if key.new is not None else "removed"
                finding = rules.finding(
                    "scope.gate-out-of-scope", subject=key.key,
                    message=f"{change.path}:{key.line} changes the gate `{key.key}` ({was} → {now}), which "
                            f"{source} does not ask for; a release gate or threshold changes only on request, so "
                            "split it out or link the ticket that asks for it.",
                    citations=[Citation(artifact="diff", locator=f"{change.path}#L{key.line}"), ticket_cite],
                    path=change.path, line=key.line if key.new is not None else None,
                    claim="thresholds change only where a ticket asks", intent_source=source,
                    shipped=f"{key.key}: {was} → {now}")
                result.findings += [finding] if finding else []
            # Gates first, then numbers (what changes a trained model), then the rest.
            rest = sorted((k for k in untraced if k not in gates),
                          key=lambda k: (not is_gate(k), not NUMERIC.fullmatch(k.new or k.old or "")))
            if infra:
                continue
            if is_config_path_change(change, keys):
                if not rest:
                    traced += 1
                    continue
                more = f" and {len(rest) - 4} more" if len(rest) > 4 else ""
                shown = ", ".join(describe(k) for k in rest[:4]) + more
                self._out_of_scope_finding(rules, result, change, rest[0].line if rest[0].new is not None else None,
                                           f"{change.path} changes {shown}, which {source} does not ask for",
                                           source, ticket_cite)
                continue
            if gates or cosmetic(change):
                continue
            added = squashed_added(change)
            found_anchor = any(found(a, added) for a in anchors if len(squash(a)) >= 4)
            if module_traced(change, intent, found_anchor, evidence.head_texts.get(change.path)):
                traced += 1
                continue
            modules.append(change)
        for change in modules[:MAX_MODULE_FINDINGS]:
            self._out_of_scope_finding(rules, result, change, first_line(change),
                                       f"{change.path} changes code that {source} does not mention (no file, "
                                       "name or term of it appears in the ticket)", source, ticket_cite)
        if len(modules) > MAX_MODULE_FINDINGS:
            unlisted = [c.path for c in modules[MAX_MODULE_FINDINGS:]]
            result.skipped.append(Skipped(what=f"{len(unlisted)} more untraced file(s)",
                                          why=f"not reported one by one: {', '.join(unlisted[:10])}"))
        result.checked.append(f"scope: {traced} changed file(s) traced to {source}")

    @staticmethod
    def _out_of_scope_finding(rules: RuleBook, result: AgentResult, change: FileChange, line: int | None,
                              what: str, source: str, ticket_cite: Citation) -> None:
        finding = rules.finding(
            "scope.out-of-scope", subject=change.path,
            message=f"{what}; split it out or say in the ticket why it belongs here.",
            citations=[Citation(artifact="diff", locator=f"{change.path}#L{line}" if line else change.path),
                       ticket_cite],
            path=change.path, line=line, claim="changes stay within the ticket", intent_source=source,
            shipped=f"{change.path} changed")
        result.findings += [finding] if finding else []


def _ticket_finding(rules: RuleBook, result: AgentResult, rule: str, ticket: Ticket, subject: str, quote: str,
                    message: str, citations: list[Citation], shipped: str, path: str | None = None,
                    line: int | None = None) -> None:
    """A finding about what one ticket asks, quoting it."""
    finding = rules.finding(rule, subject=subject, message=message, citations=citations, path=path, line=line,
                            claim=quote[:160], intent_source=f"ticket {ticket.key}", shipped=shipped)
    result.findings += [finding] if finding else []


def is_config_path_change(change: FileChange, keys: list[KeyChange]) -> bool:
    """A config file whose changes were read as keys (else it is traced like a module)."""
    return bool(keys) and not change.path.endswith(".py")


AGENT = ScopeAgent()
