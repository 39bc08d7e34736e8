"""What an acceptance criterion asks, when it asks something a program can check.

Three kinds are read here: a record on the registered model version (a tag, a parameter, a
metric), a naming convention over the names a change adds, and tests. A criterion of none of these
kinds is left to the literal anchors the scope agent looks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CODE_SPAN = re.compile(r"`([^`\n]{1,80})`")

# ---- registry records -------------------------------------------------------------------------
REGISTRY_CONTEXT = re.compile(r"(?i)\bregist(?:ered|ry)\b|\bmodel[ -]version\b|\bmlflow\b")
RECORD_WORD = r"\b(?:tag(?:s|ged)?|metrics?|param(?:eter)?s?|record(?:s|ed)?|logs?|logged)\b"
VERSION_RECORD = re.compile(rf"(?i)\bversions?\b.*{RECORD_WORD}|{RECORD_WORD}.*\bversions?\b")
DEPENDENCY = re.compile(r"(?i)\b(?:pin(?:ned)?|requirements?|dependency|dependencies|package|library|upgrade|bump)\b")
RECORD_KIND = re.compile(r"(?i)\b(?P<tag>tag(?:s|ged)?)\b|\b(?P<metric>metrics?)\b|\b(?P<param>param(?:eter)?s?)\b")
BARE_TAG = re.compile(r"(?i)\btag(?:ged)?\s+(?:named\s+|called\s+)?[\"']?(?P<key>[A-Za-z_][\w.\-]{1,60})")
VALUE_BETWEEN = re.compile(r"(?i)\s*(?:(?:is\s+|are\s+)?set\s+to|=|==|:|(?:is\s+)?equal\s+to|with\s+(?:the\s+)?value|"
                           r"of|is|reads?|says?)\s*")
RECORD_KEY = re.compile(r"[A-Za-z_][\w.\-:]{0,60}")
VERSION_NUMBER = re.compile(r"(?i)\b(?:version|v)\s*#?(?P<num>\d{1,5})\b")


@dataclass(frozen=True)
class RecordAsk:
    kind: str  # "tag", "metric", "param" or "any"
    key: str
    value: str | None = None


@dataclass(frozen=True)
class RegistryAsk:
    records: tuple[RecordAsk, ...]
    version: str | None  # a version the criterion names, if any


def registry_ask(text: str) -> RegistryAsk | None:
    """`the new version has tag `validated` recorded`, `logs metric `auc` on the registered version`."""
    if not (REGISTRY_CONTEXT.search(text) or VERSION_RECORD.search(text)) or DEPENDENCY.search(text):
        return None
    records: list[RecordAsk] = []
    previous_end = -1
    for match in CODE_SPAN.finditer(text):
        span = match[1].strip()
        between = text[previous_end: match.start()] if previous_end >= 0 else ""
        previous_end = match.end()
        if records and records[-1].value is None and VALUE_BETWEEN.fullmatch(between):
            records[-1] = RecordAsk(records[-1].kind, records[-1].key, span)  # `key` set to `value`
            continue
        key, _, value = span.partition("=")
        key = key.strip().strip("\"'")
        if not RECORD_KEY.fullmatch(key):
            continue  # a path or a phrase, not a record key
        kinds = [m.lastgroup for m in RECORD_KIND.finditer(text[max(0, match.start() - 40): match.start()])]
        kinds += [m.lastgroup for m in RECORD_KIND.finditer(text[match.end(): match.end() + 12])]
        records.append(RecordAsk((kinds[-1] if kinds else None) or "any", key, value.strip() or None))
    if not records:
        bare = BARE_TAG.search(CODE_SPAN.sub(" ", text))
        if bare and bare["key"].lower() not in {"the", "a", "an", "with", "on", "is", "and", "it", "that"}:
            records.append(RecordAsk("tag", bare["key"]))
    if not records:
        return None
    version = VERSION_NUMBER.search(text)
    return RegistryAsk(tuple(records), version["num"] if version else None)


# ---- naming conventions -----------------------------------------------------------------------
NAMING_WORDS = re.compile(
    r"(?i)\bnamed\b|\bnaming\b|\bnames?\b|\bprefix(?:ed)?\b|\bsuffix(?:ed)?\b|\b(?:start|begin|end)s?\s+with\b|"
    r"\bconvention\b|[a-z]case\b|\bcase\b"
)
CASES: dict[str, str] = {
    r"(?i)\bsnake[_ ]case\b": r"_*[a-z][a-z0-9]*(?:_[a-z0-9]+)*_*",
    r"(?i)\b(?:screaming[_ ]snake[_ ]case|upper[_ ]snake[_ ]case|upper[_ ]case|all[_ ]caps)\b":
        r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*",
    r"(?i)\b(?:pascal[_ ]?case|upper[_ ]?camel[_ ]?case|capwords)\b": r"[A-Z][a-zA-Z0-9]*",
    r"\b(?:camelCase|camel[_ ]case|lower[_ ]?camel[_ ]?case)\b": r"[a-z][a-zA-Z0-9]*",
    r"(?i)\bkebab[_ -]case\b": r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*",
    r"(?i)\blower[_ ]?case\b": r"[a-z0-9_.\-]+",
}
PREFIX_BEFORE = re.compile(
    r"(?i)(?:prefix(?:ed)?(?:\s+with|\s+by)?|start(?:s|ing)?\s+with|begin(?:s|ning)?\s+with)\s*$"
)
SUFFIX_BEFORE = re.compile(r"(?i)(?:suffix(?:ed)?(?:\s+with|\s+by)?|end(?:s|ing)?\s+with)\s*$")
PLACEHOLDER = re.compile(r"<[^<>`]{1,30}>|\{[^{}`]{1,30}\}|\*")
TARGETS: tuple[tuple[str, str], ...] = (
    ("test", r"\btests?\b|\btest functions?\b"),
    ("stage", r"\bstages?\b|\btasks?\b|\bsteps?\b|\bcomponents?\b|\bnodes?\b"),
    ("class", r"\bclass(?:es)?\b"),
    ("column", r"\bcolumns?\b|\bfeatures?\b|\bfields?\b"),
    ("file", r"\bfiles?\b|\bmodules?\b|\bscripts?\b|\bnotebooks?\b"),
    ("key", r"\bkeys?\b|\bparams?\b|\bparameters?\b|\bsettings?\b|\bconfig\b"),
    ("method", r"\bmethods?\b"),
    ("function", r"\bfunctions?\b|\bhelpers?\b|\bfns?\b|\bcallables?\b"),
)


@dataclass(frozen=True)
class Convention:
    pattern: str  # a regular expression a conforming name matches in full
    described: str  # as the criterion writes it: "`compute_<metric>`", "snake_case"
    targets: tuple[str, ...]  # kinds of added names it governs: function, class, column, file, key, test
    literal_spans: tuple[str, ...]  # code spans that state the convention (not names to look for)


def _template(span: str) -> str | None:
    """`compute_<metric>` → `compute_\\w+`: a span with a placeholder is a name template."""
    if not PLACEHOLDER.search(span) or " " in span.strip():
        return None
    span = re.sub(r"\.(?:py|ipynb|ya?ml|json|sql|r|R|sh|toml)$", "", span)  # file names are compared by stem
    parts = PLACEHOLDER.split(span)
    if not any(parts) or not all(re.fullmatch(r"[\w.\-]*", p) for p in parts):
        return None
    return r"[A-Za-z0-9_]+".join(re.escape(p) for p in parts)


def naming_convention(text: str) -> Convention | None:
    """`functions are named `compute_<metric>``, `snake_case`, `prefixed with `feat_``."""
    if not NAMING_WORDS.search(text):
        return None
    spans = CODE_SPAN.findall(text)
    targets = tuple(kind for kind, words in TARGETS if re.search(f"(?i){words}", CODE_SPAN.sub(" ", text)))
    if not targets:
        targets = ("function", "class")
    for span in spans:
        template = _template(span.strip())
        if template:
            return Convention(template, f"`{span}`", targets, (span,))
    plain = CODE_SPAN.sub(lambda m: m[1], text)
    for words, pattern in CASES.items():
        match = re.search(words, plain)
        if match:
            literal = tuple(s for s in spans if re.fullmatch(words, s))
            return Convention(pattern, match[0], targets, literal)
    for span in spans:
        affix = span.strip()
        if not re.fullmatch(r"[\w.\-]{1,30}", affix):
            continue
        at = text.find(f"`{span}`")
        before, after = text[max(0, at - 40): at], text[at + len(span) + 2: at + len(span) + 30]
        if PREFIX_BEFORE.search(before) or re.match(r"(?i)\s*prefix\b", after):
            return Convention(re.escape(affix) + r"\w*", f"prefix `{affix}`", targets, (span,))
        if SUFFIX_BEFORE.search(before) or re.match(r"(?i)\s*suffix\b", after):
            return Convention(r"\w*" + re.escape(affix), f"suffix `{affix}`", targets, (span,))
    return None


# ---- values ---------------------------------------------------------------------------------
SETTING = (r"(?:is\s+|are\s+|be\s+)?"
           r"(?:set|changed|lowered|raised|increased|decreased|reduced|bumped|moved|updated|fixed|pinned)?")
VALUE_AFTER_KEY = re.compile(
    rf"(?i)`(?P<key>[A-Za-z_][\w.\-]{{0,60}})`\s*{SETTING}\s*(?:to|=|==|:|of|at|from\s+\S+\s+to)\s*"
    r"`?(?P<value>-?\d+(?:\.\d+)?)`?(?![\w.\-/]|\.\d)"
)
VALUE_AROUND_KEY = re.compile(
    r"(?i)\b(?:set|change|lower|raise|increase|decrease|reduce|bump|move|update|pin)s?\s+`(?P<key>[A-Za-z_][\w.\-]{0,60})`"
    r"\s+(?:to|=)\s*`?(?P<value>-?\d+(?:\.\d+)?)`?(?![\w.\-/]|\.\d)"
)


def value_asks(text: str) -> list[tuple[str, str]]:
    """`CAP` set to 2.5, `min_auc` = 0.8, lower `Z` to 3.5: (key, number) pairs a criterion fixes."""
    found = [(m["key"], m["value"]) for pattern in (VALUE_AFTER_KEY, VALUE_AROUND_KEY) for m in pattern.finditer(text)]
    return list(dict.fromkeys(found))


# ---- named asks in prose -----------------------------------------------------------------------
ASK_VERB = (r"(?:add(?:ing|ed)?|hav(?:e|ing)|expos(?:e|ing)|support(?:ing)?|introduc(?:e|ing)|includ(?:e|ing)|"
            r"provid(?:e|ing)|accept(?:ing)?|tak(?:e|ing)|allow(?:ing)?|implement(?:ing)?|log(?:ging)?|"
            r"report(?:ing)?|return(?:ing)?|compute|computing|make|making|set(?:ting)?)")
THING = (r"(?:hyper-?)?(?:parameter|param|argument|arg|option|flag|switch|metric|score|column|field|key|setting|"
         r"kwarg|keyword(?:[ -]argument)?|attribute|variable|env(?:ironment)? variable|file|config(?:uration)?|"
         r"endpoint|method|function|class|stage|step|output|input)s?")
FILLER = r"(?:(?:an?|the|new|optional|extra|additional|input|own|separate|dedicated|cli|command[- ]line|\w+-style)\s+)*"
# A code span, or a bare name that can only be code: `--seed`, `k_neighbors`, `maxDepth`.
SPAN = r"(?:`{1,3}(?P<name>[^`\n]{1,80}?)`{1,3}|(?P<bare>(?-i:--?[a-z][\w-]+|[A-Za-z]\w*_\w+|[a-z]+[A-Z]\w*))\b)"
NAMED_ASK = (
    re.compile(rf"(?i)\b{ASK_VERB}\s+{FILLER}{THING}\s+(?:called\s+|named\s+)?{SPAN}"),  # add a parameter `seed`
    re.compile(rf"(?i)\b{ASK_VERB}\s+{FILLER}{SPAN}\s*{THING}\b"),  # have a `random_state` parameter
    re.compile(rf"(?i)\b{ASK_VERB}\s+{FILLER}{SPAN}\s+(?:as\s+an?\s+|as\s+)?{THING}\b"),  # expose `k` as an option
)
ASKED_NAME = re.compile(r"^(?:--?)?\*{0,2}(?P<id>[A-Za-z_][\w.\-]{1,60}?)(?:\s*[=:(].*)?$")


def named_asks(text: str) -> list[str]:
    """The names a prose sentence asks the change to add: `have a `random_state` parameter`, `adding an
    input parameter `k_neighbors='auto'``, `add a `--seed` flag` (the name without its value or dashes).
    A sentence that only mentions a name (`when I call `fit()``) asks for nothing here."""
    names: list[str] = []
    for pattern in NAMED_ASK:
        for match in pattern.finditer(text):
            name = ASKED_NAME.match((match["name"] or match["bare"]).strip())
            if name and len(name["id"]) >= 3:
                names.append(name["id"].rstrip(".-"))
    return list(dict.fromkeys(names))


# ---- tests ------------------------------------------------------------------------------------
TESTS_ASKED = re.compile(
    r"(?i)\b(?:unit|integration|regression|smoke|e2e|end-to-end|property[- ]based)?\s*tests?\b(?!\s*(?:set|split|data|"
    r"rows?|fold|size|auc|score|metrics?|loss|accuracy|period|window|users?|group|cohort|sample|env(?:ironment)?)\b)|"
    r"\btested\b|\btest coverage\b|\bpytest\b|\bcovered by tests\b"
)
NOT_A_TEST_ASK = re.compile(
    r"(?i)\b(?:a/b|ab|t-|chi-squared?|statistical|significance|ks|hypothesis)[ -]?tests?\b|"
    r"\b(?:existing|all|current)\s+tests\s+(?:still\s+)?pass|\btests?\s+(?:still\s+)?pass(?:es|ing)?\b|"
    r"\bci\s+(?:is\s+)?green\b|\bruns?\s+(?:the\s+)?(?:\w+\s+)?tests\b|\btested\s+on\b|"
    r"\bwithout\s+(?:breaking|changing)\s+(?:the\s+)?tests\b|\btest[- ](?:set|split)\b"
)


def asks_for_tests(text: str) -> bool:
    """`Add unit tests for the scorer`, `covered by tests`; not `tests pass`, `A/B test`, `test set`."""
    prose = CODE_SPAN.sub(" ", text)  # a code span names something; `make test` asks for no test
    return bool(TESTS_ASKED.search(prose)) and not NOT_A_TEST_ASK.search(prose)
