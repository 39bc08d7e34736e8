"""Trace each changed module and config key to what the tickets ask for (a helper of the scope agent).

A change is traced when the tickets (title, body, criteria) name its file, a word of its path, a
name it defines, a key it sets or the value it sets; a PR description that only discloses a change
does not trace it. Documentation, tests, generated files and package plumbing are not traced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from custody.reviewer.gather.content_cache import remembered, remembered_for_file
from custody.reviewer.gather.readers.code_changes import KeyChange, added_lines, is_config_path, is_test_path
from custody.reviewer.model.evidence.diff import FileChange

DOC_PATH = re.compile(r"(?i)(^|/)(docs?|documentation|site|examples?)/|\.(md|rst|txt|adoc|ipynb)$|(^|/)"
                      r"(changelog|changes|history|license|notice|authors|contributors|codeowners)[^/]*$")
PLUMBING = re.compile(r"(?i)(^|/)(__init__\.py|setup\.py|setup\.cfg|pyproject\.toml|requirements[^/]*\.txt|"
                      r"environment\.ya?ml|conda\.ya?ml|package(-lock)?\.json|[^/]*\.lock|poetry\.lock|"
                      r"\.pre-commit-config\.ya?ml|\.gitignore|\.gitattributes|\.dockerignore|mkdocs\.ya?ml|"
                      r"\.readthedocs\.ya?ml|codecov\.ya?ml|tox\.ini|noxfile\.py|Makefile|MANIFEST\.in)$")
# A release gate, threshold or alert limit, by its name or by the section it sits in. `min_`/`max_` count
# only before a measured quantity: `min_auc` is a gate, `max_depth` and `min_samples_leaf` are not.
MEASURED = (r"auc|roc|f1|precision|recall|accuracy|acc|latency|error|err|drift|psi|kl|score|rmse|mae|mape|mse|"
            r"ks|gini|coverage|lift|rate|fpr|tpr|fnr|ndcg|map|mrr|p50|p90|p95|p99|improvement|gain|brier|wer|cer|"
            r"bleu|rouge|iou|miou|confidence|conf|prob|probability|null|missing|staleness|freshness|volume|rows")
GATE = re.compile(
    rf"(?i)thresh|cut_?off|limit|tolerance|alert|alarm|(^|[_.\-])gates?([_.\-]|$)|guardrail|floor|ceiling|"
    rf"(^|_)sl[oa]s?(_|$)|(^|_)margin|_bound$|^bound_|"
    rf"(^|[_.\-])(min|max|minimum|maximum)[_.\-]?(?:[a-z0-9]+_)?({MEASURED})(?![a-z])|"
    rf"^(min|max)({MEASURED})"
)
GENERIC_TOKENS = {"src", "lib", "libs", "util", "utils", "common", "core", "main", "init", "base", "helper",
                  "helpers", "misc", "tools", "tool", "app", "pkg", "scripts", "script", "python", "test", "tests",
                  "index", "module", "modules", "package", "config", "configs", "settings", "data", "model",
                  "models", "file", "files", "new", "old", "temp", "tmp", "default", "defaults"}
CODE_SUFFIXES = (".py", ".js", ".ts", ".go", ".java", ".scala", ".kt", ".rb", ".r", ".R", ".rs", ".jl", ".swift")
MAX_HUNKS, MAX_WALK = 200, 3000  # bounds on the walk up to the enclosing definition
DEFINITION = re.compile(r"^\s*(?:async\s+)?(?:def|class|function|fn)\s+([A-Za-z_]\w*)")
IDENTIFIER = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]{3,})\b")
COMMENT = re.compile(r"^\s*(#|//|--|/\*|\*|\"\"\"|''')")
IMPORT = re.compile(r"^\s*(from\s+\S+\s+import\b|import\s|__all__|\]|\)|[\"'][\w.]+[\"'],?\s*$)")


def _words(text: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return [w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w]


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ers", "er", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass
class Intent:
    text: str
    squashed: str
    words: set[str]
    stems: set[str]
    spaced: str  # lower-case words joined by single spaces, for phrase matches

    @classmethod
    def of(cls, text: str) -> Intent:
        words = _words(text)
        unique = set(words)
        return cls(text, re.sub(r"[^a-z0-9]+", "", text.lower()), unique, {_stem(w) for w in unique},
                   " " + " ".join(words) + " ")

    def names(self, name: str) -> bool:
        """The intent names this identifier or key: as a phrase of its words, or squashed when long."""
        words = _words(name)
        if not words:
            return False
        if f" {' '.join(words)} " in self.spaced:
            return True
        squashed = "".join(words)
        return len(squashed) >= 6 and squashed in self.squashed

    def mentions_word(self, token: str) -> bool:
        """A word of the intent, allowing for inflection: `evaluators` is mentioned by `evaluated`."""
        stem = _stem(token)
        if token in self.words or stem in self.stems:
            return True
        need = max(6, len(stem) - 2)
        return len(stem) >= 6 and any(s[:need] == stem[:need] for s in self.stems | self.words if len(s) >= need)

    def names_part(self, name: str) -> bool:
        """The intent names the identifier, or a run of two or more of its words (`validation step`
        for `validation_step_outputs`)."""
        if self.names(name):
            return True
        words = _words(name)
        for size in range(len(words) - 1, 1, -1):
            for start in range(len(words) - size + 1):
                run = words[start: start + size]
                if len("".join(run)) >= 8 and f" {' '.join(run)} " in self.spaced:
                    return True
        return False


_STOPWORD_TEXT = """
able about above add added adding adds after again against allow allows already also also always
among another any anyone anything are aren because been before being below better between both but
can cannot case cases change changed changes correct correctly could could current currently did
does doing done down during each either else enough ensure ensures even ever every everyone few fix
fixed fixes for from further good had has have having here how however instead into its itself just
least less like made make makes making many may might more most much must need needed needs never
new next none nor not now off once only other otherwise our ours out over own people per person
please properly rather really right same should should since some someone something still such
support supported supports team teams than thanks that the their them then there these they thing
things this those though through too under until update updated updates upon use used user users
uses using very via want wanted wants was way ways well were what when where whether which while who
whom whose why will with within without work working works would would yet you your
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


NEGATIVE = re.compile(r"(?i)\b(?:no|not|nothing|never|none|without|avoid\w*|don't|doesn't|mustn't|cannot|stop\w*)\b")


def content_words(text: str) -> list[str]:
    """The words of a prose criterion that a change addressing it would likely show (none for a
    criterion that forbids something: what must not appear leaves no trace when it is met)."""
    if NEGATIVE.search(text):
        return []
    plain = re.sub(r"`[^`]*`|https?://\S+", " ", text)
    return list(dict.fromkeys(w for w in _words(plain) if len(w) >= 4 and w not in STOPWORDS
                              and w not in GENERIC_TOKENS and not w.isdigit()))


def ignored(change: FileChange) -> bool:
    """Changes a scope trace says nothing about: docs, tests, generated and vendored files, plumbing."""
    return bool(change.generated or change.vendored or change.binary or DOC_PATH.search(change.path)
                or PLUMBING.search(change.path) or is_test_path(change.path))


def cosmetic(change: FileChange) -> bool:
    """Every changed line is blank, a comment or an import: nothing a ticket would ask for."""
    lines = [d.text for h in change.hunks for d in (*h.added, *h.removed)]
    return bool(lines) and all(not t.strip() or COMMENT.match(t) or IMPORT.match(t) for t in lines)


def enclosing(change: FileChange, head_text: str | None) -> frozenset[str]:
    """Names of the functions and classes each hunk sits in (from the head text, by indentation)."""
    if not change.path.endswith(CODE_SUFFIXES):
        return frozenset()
    return remembered_for_file("scope-enclosing", change, head_text, lambda: _enclosing(change, head_text))


def _enclosing(change: FileChange, head_text: str | None) -> frozenset[str]:
    lines = (head_text or "").splitlines()
    names: set[str] = set()
    for hunk in change.hunks[:MAX_HUNKS]:
        start = min([d.number for d in hunk.added] or [hunk.new_start])
        indent = 10**6
        for i in range(min(start, len(lines)) - 1, max(-1, start - 1 - MAX_WALK), -1):
            text = lines[i]
            if not text.strip():
                continue
            level = len(text) - len(text.lstrip())
            if level < indent:
                match = DEFINITION.match(text)
                if match:
                    names.add(match[1])
                indent = level
                if level == 0:
                    break
    return frozenset(names)


def module_traced(change: FileChange, intent: Intent, anchors_found: bool, head_text: str | None) -> bool:
    if anchors_found:
        return True
    name = change.path.rsplit("/", 1)[-1]
    if name.lower() in intent.text.lower() or (change.old_path and change.old_path.rsplit("/", 1)[-1] in intent.text):
        return True
    tokens = [t for t in _words(change.path.rsplit(".", 1)[0]) if len(t) >= 4 and t not in GENERIC_TOKENS]
    if any(intent.mentions_word(t) for t in tokens):
        return True
    return any(intent.names_part(i) for i in changed_identifiers(change) | enclosing(change, head_text))


def changed_identifiers(change: FileChange) -> frozenset[str]:
    """The compound identifiers (`snake_case`, `camelCase`) on the change's added and removed lines."""
    def compute() -> frozenset[str]:
        changed = "\n".join(d.text for h in change.hunks for d in (*h.added, *h.removed))
        return frozenset(i for i in IDENTIFIER.findall(changed) if "_" in i.strip("_") or re.search(r"[a-z][A-Z]", i))

    return remembered("scope-changed-identifiers", change.content_key(), compute)


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
DATE_VALUE = re.compile(r"(?P<year>\d{4})[-/](?P<month>\d{1,2})(?:[-/]\d{1,2})?")


def value_named(value: str, intent: Intent) -> bool:
    """The intent states the value itself: `3.5`, `300`, or a date as `February 2026`."""
    value = value.strip()
    if re.fullmatch(r"-?\d+(?:\.\d+)?%?", value) and len(value) >= 2:
        return bool(re.search(rf"(?<![\w.]){re.escape(value)}(?![\w]|\.\d)", intent.text))
    date = DATE_VALUE.fullmatch(value)
    if date and 1 <= int(date["month"]) <= 12:
        return value in intent.text or (date["year"] in intent.words and MONTHS[int(date["month"]) - 1] in intent.words)
    return False


GATE_TALK = re.compile(r"(?i)\b(?:thresholds?|cut-?offs?|limits?|gates?|tolerances?|alert\w*|alarms?|sensitiv\w*|"
                       r"strict\w*|relax\w*|tighten\w*|loosen\w*|bars?|false (?:positives?|alarms?|negatives?))\b")
GATE_WORDS = {"min", "max", "threshold", "thresh", "limit", "cutoff", "cut", "off", "alert", "gate", "tolerance",
              "floor", "ceiling", "margin", "budget", "upper", "lower", "bound", "value", "level"}


def key_traced(key: KeyChange, intent: Intent) -> bool:
    """The tickets name the key (as a phrase), or its value; or, for a gate, a distinctive word of it
    while they talk about thresholds or alerts (`drift_threshold` under "fewer false drift alarms");
    for any other key, a distinctive word of it."""
    if any(intent.names(part) for part in (key.leaf, key.key)):
        return True
    if value_named(key.new or "", intent):
        return True
    words = [w for w in _words(key.leaf) if len(w) >= 4 and w not in GATE_WORDS and w not in GENERIC_TOKENS]
    mentioned = any(intent.mentions_word(w) for w in words)
    if not is_gate(key):
        return mentioned
    if not GATE_TALK.search(intent.text):
        return False
    # The tickets talk about thresholds or alerts: a gate of the thing they name (by a word of the key,
    # or of the file it sits in) is what they ask to move.
    where = [t for t in _words(key.path.rsplit(".", 1)[0]) if len(t) >= 4 and t not in GENERIC_TOKENS]
    return mentioned or any(intent.mentions_word(t) for t in where)


def describe(key: KeyChange) -> str:
    if key.old is None:
        return f"`{key.key}` set to `{key.new}`"
    if key.new is None:
        return f"`{key.key}` removed (was `{key.old}`)"
    return f"`{key.key}` `{key.old}` → `{key.new}`"


def moved(key: KeyChange, keys: list[KeyChange]) -> bool:
    """A key removed in one place and set to the same value under a like name in another: moved, not
    changed (`ACTIVE_THRESHOLD = 1000` in code becoming `thresholds.active: 1000` in a config)."""
    if (key.old is None) == (key.new is None):
        return False  # a value changed in place is a change
    words = {_stem(w) for w in _words(key.key)}
    if key.new is None:
        return any(k.new == key.old and k.old is None and words & {_stem(w) for w in _words(k.key)} for k in keys)
    return any(k.old == key.new and k.new is None and words & {_stem(w) for w in _words(k.key)} for k in keys)


def is_gate(key: KeyChange) -> bool:
    """A gate by name (or by section), or a fractional literal a comparison tests against."""
    if GATE.search(key.key):
        return True
    return key.compared and any("." in v for v in (key.old, key.new) if v)


def config_keys(change: FileChange, keys: list[KeyChange]) -> list[KeyChange]:
    """The key changes of this file worth tracing: every key of a config file; in Python, module
    constants that look like gates or are written in capitals, set to a scalar, and numbers changed
    in a keyword argument or a comparison; in other code, numbers a comparison tests against."""
    mine = [k for k in keys if k.path == change.path]
    if is_config_path(change.path):
        return mine
    if not change.path.endswith(".py"):
        return [k for k in mine if k.compared]
    scalar = re.compile(r"-?\d[\d_]*(?:\.\d+)?(?:e-?\d+)?|True|False|None|[\"'][^\"']{0,40}[\"']|[\w.\-]{1,40}")
    return [k for k in mine if not k.leaf.startswith("__") and (is_gate(k) or k.leaf.isupper() or k.compared)
            and all(v is None or scalar.fullmatch(v) or not v for v in (k.old, k.new))]


def first_line(change: FileChange) -> int | None:
    added = added_lines(change)
    return min(added) if added else None
