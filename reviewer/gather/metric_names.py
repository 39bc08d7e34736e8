"""Metric names and numbers compared the way the scenario contract says."""

from __future__ import annotations

import re

from custody.reviewer.gather.normalize import normalize_name

SPLIT_PREFIXES = ("val", "valid", "validation", "test", "eval", "holdout", "oot")
# A card's prose name may stand for a logged key: both sides reduce to the same canonical name.
ALIASES: dict[str, str] = {
    "auc": "auc", "rocauc": "auc", "auroc": "auc", "roc": "auc", "areaunderroc": "auc",
    "f1": "f1", "f1score": "f1", "macrof1": "macrof1", "f1macro": "macrof1", "microf1": "microf1",
    "f1micro": "microf1", "weightedf1": "weightedf1", "f1weighted": "weightedf1",
    "accuracy": "accuracy", "acc": "accuracy", "top1accuracy": "accuracy",
    # top-1 as image classifiers log it (timm `top1`, DeiT/ConvNeXt `acc1`) and write it (`acc@1`, `top-1 acc`)
    "top1": "accuracy", "acc1": "accuracy", "accat1": "accuracy", "top1acc": "accuracy",
    "brier": "brier", "brierscore": "brier", "logloss": "logloss", "crossentropy": "logloss",
    "mape": "mape", "rmse": "rmse", "mae": "mae", "r2": "r2", "r²": "r2", "wer": "wer", "cer": "cer",
    "map": "map", "miou": "miou", "ndcg": "ndcg", "prauc": "prauc", "averageprecision": "prauc",
    "worderrorrate": "wer", "charactererrorrate": "cer", "meanabsolutepercentageerror": "mape",
}
# spaCy logs its scores under short keys (`ents_p`, `dep_uas`); the model cards spaCy generates for
# the Hugging Face Hub name them in words (`NER Precision`, `Unlabeled Attachment Score (UAS)`, the
# parenthesised tag set being dropped by normalisation).
SPACY_SCORES: dict[str, tuple[str, ...]] = {
    "nerprecision": ("entsp", "nerprecision"),
    "nerrecall": ("entsr", "nerrecall"),
    "nerf": ("entsf", "nerfscore", "nerf1", "nerf1score"),
    "tagacc": ("tagacc", "tagaccuracy"),
    "posacc": ("posacc", "posaccuracy"),
    "morphacc": ("morphacc", "morphaccuracy"),
    "lemmaacc": ("lemmaacc", "lemmaaccuracy"),
    "uas": ("depuas", "unlabeledattachmentscore", "uas"),
    "las": ("deplas", "labeledattachmentscore", "las"),
    "sentsp": ("sentsp", "sentencesprecision"),
    "sentsr": ("sentsr", "sentencesrecall"),
    "sentsf": ("sentsf", "sentencesfscore", "sentencesf1"),
}
ALIASES.update({spelling: canon for canon, spellings in SPACY_SCORES.items() for spelling in spellings})
PCT_FPR = re.compile(
    r"""(?ix)
    (?P<kind>precision|recall|tpr)      # what is measured
    [\s_]*(?:at|@)[\s_]*                # "at" / "@" / "_at_"
    (?P<rate>\d+(?:[._]\d+)?)           # the false-positive rate: 1, 0.5, 0_5
    [\s_]*(?:%|pct|percent)[\s_]*fpr    # written as a percentage
    """
)
LOWER_IS_BETTER = re.compile(r"(?ix) (loss|error|mape|rmse|mae|mse|brier|wer|cer|latency|ms$|_ms|drift|gap)")
COUNT = re.compile(
    r"""(?ix)
    ^\s*~?\s*
    (?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)   # 1,934,210 or 1934210 or 1.9
    \s*(?P<unit>[kmb]|thousand|million|billion)?  # 1.9M, 12k, 3 million
    \s*$
    """
)
UNITS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9}


def canonical(name: str) -> str:
    """`val_auc`, `AUC` and `roc_auc` all become `auc`; split prefixes are dropped."""
    special = PCT_FPR.search(name)
    if special:
        rate = re.sub(r"[._]", "", special["rate"])
        return f"{special['kind'].lower()}at{rate}pctfpr"
    key = name.lower().strip().replace("@", "_at_")  # NDCG@10 is logged as ndcg_at_10
    for prefix in SPLIT_PREFIXES:
        for sep in ("_", "-", " ", "/", "."):
            if key.startswith(prefix + sep):
                key = key[len(prefix) + 1:]
                break
    squashed = normalize_name(key, drop_org=False)
    canon: str = ALIASES.get(squashed, squashed)
    return canon


SPLIT_WORDS = re.compile(
    r"""(?ix)
    \b(?:
      (?P<val>val|valid|validation|dev)            # validation
    | (?P<test>test|testing)                       # test
    | (?P<holdout>holdout|hold-out|held-out)       # holdout
    | (?P<oot>oot|out-of-time|out\ of\ time)       # out-of-time
    | (?P<eval>eval|evaluation)                    # a generic evaluation split
    )\b
    """
)


def split_of(text: str | None) -> str | None:
    """The split a key or a phrase names: `val_auc` and "validation set" are val; None when it names none."""
    if not text:
        return None
    match = SPLIT_WORDS.search(text.replace("_", " "))
    return match.lastgroup if match else None


def matches(claimed: float, recorded: float, decimals: int | None) -> bool:
    """Equal once the recorded value is rounded to the precision the card writes."""
    if decimals is None:
        return abs(claimed - recorded) <= 1e-9 + 1e-6 * abs(recorded)
    if round(recorded, decimals) == round(claimed, decimals):
        return True
    tolerance: float = 0.5 * 10.0**-decimals + 1e-12  # half a unit at the written precision
    return abs(claimed - recorded) <= tolerance


def matches_either_scale(claimed: float, recorded: float, decimals: int | None) -> bool:
    """Like `matches`, also when one side is a fraction and the other a percentage (91.3% vs logged 91.3)."""
    if matches(claimed, recorded, decimals):
        return True
    if decimals is None:
        return False
    if abs(recorded) > 1 >= abs(claimed):  # the run logged a percentage, the card a fraction
        return matches(claimed * 100, recorded, max(decimals - 2, 0))
    if abs(claimed) > 1 >= abs(recorded):  # the card wrote "91.3" for a logged 0.913
        return matches(claimed / 100, recorded, decimals + 2)
    return False


def parse_count(text: str) -> tuple[float, float] | None:
    """A row count as written: its value and the size of one unit at its written precision."""
    match = COUNT.match(text)
    if match is None:
        return None
    digits = match["num"].replace(",", "")
    scale = UNITS[match["unit"].lower()] if match["unit"] else 1.0
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return float(digits) * scale, scale * 10.0**-decimals


def count_matches(claimed: str, recorded: int) -> bool:
    """`1.9M` matches 1,934,210 rows; `1,934,210` matches only itself."""
    parsed = parse_count(claimed)
    if parsed is None:
        return True  # an unreadable count claims nothing we can contradict
    value, unit = parsed
    return abs(value - recorded) <= unit / 2 + 1e-9


def digests_match(claimed: str, recorded: str) -> bool:
    """One digest is a prefix of the other, over at least 8 hex digits."""
    a, b = claimed.lower().strip(), recorded.lower().strip()
    if min(len(a), len(b)) < 8:
        return a == b
    return a.startswith(b) or b.startswith(a)


def lower_is_better(name: str) -> bool:
    return bool(LOWER_IS_BETTER.search(name))


def _tokens(name: str) -> list[str]:
    """`val_precisionAt5` is [precision, at, 5]; a split prefix is dropped."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", name.replace("@", " at "))
    tokens = [t for t in re.split(r"[^a-z0-9]+", spaced.lower()) if t]
    return tokens[1:] if len(tokens) > 1 and tokens[0] in SPLIT_PREFIXES else tokens


def top1_accuracy(logged: str) -> bool:
    """A logged key ending in top-1 (`imagenet_zeroshot_top1`, `val_acc1`): top-1 accuracy, a card's "accuracy"."""
    return _tokens(logged)[-2:] in (["top", "1"], ["acc", "1"])


def abbreviates(claimed: str, logged: str) -> bool:
    """A card's short name for a logged key: word by word prefixes (`Prec at 5` for `precision_at_5`,
    `Top1 Acc` for `top1_accuracy`) or an acronym (`MAE` for `mean_absolute_error`)."""
    short, long = _tokens(claimed), _tokens(logged)
    if not short or not long:
        return False
    if len(short) == len(long) and all(
            a == b or (len(a) >= 2 and not a.isdigit() and b.startswith(a)) for a, b in zip(short, long, strict=True)):
        return True
    acronym = "".join(t[0] for t in long if not t.isdigit())
    return len(short) == 1 and len(short[0]) >= 2 and len(long) >= 2 and short[0] == acronym
