"""A ticket that asks for a result derived from an input, against a change that adds the input and ignores it.

Issue: "`get_feature_names_out` ... determines the output feature names from given input feature names".
Change: `def get_feature_names_out(self, input_features=None)`, whose body never reads `input_features`. The
signature now looks like what was asked, and nothing it returns depends on the input. A helper of the scope
agent, not an agent.

Precision first: the ticket must ask for something *derived from* the input (`from`, `using`, `based on`,
`depending on`, `according to`, `determined by` ... followed by the parameter's words or its name), not merely
that the function *accept* it, which an unread parameter does satisfy. A one-word parameter (`data`, `x`) is
matched only by its name in backticks, since its word alone is everywhere in prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from custody.reviewer.gather.readers.tickets import (
    BOLD_LABEL,
    HEADING,
    PROMISE_HEADING,
    TEMPLATE_HEADING,
    without_fences,
)
from custody.reviewer.model.evidence.parameters import UnreadParameter
from custody.reviewer.model.evidence.tickets import Ticket

DERIVE = (r"(?:derived\s+from|determined\s+by|computed\s+from|inferred\s+from|built\s+from|based\s+on|"
          r"depending\s+on|dependent\s+on|according\s+to|in\s+terms\s+of|from|using)")
FILLER = r"(?:(?:the|a|an|its|their|given|provided|passed|supplied|specified|user|user's|caller's)\s+){0,3}"
SNAKE_OR_CODE = r"(?:`(?P<{0}>[A-Za-z_]\w{{3,}})`|\b(?P<{1}>[a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b)"
# `min_frequency parameter`, `the `sigma` argument`, `option drop_invariant`: a parameter the ticket names as such.
NAMED_PARAMETER = re.compile(
    rf"(?i){SNAKE_OR_CODE.format('a', 'b')}\s+(?:parameter|argument|option|kwarg|keyword)s?\b"
    rf"|\b(?:parameter|argument|option|kwarg)s?\s+{SNAKE_OR_CODE.format('c', 'd')}")
CAMEL = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


@dataclass(frozen=True)
class DerivedAsk:
    """Where a ticket asks for a result derived from the parameter: the located line and its words."""

    locator: str
    quote: str


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def _spoken(word: str) -> str:
    """A word in the singular or the plural: `category` or `categories`, `feature` or `features`."""
    return rf"{re.escape(word[:-1])}(?:y|ies)" if word.endswith("y") else rf"{re.escape(word)}(?:s|es)?"


def words_of(parameter: str) -> list[str]:
    """`input_features` -> [input, feature]; `numClasses` -> [num, class]: the words prose would write."""
    return [_singular(w.lower()) for part in parameter.split("_") for w in CAMEL.findall(part) if w]


def derived_pattern(parameter: str) -> re.Pattern[str]:
    """`from (the given) input feature(s)` or ``from `input_features` ``; the words only when there are two or
    more of them."""
    named = rf"`{re.escape(parameter)}`"
    words = words_of(parameter)
    spoken = r"[\s_-]+".join(_spoken(w) for w in words) if len(words) >= 2 else None
    target = f"(?:{named}|{spoken})" if spoken else named
    return re.compile(rf"(?i)\b{DERIVE}\s+{FILLER}{target}(?![\w-])")


def derived_ask(ticket: Ticket, parameter: str) -> DerivedAsk | None:
    """The first line of the ticket (its title first) that asks for something derived from `parameter`."""
    pattern = derived_pattern(parameter)
    if pattern.search(ticket.title):
        return DerivedAsk(f"{ticket.source}#title", ticket.title.strip())
    for number, line in enumerate(ticket.body.splitlines(), start=ticket.body_line):
        match = pattern.search(line)
        if match:
            return DerivedAsk(f"{ticket.source}#L{number}", _sentence(line, match.start(), match.end()))
    return None


def _sentence(line: str, start: int, end: int) -> str:
    """The sentence of `line` around the match, at most about 200 characters."""
    head = line.rfind(". ", 0, start) + 2 if line.rfind(". ", 0, start) >= 0 else 0
    stop = line.find(". ", end)
    text = line[head:stop + 1 if stop >= 0 else len(line)].strip()
    return text if len(text) <= 200 else text[:197] + "..."


def unread_asks(tickets: list[Ticket], unread: list[UnreadParameter]
                ) -> list[tuple[Ticket, DerivedAsk, list[UnreadParameter]]]:
    """For each parameter name the change adds unread, the first ticket that asks for a result derived from it,
    with every function that takes it unread."""
    by_name: dict[str, list[UnreadParameter]] = {}
    for item in unread:
        by_name.setdefault(item.parameter, []).append(item)
    found: list[tuple[Ticket, DerivedAsk, list[UnreadParameter]]] = []
    for name, items in by_name.items():
        for ticket in tickets:
            ask = derived_ask(ticket, name)
            if ask is not None:
                found.append((ticket, ask, items))
                break
    return found


@dataclass(frozen=True)
class NamedParameter:
    """A parameter a ticket's prose names as such, outside code blocks and report-template sections."""

    name: str
    locator: str
    quote: str


def named_parameters(ticket: Ticket) -> list[NamedParameter]:
    """`Usually, I use One-Hot Encoding with min_frequency parameter`: the parameters a ticket states its need
    in, each once, where first named. Steps to reproduce, versions, tracebacks and the like are context, not
    need, and are not read."""
    found: dict[str, NamedParameter] = {}
    section: str | None = None
    for number, line in enumerate(without_fences(ticket.body), start=ticket.body_line):
        if HEADING.match(line) or BOLD_LABEL.match(line):
            section = ("promise" if PROMISE_HEADING.search(line)
                       else "template" if TEMPLATE_HEADING.search(line) else None)
            continue
        if section == "template":
            continue
        for match in NAMED_PARAMETER.finditer(line):
            name = next(g for g in match.groups() if g)
            if name not in found:
                found[name] = NamedParameter(name, f"{ticket.source}#L{number}",
                                             _sentence(line, match.start(), match.end()))
    return list(found.values())
