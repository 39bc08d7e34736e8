"""Claims a model card states in prose: metrics in sentences and tables, the version, the alias."""

from __future__ import annotations

import re
from decimal import Decimal

from custody.reviewer.evidence.cards import MetricClaim
from custody.reviewer.metrics import split_of

# Spaces are written as `\ ` because PROSE is compiled with re.VERBOSE, which drops bare spaces.
METRIC_NAMES = (r"ROC[-\ ]AUC|PR[-\ ]AUC|AUC|AUROC|macro[-\ ]F1|micro[-\ ]F1|weighted[-\ ]F1|F1(?:[-\ ]score)?|"
                r"(?:top-\d\ |pixel\ |balanced\ )?accuracy|"
                r"precision(?:\ (?:at|@)\ ?[\d.]+%\ FPR)?|recall(?:\ (?:at|@)\ ?[\d.]+%\ FPR|@\d+)?|"
                r"MAPE|sMAPE|RMSE|MAE|R2|R²|Brier(?:\ score)?|log[-\ ]loss|NDCG@\d+|MAP@\d+|HR@\d+|MRR|"
                r"WER|CER|BLEU|ROUGE-L|mIoU|mAP")
PROSE = re.compile(
    rf"""(?ix)
    \b(?P<name>{METRIC_NAMES})\b          # a metric name we know
    (?:\s+\([^)]*\))?                     # an optional parenthesised aside
    \s*(?:of|=|:|is|was|at|reaches|reached)?\s*
    (?P<value>\d+(?:\.\d+)?\s*%?)         # its value
    (?![\d.]*\s*(?:ms|s|GB|MB|rows|images|h)\b)  # not a latency, size or count
    """
)
SPLIT_WINDOW = 60  # characters after a prose value searched for its split
TABLE_ROW = re.compile(r"^\|\s*(?P<name>[^|]+?)\s*\|\s*(?P<value>\d+(?:\.\d+)?\s*%?)\s*\|")
VERSION = re.compile(
    r"""(?ix)
      models:/[\w.-]+/(?P<uri>\d+)\b            # a model URI
    | \bversion\s+(?P<word>\d+)\b               # "version 8"
    | (?<![\w-])v(?P<short>\d+)\b               # "v8"
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
STAGE = re.compile(
    r"""(?ix)
      \bstage\s*[:=]?\s*[`'"*]*(?P<a>production|staging|archived)\b       # "Stage: Production"
    | \b(?:in|to)\s+(?:the\s+)?[`'"*]*(?P<b>production|staging)[`'"*]*\s+stage\b  # "in the Staging stage"
    """
)
ALIAS = re.compile(
    r"(?i)\b(?:alias|serves? as|promoted to)\s+[`'\"]?(?P<alias>champion|challenger|production|staging)\b"
)


def _number(value: str) -> tuple[float, int]:
    raw = value.strip()
    pct = raw.endswith("%")
    digits = raw.rstrip("% ").strip()
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    if pct:  # Decimal, so 8.1% is exactly 0.081
        return float(Decimal(digits) / 100), decimals + 2
    return float(digits), decimals


def prose_metrics(body: str) -> list[MetricClaim]:
    """Metric claims written in sentences or a two-column table; locator holds the line number."""
    claims: list[MetricClaim] = []
    for number, line in enumerate(body.splitlines(), start=1):
        row = TABLE_ROW.match(line)
        if row and re.search(METRIC_NAMES, row["name"], re.IGNORECASE):
            value, decimals = _number(row["value"])
            claims.append(MetricClaim(name=row["name"], value=value, text=row["value"].strip(), decimals=decimals,
                                      source="table", locator=str(number)))
            continue
        if line.lstrip().startswith("|"):
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


def stated_version(body: str) -> tuple[str, int] | None:
    for number, line in enumerate(body.splitlines(), start=1):
        for match in VERSION.finditer(line):
            if NOT_A_VERSION.search(line[: match.start()]):
                continue
            return match["uri"] or match["word"] or match["short"], number
    return None


def stated_alias(body: str) -> tuple[str, int] | None:
    for number, line in enumerate(body.splitlines(), start=1):
        match = ALIAS.search(line)
        if match:
            return match["alias"].lower(), number
    return None


def stated_stage(body: str) -> tuple[str, int] | None:
    """An MLflow 2.x stage the card says its version is in, with its line."""
    for number, line in enumerate(body.splitlines(), start=1):
        match = STAGE.search(line)
        if match:
            return (match["a"] or match["b"]).capitalize(), number
    return None
