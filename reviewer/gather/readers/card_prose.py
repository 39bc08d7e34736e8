"""Claims a model card states in its body: metrics in sentences and tables, the version, the alias and the stage."""

from __future__ import annotations

import re
from decimal import Decimal

from custody.reviewer.gather.metric_names import split_of
from custody.reviewer.gather.normalize import normalize_name
from custody.reviewer.gather.readers.markdown_blocks import LIST_ITEM, SEPARATOR_CELL, parse_blocks
from custody.reviewer.model.evidence.cards import MetricClaim

# Spaces are written as `\ ` because PROSE is compiled with re.VERBOSE, which drops bare spaces.
METRIC_NAMES = (r"ROC[-\ ]AUC|PR[-\ ]AUC|AUC|AUROC|macro[-\ ]F1|micro[-\ ]F1|weighted[-\ ]F1|F1(?:[-\ ]score)?|"
                r"(?:top-\d\ |pixel\ |balanced\ )?accuracy|"
                r"precision(?:\ (?:at|@)\ ?[\d.]+%\ FPR)?|recall(?:\ (?:at|@)\ ?[\d.]+%\ FPR|@\d+)?|"
                r"MAPE|sMAPE|RMSE|MAE|R2|R²|Brier(?:\ score)?|log[-\ ]loss|NDCG@\d+|MAP@\d+|HR@\d+|MRR|"
                r"WER|CER|BLEU|ROUGE-L|mIoU|mAP")
PROSE_PATTERN = r"""(?ix)
    \b(?P<name>{names})\b                  # a metric name we know
    (?:\s+\([^)]*\))?                     # an optional parenthesised aside
    \s*(?:of|=|:|is|was|at|reaches|reached)?\s*{mark}
    (?P<value>\d+(?:\.\d+)?\s*%?)         # its value
    (?![\d.]*\s*(?:ms|s|GB|MB|rows|images|h)\b)  # not a latency, size or count
    """
PROSE = re.compile(PROSE_PATTERN.format(names=METRIC_NAMES, mark=""))
# In a list of models, one per item, the value is often marked: "accuracy of **78.5**".
MARKED_PROSE = re.compile(PROSE_PATTERN.format(names=METRIC_NAMES, mark=r"[*_`]{0,2}"))
SPLIT_WINDOW = 60  # characters after a prose value searched for its split
GENERIC_COLUMNS = {"", "value", "values", "score", "result", "results", "metric value"}
CELL_NUMBER = re.compile(
    r"""(?x)
    ^\*{0,2}(?P<value>\d+(?:\.\d+)?\s*%?)\*{0,2}   # 0.913, 91.3%, **0.913**
    (?:\s*(?:±|\+/-)\s*[\d.]+%?)?\s*$               # an optional spread: ± 0.004
    """
)
VERSION = re.compile(
    r"""(?ix)
      models:/[\w.-]+/(?P<uri>\d+)\b                          # a model URI
    | \bversion[\s:*#=`'"]*(?P<word>\d+)(?!\.?\d)            # "version 8", "**Version:** `8`"
    | (?<![\w-])v(?P<short>\d+)(?!\.?\d)\b                   # "v8", but not "v1.2" (a release, not a version)
    """
)
# A vN right after these words names a dataset, a benchmark or an architecture, not the model's version.
NOT_A_VERSION = re.compile(
    r"""(?ix)
    \b(set|split|benchmark|dataset|data|corpus|schema|api|contract|golden|eval|holdout|snapshot|suite|
       leaderboard|replay|taxonomy|labels?|ontology|format|protocol|spec|python|        # data and interfaces
       mobilenet|resnet|efficientnet|yolo|bert|roberta|llama|gpt|t5|whisper|xgboost|deberta|vit)   # architectures
    [\s`'"]*$
    """
)
MARKDOWN_HEADING_LINE = re.compile(r"^\#{1,6}[ \t]+(?P<title>\S[^\n]*)$")
# A web address: a "v119" or "version=3" in its path or query is part of the address (a proceedings volume, an
# API path), not the model's version. A models:/ URI is not one of these: it names the version on purpose.
WEB_ADDRESS = re.compile(r"(?i)\b(?:https?|ftp)://[^\s)\]>\"'`]+|\bwww\.[^\s)\]>\"'`]+")
STAGE = re.compile(
    r"""(?ix)
      \bstage\s*[:=]?\s*[`'"*]*(?P<a>production|staging|archived)\b       # "Stage: Production"
    | \b(?:in|to)\s+(?:the\s+)?[`'"*]*(?P<b>production|staging)[`'"*]*\s+stage\b  # "in the Staging stage"
    """
)
ALIAS = re.compile(
    r"""(?ix)
      \b(?:alias|serves?\ as|served\ as|promoted\ to)\s+(?:the\s+)?[`'"*]*   # "serves as `champion`"
      (?P<alias>champion|challenger|production|staging)\b
    | models:/[\w.-]+@(?P<uri>champion|challenger|production|staging)\b       # models:/churn@champion
    """
)


def _number(value: str) -> tuple[float, int]:
    raw = value.strip()
    pct = raw.endswith("%")
    digits = raw.rstrip("% ").strip()
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    if pct:  # Decimal, so 8.1% is exactly 0.081
        return float(Decimal(digits) / 100), decimals + 2
    return float(digits), decimals


# Under these headings every list item and table row that pairs a name with a number is a metric claim,
# whatever the name ("Exact match: 0.71", "Precision at 5% FPR: 0.71", "AUC (test): 0.93").
METRIC_HEADING = re.compile(r"(?i)\b(?:evaluation|results?|metrics?|performance|benchmarks?|scores?|accuracy)\b")
HEADING_LINE = re.compile(r"^\s{0,3}(?P<level>\#{1,6})\s+(?P<title>.+?)\s*\#*\s*$")
ITEM = re.compile(
    r"""(?x)
    ^\s*(?:[-*+]|\d+[.)])\s+                                   # a list item
    (?P<name>[^:=|\n]{1,80}?)                                   # its name, qualifiers included
    \s*(?:[:=]|\s[-–—]\s)\s*                                    # "name: value", "name = value", "name — value"
    [*_`]*~?\s*(?P<value>[+-]?\d+(?:\.\d+)?\s*%?)[*_`]*           # the number, maybe bold or approximate
    (?P<rest>.*)$
    """
)
NOT_A_SCORE = re.compile(r"(?ix)^\s*(?:ms|s|sec|seconds?|minutes?|hours?|h|days?|gb|mb|kb|tb|rows|images|samples|"
                         r"examples|params|parameters|[kmb]\b|x\b|gpus?|epochs?|steps?|tokens?|/)")
QUALIFIER = re.compile(r"\s*\((?P<q>[^)]{1,40})\)\s*")
LEAD_IN = re.compile(r"(?i)\b(?:results?|metrics?|scores?|performance)\b[^:]{0,60}:\s*$")
# A training log (one row per epoch or step) records the way there, not the model's claimed result.
LOG_COLUMN = re.compile(r"(?i)^(?:epochs?|steps?|iterations?|iter|global[ _]step)$")
ENTITY_COLUMN = re.compile(r"(?i)^(?:models?|variants?|names?|checkpoints?|versions?|datasets?|languages?|lang|"
                           r"tasks?|segments?|slices?|challenges?|systems?|methods?|baselines?)$")


def prose_metrics(body: str) -> list[MetricClaim]:
    """Metric claims written in sentences, in Markdown tables, and in list items under metric headings;
    locator holds the line number. In a card that lists several models one per item, a list item's claims
    carry the model the item opens with."""
    claims: list[MetricClaim] = []
    lines = body.splitlines()
    listed = {n: m for n, line in enumerate(lines, start=1) if (m := _item_model(line)) is not None}
    if len({normalize_name(m, drop_org=False) for m in listed.values()}) < 2:
        listed = {}  # one model's items (or none): not a list of models
    table: list[tuple[int, list[str]]] = []
    in_metrics = False
    for number, line in enumerate([*lines, ""], start=1):
        if line.lstrip().startswith("|"):
            table.append((number, [cell.strip() for cell in line.strip().strip("|").split("|")]))
            continue
        if table:
            claims += _table_metrics(table, loose=in_metrics)
            table = []
        heading = HEADING_LINE.match(line)
        if heading:
            in_metrics = METRIC_HEADING.search(heading["title"]) is not None
            continue
        if LEAD_IN.search(line):  # "It achieves the following results on the evaluation set:"
            in_metrics = True
        item = ITEM.match(line) if in_metrics else None
        if item is not None:
            claim = _item_claim(item, number)
            if claim is not None:
                claims.append(claim)
                continue
        if number in listed:
            claims += _model_item_claims(line, number, listed[number])
            continue
        for match in PROSE.finditer(line):
            value, decimals = _number(match["value"])
            if decimals == 0 and value > 1 and not match["value"].strip().endswith("%"):
                continue  # "F1 3 times" and the like: whole numbers are rarely scores
            # "AUC of 0.913 on the Q3 holdout": the words after the number say which split it is.
            after = line[match.end():match.end() + SPLIT_WINDOW].split(".")[0]
            before = line[:match.start()].split()[-1:]  # "Test AUC 0.89", "holdout accuracy 0.9"
            claims.append(MetricClaim(name=match["name"], value=value, text=match["value"].strip(),
                                      decimals=decimals, source="prose", locator=str(number),
                                      split=split_of(" ".join(before)) or split_of(after)))
    return claims


# Up to two marks that open a list item's text in bold, italics or code: "* **ViT-g/14** on LAION-2B ...".
OPENING_MARKS = re.compile(r"^[*_`]{0,2}(?=\S)")


def _item_text(line: str) -> str | None:
    """A list item's text past its marker and the marks that open it in bold, italics or code."""
    item = LIST_ITEM.match(line)
    text = OPENING_MARKS.sub("", item["text"], count=1) if item else ""
    return text if text[:1].strip() else None


def _item_model(line: str) -> str | None:
    """The model a list item opens with, when it opens with one (a name with a digit: `ViT-g/14`, `gpt2-xl`)."""
    text = _item_text(line)
    if text is None:
        return None
    found = HEADING_MODEL.match(text)
    if found is None:
        return None
    name = found["id"].rstrip(".,:;*_`")
    return name if len(name) >= 3 and not NOT_A_MODEL.match(name) else None


def _model_item_claims(line: str, number: int, model: str) -> list[MetricClaim]:
    """The metrics a list item about one model states, each tied to that model and to the item's words
    (which may tell its registered versions apart: "Full 34B samples seen schedule")."""
    claims: list[MetricClaim] = []
    for match in MARKED_PROSE.finditer(line):
        value, decimals = _number(match["value"])
        if decimals == 0 and value > 1 and not match["value"].strip().endswith("%"):
            continue
        claims.append(MetricClaim(name=match["name"], value=value, text=match["value"].strip(), decimals=decimals,
                                  source="list", locator=str(number), item_model=model,
                                  item=(_item_text(line) or line).strip()))
    return claims


def _item_claim(item: re.Match[str], number: int) -> MetricClaim | None:
    raw = item["value"].strip()
    value, decimals = _number(raw)
    if NOT_A_SCORE.match(item["rest"]) or (decimals == 0 and abs(value) > 1 and not raw.endswith("%")):
        return None  # a latency, a size, a count or a year: not a score
    name = item["name"].strip(" *_`")
    qualifiers = [q["q"] for q in QUALIFIER.finditer(name)]
    bare = QUALIFIER.sub(" ", name).strip(" *_`") or name
    if not re.search(r"[A-Za-z]", bare) or CELL_NUMBER.match(bare):
        return None
    split = split_of(" ".join(qualifiers)) or split_of(bare) or split_of(item["rest"][:SPLIT_WINDOW])
    return MetricClaim(name=bare, value=value, text=raw, decimals=decimals, source="list", locator=str(number),
                       split=split, dataset=qualifiers[0] if qualifiers and not split else None)


def _is_metric(cell: str, loose: bool = False) -> bool:
    if len(cell) > 40:
        return False
    if loose:  # under a metric heading any short label is a metric's name
        return re.search(r"[A-Za-z]", cell) is not None and CELL_NUMBER.match(cell) is None \
            and ENTITY_COLUMN.match(cell.strip(" *_`")) is None
    return re.search(rf"(?i)\b(?:{METRIC_NAMES})(?!\w)", cell) is not None


def _table_metrics(rows: list[tuple[int, list[str]]], loose: bool = False) -> list[MetricClaim]:
    """Metrics as rows (| AUC | 0.913 | 0.905 |) or as columns (| test | 0.913 | 0.071 |) of a table.

    Under a metric heading (`loose`) a row may name any metric, but only where the first column holds
    metric names: a table whose rows are models or datasets compares other things than this version."""
    header = rows[0][1]
    body = [(n, cells) for n, cells in rows[1:] if not all(SEPARATOR_CELL.match(c) for c in cells)]
    if not body:  # a table without header: every row is data
        header, body = [], rows
    if any(LOG_COLUMN.match(cell.strip(" *_`")) for cell in header):
        return []
    loose = loose and not (header and ENTITY_COLUMN.match(header[0].strip(" *_`")))
    claims: list[MetricClaim] = []
    columns = [i for i, cell in enumerate(header) if i > 0 and _is_metric(cell)]
    for number, cells in body:
        if loose and not columns and _is_metric(cells[0], loose=True):
            for column in range(1, len(cells)):
                label = header[column] if column < len(header) else ""
                claims += _cell_claim(cells[0].strip(" *_`"), cells, column, number, label)
            continue
        if columns and not _is_metric(cells[0]):
            # One row per split or dataset, one column per metric.
            for column in columns:
                claims += _cell_claim(header[column], cells, column, number, cells[0])
        elif _is_metric(cells[0]):
            # One row per metric, one column per split (or a single "Value" column).
            for column in range(1, len(cells)):
                label = header[column] if column < len(header) else ""
                claims += _cell_claim(cells[0], cells, column, number, label)
    return claims


def _cell_claim(name: str, cells: list[str], column: int, number: int, label: str) -> list[MetricClaim]:
    cell = CELL_NUMBER.match(cells[column]) if column < len(cells) else None
    if cell is None:
        return []
    value, decimals = _number(cell["value"])
    return [MetricClaim(name=name, value=value, text=cell["value"].strip(), decimals=decimals, source="table",
                        locator=str(number), split=split_of(label),
                        dataset=None if label.lower() in GENERIC_COLUMNS else label)]


# An HTML table's header cell: it names a measured column ("NYU-Depth v2", "classif. V2 (acc)"), a dataset's or a
# benchmark's version, never the card's own.
HTML_HEADER_CELL = re.compile(r"(?is)<th\b[^>]*>.*?(?:</th>|$)")


def _header_spans(lines: list[str], index: int) -> list[tuple[int, int]]:
    """The character spans of the line that are table header cells: HTML `<th>` cells, or the whole line when it
    is a Markdown table's header row (the row right above its |---| separator)."""
    line = lines[index]
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    cells = [cell.strip() for cell in following.strip("|").split("|")]
    if "|" in line and "|" in following and all(SEPARATOR_CELL.match(cell) for cell in cells):
        return [(0, len(line))]
    return [cell.span() for cell in HTML_HEADER_CELL.finditer(line)]


def stated_version(body: str) -> tuple[str, int] | None:
    lines = body.splitlines()
    for index, line in enumerate(lines):
        matches = list(VERSION.finditer(line))
        if not matches:
            continue
        skipped = [address.span() for address in WEB_ADDRESS.finditer(line)] + _header_spans(lines, index)
        for match in matches:
            if NOT_A_VERSION.search(line[: match.start()]):
                continue
            if any(start <= match.start() < end for start, end in skipped):
                continue
            return match["uri"] or match["word"] or match["short"], index + 1
    return None


# A model named in a heading: letters, then a digit, with separators ("ViT-H/14", "RN50x4", "gpt2-xl"); not a
# version ("v8"), a quarter ("Q3") or a metric ("top-1", "F1").
HEADING_MODEL = re.compile(r"(?<![\w/.-])(?P<id>[A-Za-z][A-Za-z+.-]*(?:[-/][A-Za-z+.]*)?\d[\w+./-]*)")
NOT_A_MODEL = re.compile(r"(?i)^(?:v\d+(?:\.\d+)*|q[1-4]|top-?\d+|f\d|r2|step-?\d+|epoch-?\d+|https?.*)$")


def _heading_model(title: str) -> str | None:
    for found in HEADING_MODEL.finditer(title):
        name = found["id"].rstrip(".,:;")
        if len(name) >= 3 and not NOT_A_MODEL.match(name):
            return name
    return None


def section_models(body: str) -> dict[int, str]:
    """In a card that documents several models (headings naming two or more different ones), the model each
    line's nearest heading names, by line number; empty for a single model's card.

    A claim under "#### ViT-H/14 xlm roberta large" in a README that also has "#### ViT-g/14" is about
    ViT-H/14, whatever model the registry holds."""
    lines = body.splitlines()
    fenced = parse_blocks(body).fenced_lines()
    headings: list[tuple[int, str | None]] = []
    for number, line in enumerate(lines, start=1):
        heading = None if number in fenced else MARKDOWN_HEADING_LINE.match(line)
        if heading:
            headings.append((number, _heading_model(heading["title"])))
    named = {normalize_name(model, drop_org=False) for _, model in headings if model}
    if len(named) < 2:
        return {}
    owner: dict[int, str] = {}
    current: str | None = None
    marks = dict(headings)
    for number in range(1, len(lines) + 1):
        if number in marks:
            current = marks[number]
        if current:
            owner[number] = current
    return owner


def stated_alias(body: str) -> tuple[str, int] | None:
    for number, line in enumerate(body.splitlines(), start=1):
        match = ALIAS.search(line)
        if match:
            return (match["alias"] or match["uri"]).lower(), number
    return None


def stated_stage(body: str) -> tuple[str, int] | None:
    """An MLflow 2.x stage the card says its version is in, with its line."""
    for number, line in enumerate(body.splitlines(), start=1):
        match = STAGE.search(line)
        if match:
            return (match["a"] or match["b"]).capitalize(), number
    return None


# "fine-tuned version of [x](url)", "finetuned from x", "derived from x", "based on `x`": the base model.
BASE_MODEL = re.compile(
    r"""(?ix)
    \b(?P<strong>fine[- ]?tuned\ (?:version\ )?(?:of|from)|derived\ from|initiali[sz]ed\ from|distilled\ from|
        trained\ on\ top\ of|built\ on\ top\ of|adapted\ from)
    | \b(?P<weak>based\ on|built\ on|starting\ from)
    """
)
LINK = re.compile(r"\[(?P<text>[^\]\n]{1,80})\]\((?P<url>[^)\s]+)\)")
HUB_URL = re.compile(r"(?i)huggingface\.co/(?!datasets/|spaces/)(?P<id>[\w.-]+/[\w.-]+)")
TICKED = re.compile(r"`(?P<name>[\w./:@-]{2,80})`")
# A bare model name: has a digit or a hyphen, or several capitals (LLaMA, BERT); not a size ("7B") alone.
BARE = re.compile(r"(?x) \b(?P<name>(?=[\w.-]*(?:\d|-|[A-Z][\w.-]*[A-Z]))[A-Za-z][\w.-]*[\w])")
FILLER = re.compile(r"(?i)^(?:a|an|the|our|their|its|\d+(?:\.\d+)?[bmk]|\d+)$")
BASE_WINDOW = 120


def stated_base_model(body: str) -> tuple[str, int] | None:
    """The base model the prose names, with its line: a Hub link wins, then a link's text, then a quoted or
    model-like name. "based on" counts only with a link or a quoted name (it is common in prose)."""
    for number, line in enumerate(body.splitlines(), start=1):
        for trigger in BASE_MODEL.finditer(line):
            window = line[trigger.end():trigger.end() + BASE_WINDOW]
            window = window.split(". ")[0]
            found = _base_candidate(window, weak=trigger["weak"] is not None)
            if found:
                return found, number
    return None


def _base_candidate(window: str, weak: bool) -> str | None:
    for link in LINK.finditer(window):
        hub = HUB_URL.search(link["url"])
        if hub:
            return hub["id"].rstrip(".")
        if not link["text"].rstrip().endswith(("'s", "’s")) and not link["url"].startswith("#"):
            return link["text"].strip(" `*")
    ticked = TICKED.search(window)
    if ticked:
        return ticked["name"]
    if weak:
        return None
    for word in LINK.sub(" ", window).split()[:4]:
        word = word.strip(",;:()*_\"'")
        if FILLER.match(word):
            continue
        bare = BARE.fullmatch(word)
        return bare["name"] if bare else None
    return None
