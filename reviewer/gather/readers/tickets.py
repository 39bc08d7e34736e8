"""Tickets: find the ones a PR links, as GitHub does, and read GitHub, Jira and Markdown tickets."""

from __future__ import annotations

import json
import re
from typing import Any

from custody.reviewer.gather.readers.adf import adf_to_text
from custody.reviewer.gather.readers.markdown_blocks import parse_blocks
from custody.reviewer.gather.review_input import ArtifactUnavailable
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.tickets import Criterion, Ticket, TicketRef
from pydantic import ValidationError

CLOSING = re.compile(r"(?i)\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b\s*:?\s*$")
# `#17`, `owner/repo#17` and issue URLs, not inside words (`abc#1`) or anchors (`page#3`).
GITHUB_REF = re.compile(
    r"""(?x)
      https?://github\.com/(?P<url_repo>[\w.-]+/[\w.-]+)/(?:issues|pull)/(?P<url_num>\d+)\b
    | (?<![\w/#])(?P<repo>[\w.-]+/[\w.-]+)?\#(?P<num>\d+)\b
    """
)
# Jira keys: a project of two or more letters (digits after), a dash, a number.
JIRA_KEY = re.compile(r"(?<![\w/.-])(?P<key>[A-Z][A-Z]+[A-Z0-9]*-\d+)\b(?!-\d)")
NOT_JIRA = {"UTF", "SHA", "ISO", "RFC", "PEP", "TLS", "SSL", "HTTP", "AES", "RSA", "GPT", "CVE", "COVID",
            "MD", "ECMA", "IEEE", "ANSI", "IPV", "CP", "WIN", "LTS", "FIPS", "CWE", "GHSA", "RC", "PR", "ID"}
BRANCH_NUMBER = re.compile(r"(?:^|/)(?:issue-|gh-|#)?(?P<num>\d+)(?:[-_]|$)|(?:^|/)issue-(?P<tail>\d+)$")
CODE_FENCE = re.compile(r"```.*?```|~~~.*?~~~", re.DOTALL)
CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.DOTALL)

TEMPLATE_HEADING = re.compile(
    r"(?i)reproduc|steps\b|environment|expected|actual|observed|current behaviou?r|traceback|stack ?trace|"
    r"\blogs?\b|additional (?:context|information)|system info|versions?\b|screenshots?|before submitting|"
    r"checklist|prerequisites|pre-?flight|code of conduct|alternatives|related (?:issues|prs?)|motivation"
)
BOLD_LABEL = re.compile(r"^\s{0,3}\*\*[^*]{2,60}\*\*\s*:?\s*$")
# A template's pledge in a checklist: "I have searched the existing issues", "Did you read ...?".
PLEDGE = re.compile(r"(?i)^\W*(?:i have|i've|i am|i'm|i agree|i confirm|i searched|did you|have you|was this|"
                    r"i (?:read|checked|tested))\b|\?\s*$")
CRITERIA_HEADING = re.compile(
    r"(?im)^\s{0,3}(?:#{1,6}\s*|\*\*|__)?\s*(acceptance criteria|definition of done|requirements|"
    r"success criteria|criteria)\b.*$"
)
HEADING = re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s+\S|\*\*[^*]+\*\*\s*:?\s*$)")
LIST_ITEM = re.compile(r"^\s{0,6}(?:[-*+]|\d{1,3}[.)])\s+(?:\[(?P<mark>[ xX])\]\s+)?(?P<text>\S.*)$")
CHECKBOX = re.compile(r"^\s{0,6}[-*+]\s+\[(?P<mark>[ xX])\]\s+(?P<text>\S.*)$")
NUMBERED = re.compile(r"^\s{0,6}\d{1,3}[.)]\s+(?P<text>\S.*)$")
MAX_CRITERIA = 50
MAX_PROSE = 12
# Sections of issue templates that state what is wanted: their sentences are the issue's promises.
PROMISE_HEADING = re.compile(
    r"(?i)expected (?:behaviou?r|results?|outcome)|desired (?:behaviou?r|outcome)|proposed (?:solution|change|api|fix)|"
    r"describe the solution|solution you.?d like|\bsolution\b|\bproposal\b|feature request|\bacceptance\b|"
    r"what (?:should|would) (?:happen|change)|\bgoal\b"
)
# A sentence asking for something: "it would be useful to have", "please add", "should return", "allow X to".
REQUEST = re.compile(
    r"(?i)\bwould (?:be|it be) (?:useful|nice|great|helpful|good|better)\b|\bplease\b|\bshould\b|\bmust\b|"
    r"\b(?:i|we)(?:'d| would) (?:like|love|expect|want)\b|\bwhat do you think about\b|\b(?:could|can) (?:we|you)\b|"
    r"\b(?:it|this) (?:needs|has) to\b|\bneeds? to be\b|^\W*(?:add|allow|expose|support|introduce|implement|"
    r"make|provide|let|enable|log|report|return)\b"
)
SENTENCE_END = re.compile(r"(?<=[\w)`'\"][.!?])\s+(?=\S)")
TITLE_TAG = re.compile(r"(?i)^\s*(?:\[[^\]]{1,30}\]\s*|(?:feature request|feat|enhancement|fr|request)\s*:\s*)+")


def without_fences(body: str) -> list[str]:
    """The body's lines with fenced blocks blanked (a fence opens only at a line's start, so an inline
    ```name``` stays text), keeping line numbers."""
    fenced = parse_blocks(body).fenced_lines()
    return ["" if number in fenced else line for number, line in enumerate(body.splitlines(), start=1)]


def link_tickets(pr: PullRequest, config: RepoConfig) -> list[TicketRef]:
    """Tickets linked from the title, the body and the head branch, de-duplicated, in order."""
    refs: dict[tuple[str, str], TicketRef] = {}
    trackers = set(config.tickets.trackers)
    for where, text in (("title", pr.title), ("body", pr.body), ("branch", pr.head_branch)):
        if not text:
            continue
        plain = CODE.sub(" ", text)
        if "github" in trackers:
            for ref in _github_refs(plain, where, pr.repo):
                if ref.key == str(pr.number):
                    continue  # the PR itself (`#42` in its own branch name or text) is no ticket
                existing = refs.get(("github", ref.key))
                if existing is None or (ref.closing and not existing.closing):
                    refs[("github", ref.key)] = ref
        if "jira" in trackers:
            for match in JIRA_KEY.finditer(plain):
                key = match["key"]
                if key.split("-")[0] not in NOT_JIRA:
                    refs.setdefault(("jira", key), TicketRef(key=key, tracker="jira", found_in=where))
    return list(refs.values())


def _github_refs(text: str, where: str, own_repo: str) -> list[TicketRef]:
    out: list[TicketRef] = []
    if where == "branch":
        match = BRANCH_NUMBER.search(text)
        if match:
            out.append(TicketRef(key=match["num"] or match["tail"], tracker="github", found_in=where))
        return out
    for match in GITHUB_REF.finditer(text):
        repo = match["url_repo"] or match["repo"]
        number = match["url_num"] or match["num"]
        key = number if not repo or repo.lower() == own_repo.lower() else f"{repo}#{number}"
        closing = bool(CLOSING.search(text[: match.start()][-40:]))
        out.append(TicketRef(key=key, tracker="github", found_in=where, closing=closing))
    return out


def _box(mark: str | None) -> bool | None:
    return None if mark is None else mark in "xX"


def extract_criteria(body: str, source: str, *, numbered: bool = True, templates: bool = False) -> list[Criterion]:
    """Acceptance criteria: a criteria section's list items, else checklist items, else numbered items
    (`numbered=False`: not numbered items, which in a PR description are steps, not promises), leaving
    out a ticket template's sections and pledges (`templates=True` keeps them: a PR's checklist claims)."""
    lines = CODE_FENCE.sub(lambda m: "\n" * m[0].count("\n"), body.replace("\r\n", "\n")).splitlines()
    items: list[tuple[str, bool | None]] = []
    section = next((i for i, line in enumerate(lines) if CRITERIA_HEADING.match(line)), None)
    if section is not None:
        for line in lines[section + 1:]:
            if HEADING.match(line) and items:
                break
            match = LIST_ITEM.match(line)
            if match:
                items.append((match["text"], _box(match["mark"])))
    if not items:
        kept = lines if templates else _outside_template_sections(lines)
        items = [(m["text"], _box(m["mark"])) for line in kept
                 if (m := CHECKBOX.match(line)) and (templates or not PLEDGE.search(m["text"]))]
    if not items and numbered:
        kept = lines if templates else _outside_template_sections(lines)
        items = [(m["text"], None) for line in kept if (m := NUMBERED.match(line))]
    return [Criterion(text=text.strip(), locator=f"{source}#criterion-{i + 1}", checked=checked)
            for i, (text, checked) in enumerate(items[:MAX_CRITERIA])]


def prose_criteria(body: str, source: str, title: str = "", first_line: int = 1) -> list[Criterion]:
    """An issue written in prose, with no list of criteria: the sentences under the sections of a
    template that state what is wanted (expected behaviour, proposed solution, acceptance) and, outside
    a template's other sections, the sentences that ask for something (and a title that asks). Each is
    located by its line (`source#L7`, counted from `first_line`, the body's first line in its file) and
    marked as prose: weak evidence, which the scope agent judges only by what it names."""
    lines = without_fences(body)
    found: list[Criterion] = []
    asked = TITLE_TAG.sub("", title).strip()
    if len(asked) >= 12 and REQUEST.search(CODE.sub(" ", asked)):
        found.append(Criterion(text=asked, locator=f"{source}#title", prose=True))
    section: str | None = None  # "promise", "template" (reproduce, environment ...), or None (plain prose)
    for number, line in enumerate(lines, start=first_line):
        heading = HEADING.match(line) or BOLD_LABEL.match(line)
        if heading:
            section = ("promise" if PROMISE_HEADING.search(line)
                       else "template" if TEMPLATE_HEADING.search(line) else None)
            label = re.sub(r"^\s*#+\s*|\*\*", "", line).strip()
            rest = label.split(":", 1)[1].strip() if ":" in label and not BOLD_LABEL.match(line) else ""
            if not rest:
                continue
            line = rest
        if section == "template" or not line.strip() or PLEDGE.search(line.strip()):
            continue
        item = LIST_ITEM.match(line)
        text = item["text"] if item else line.strip()
        for sentence in SENTENCE_END.split(text):
            sentence = sentence.strip()
            if len(sentence) < 12 or (section != "promise" and not REQUEST.search(CODE.sub(" ", sentence))):
                continue
            found.append(Criterion(text=sentence, locator=f"{source}#L{number}", prose=True))
    return found[:MAX_PROSE]


def ticket_criteria(body: str, source: str, title: str = "", first_line: int = 1) -> list[Criterion]:
    """A ticket's criteria: its lists (`extract_criteria`), else the promises its title and prose make."""
    return extract_criteria(body, source) or prose_criteria(body, source, title, first_line)


def _outside_template_sections(lines: list[str]) -> list[str]:
    """Lines not under a bug report's or a template's own headings (steps to reproduce, environment,
    expected behaviour, the pre-submission checklist): their lists are no acceptance criteria."""
    out: list[str] = []
    skipping = False
    for line in lines:
        if HEADING.match(line) or BOLD_LABEL.match(line):
            skipping = bool(TEMPLATE_HEADING.search(line))
            continue
        if not skipping:
            out.append(line)
    return out


def has_criteria_section(body: str) -> bool:
    """The text has an "Acceptance criteria" / "Definition of done" style section."""
    return any(CRITERIA_HEADING.match(line) for line in (body or "").splitlines())


def pull_request_criteria(body: str) -> list[Criterion]:
    """The promises a PR description makes itself: its criteria section or its checklist.

    Read when no linked ticket can be: then the description's own checklist is what was promised."""
    return extract_criteria(body or "", "pull_request#body", numbered=False, templates=True)


def _text(value: Any, field: str, source: str) -> str | None:
    """A field that must be text when present; anything else makes the ticket unreadable, not a crash."""
    if value is None or isinstance(value, str):
        return value
    raise ArtifactUnavailable(f"{source}: {field} is {type(value).__name__}, not text")


def _labels(value: Any, source: str) -> list[str]:
    """Labels as GitHub (objects with a name) or Jira (strings) lists them."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ArtifactUnavailable(f"{source}: labels is {type(value).__name__}, not a list")
    names = [label.get("name") if isinstance(label, dict) else label for label in value]
    return [name for name in (_text(n, "a label", source) for n in names) if name is not None]


def _ticket(source: str, **fields: Any) -> Ticket:
    try:
        return Ticket(source=source, **fields)
    except ValidationError as exc:  # the checks above should leave nothing; a stray type must still not crash
        err = exc.errors()[0]
        raise ArtifactUnavailable(f"{source}: {'.'.join(str(p) for p in err['loc'])}: {err['msg']}") from exc


def parse_github_issue(data: dict[str, Any], source: str) -> Ticket:
    if not isinstance(data, dict) or not isinstance(data.get("number"), int):
        raise ArtifactUnavailable(f"{source} is not a GitHub issue (no number)")
    body = data.get("body") or ""
    if not isinstance(body, str):
        raise ArtifactUnavailable(f"{source}: the issue body is not text")
    title = _text(data.get("title"), "title", source) or ""
    return _ticket(source, key=str(data["number"]), tracker="github", title=title, body=body,
                   url=_text(data.get("html_url"), "html_url", source),
                   state=_text(data.get("state"), "state", source), labels=_labels(data.get("labels"), source),
                   criteria=ticket_criteria(body, source, title))


def parse_jira_issue(data: dict[str, Any], source: str) -> Ticket:
    fields = data.get("fields") if isinstance(data, dict) else None
    if not isinstance(fields, dict) or not isinstance(data.get("key"), str):
        raise ArtifactUnavailable(f"{source} is not a Jira issue (no key and fields)")
    description = fields.get("description")
    body = adf_to_text(description) if isinstance(description, dict) else str(description or "")
    status = fields.get("status")
    state = _text(status.get("name"), "status.name", source) if isinstance(status, dict) else None
    title = _text(fields.get("summary"), "summary", source) or ""
    criteria = extract_criteria(body, source)
    accepted = _jira_acceptance_field(data, fields, bool(criteria))
    if accepted:
        body = f"{body.strip()}\n\n### Acceptance criteria\n{accepted}"
        own = extract_criteria(f"### Acceptance criteria\n{accepted}", f"{source}#acceptance")
        criteria = own + [c for c in criteria if c.text not in {o.text for o in own}]
    criteria = criteria or prose_criteria(body, source, title)
    return _ticket(source, key=data["key"], tracker="jira", title=title,
                   body=body.strip(), url=_text(data.get("self"), "self", source), state=state,
                   labels=_labels(fields.get("labels"), source), criteria=criteria[:MAX_CRITERIA])


def _field_text(value: Any) -> str:
    if isinstance(value, dict) and value.get("type") == "doc":
        return adf_to_text(value).strip()
    return value.strip() if isinstance(value, str) else ""


def _jira_acceptance_field(data: dict[str, Any], fields: dict[str, Any], described: bool) -> str:
    """Acceptance criteria kept in a custom field, as many Jira sites do: the field the response's
    `names` (expand=names) calls "Acceptance criteria" or "Definition of done"; without `names`, the
    only custom field holding a document with a list, when the description has no criteria itself."""
    names = data.get("names")
    if isinstance(names, dict):
        wanted = [fid for fid, name in names.items() if isinstance(name, str)
                  and re.search(r"(?i)acceptance|definition of done|\bdod\b", name)]
        return "\n".join(text for fid in wanted if (text := _field_text(fields.get(fid))))
    if described:
        return ""
    docs = [_field_text(v) for k, v in fields.items() if k.startswith("customfield_")
            and isinstance(v, dict) and v.get("type") == "doc"]
    listed = [d for d in docs if any(LIST_ITEM.match(line) for line in d.splitlines())]
    return listed[0] if len(listed) == 1 else ""


def parse_markdown_ticket(key: str, text: str, source: str) -> Ticket:
    lines = text.replace("\r\n", "\n").splitlines()
    title_index = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    title = lines[title_index][2:].strip() if title_index is not None else key
    rest = lines[title_index + 1:] if title_index is not None else lines
    first_line = len(lines) - len(rest) + 1 + next((i for i, line in enumerate(rest) if line.strip()), 0)
    body = "\n".join(rest).strip()
    tracker = "jira" if JIRA_KEY.fullmatch(key) else "markdown"
    return Ticket(key=key, tracker=tracker, title=title, body=body, source=source, body_line=first_line,
                  criteria=ticket_criteria(body, source, title, first_line))


def read_ticket_file(name: str, data: bytes, ref: TicketRef) -> Ticket:
    """A ticket file of a scenario: GitHub or Jira REST JSON, or Markdown."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArtifactUnavailable(f"{name} is not UTF-8 text") from exc
    if name.endswith(".md"):
        return parse_markdown_ticket(ref.key, text, name)
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ArtifactUnavailable(f"{name} is not valid JSON") from exc
    if isinstance(parsed, dict) and "fields" in parsed:
        return parse_jira_issue(parsed, name)
    return parse_github_issue(parsed, name)
