"""Model cards: Hugging Face cards (front matter, model-index, prose) and Model Card Toolkit JSON."""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from typing import Any

import yaml
from custody.reviewer.gather.metric_names import parse_count
from custody.reviewer.gather.readers.card_prose import (
    prose_metrics,
    section_models,
    stated_alias,
    stated_base_model,
    stated_stage,
    stated_version,
)
from custody.reviewer.gather.readers.markdown_blocks import parse_blocks
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.gather.snapshot import Snapshot, glob_match, read_text
from custody.reviewer.model.evidence.cards import DatasetClaim, FieldClaim, MetricClaim, ModelCard
from custody.reviewer.model.evidence.common import Skipped, file_locator
from huggingface_hub import ModelCardData

MAX_CARD_BYTES = 512 * 1024
FRONT_MATTER = re.compile(
    r"""(?sx)
    \A---[ \t]*\n        # the opening fence on the first line
    (?P<yaml>.*?\n)        # the YAML block, lazily up to ...
    ---[ \t]*\n?          # ... the first closing fence
    """
)
# Keys only a model card's metadata has: a README whose front matter is only `license:` or a docs-site
# `title:` is no card, and neither is a Hugging Face dataset card (`task_categories`, `size_categories`).
CARD_KEYS = {"model-index", "model_index", "base_model", "library_name", "pipeline_tag", "model_name", "model_type",
             "model_version"}
NUMBER = re.compile(
    r"""(?x)
    ^\s*(?P<num>[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)   # 0.91, 91.3, -2, 1e-06 (YAML 1.1 leaves it a string)
    \s*(?P<pct>%)?\s*$                                 # optionally a percentage
    """
)
HEADING = re.compile(r"(?m)^\#\s+(?P<title>\S.*)$", re.VERBOSE)
OWNER = re.compile(
    r"""(?imx)
    ^\s*(?:[-*]\s*)?(?:\*\*)?(?:owners?|maintainers?|contact)(?:\*\*)?   # "**Owner**", "- Maintainers"
    \s*:\s*(?:\*\*)?\s*(?P<value>.+)$
    """
)
INTENDED = re.compile(r"(?imsx) ^\#+\s*intended\ uses?\b[^\n]*\n+ (?P<text>.+?) (?=\n\#|\Z)")
DATA_SECTION = re.compile(
    r"""(?imsx)
    ^\#+\s*(?P<kind>training|evaluation|eval|test)\ data(?:sets?)?\b[^\n]*\n+   # "## Training data"
    (?P<text>.+?)(?=\n\#|\Z)                                             # up to the next heading
    """
)
SNAPSHOT = re.compile(r"`(?P<name>[\w./:@-]+)`", re.VERBOSE)
DIGEST = re.compile(r"(?ix) \b(?:digest|sha256|md5|sha)\s*[:=]?\s*`?(?P<digest>[0-9a-f]{8,64})`?")
DIGEST_ONLY = re.compile(r"(?ix) ^[0-9a-f]{8,64}$")
ROWS = re.compile(
    r"""(?ix)
    (?P<count>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*(?:[kmb]|thousand|million|billion)?)  # 1,934,210 / 1.9M
    \s+(?:rows|records|examples|samples|images|utterances|transactions|documents)\b
    """
)


def parse_number(value: Any) -> tuple[float, int | None, str] | None:
    """A metric value as the card writes it: number, decimals written, and the text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        text = repr(value) if isinstance(value, float) else str(value)
        if not math.isfinite(value):
            return None
        return float(value), _decimals(Decimal(text)), text
    if isinstance(value, str):
        match = NUMBER.match(value)
        if match is None:
            return None
        number = Decimal(match["num"])
        if not number.is_finite():
            return None
        if match["pct"]:  # Decimal, so 91.3% is exactly 0.913 and not 0.9129999999999999
            return float(number / 100), _decimals(number) + 2, value.strip()
        return float(number), _decimals(number), value.strip()
    return None


def _decimals(number: Decimal) -> int:
    """Digits written after the point: 0.913 has 3, 1e-06 has 6, 12 and 1e3 have 0."""
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _line_of(lines: list[str], needle: str, start: int = 0) -> int | None:
    for index in range(start, len(lines)):
        if needle in lines[index]:
            return index + 1
    return None


def _hub_metadata(raw: dict[str, Any]) -> dict[str, Any]:
    """The card metadata as huggingface_hub reads it (license, base_model, datasets, ...).

    model-index is left out: the hub drops all of it when one result is malformed, so it is read here.
    """
    fields = {k: v for k, v in raw.items() if k not in ("model-index", "model_index") and isinstance(k, str)}
    try:
        data = ModelCardData(ignore_metadata_errors=True, **fields).to_dict()  # type: ignore[no-untyped-call]
    except (ValueError, TypeError, KeyError):
        return {}
    return data if isinstance(data, dict) else {}


def read_hf_card(path: str, text: str) -> tuple[ModelCard, list[Skipped]]:
    problems: list[Skipped] = []
    card = ModelCard(path=path, format="huggingface")
    lines = text.splitlines()
    match = FRONT_MATTER.match(text)
    meta: dict[str, Any] = {}
    body = text
    raw: dict[str, Any] = {}
    if match:
        body = text[match.end():]
        try:
            loaded = load_yaml(match["yaml"], f"{path} front matter")
            raw = loaded if isinstance(loaded, dict) else {}
        except YamlLimitError as exc:
            problems.append(Skipped(what=exc.what, why=f"{exc.reason}; prose read"))
        except (yaml.YAMLError, RecursionError) as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(Skipped(what=f"{path} front matter",
                                    why=f"not valid YAML{f' at line {mark.line + 2}' if mark else ''}; prose read"))
    if raw:
        meta = _hub_metadata(raw) or dict(raw)
        # The hub drops model-index entirely when one result is malformed: read it from the raw YAML.
        for key in ("model-index", "model_index"):
            if key in raw:
                meta[key] = raw[key]
    card.text = body
    body_offset = len(lines) - len(body.splitlines())
    index = meta.get("model-index", meta.get("model_index"))
    source = "model-index" if "model-index" in meta else "model_index"
    cursor = 0
    if isinstance(index, list):
        for entry_no, entry in enumerate(index):
            if not isinstance(entry, dict):
                problems.append(Skipped(what=f"{path} {source}[{entry_no}]", why="not a mapping"))
                continue
            if entry.get("name") and card.model_name is None:
                card.model_name = FieldClaim(value=str(entry["name"]),
                                             locator=file_locator(path, _line_of(lines, str(entry["name"]))))
            for result_no, result in enumerate(entry.get("results") or []):
                try:
                    dataset = result.get("dataset") or {}
                    metrics = result["metrics"]
                    if not isinstance(metrics, list):
                        raise TypeError("metrics is not a list")
                except (AttributeError, KeyError, TypeError) as exc:
                    # One malformed result must not lose the others.
                    problems.append(Skipped(what=f"{path} {source}[{entry_no}].results[{result_no}]",
                                            why=f"malformed ({type(exc).__name__}); the other results were read"))
                    continue
                if isinstance(dataset, dict) and (dataset.get("type") or dataset.get("name")):
                    name = str(dataset.get("type") or dataset.get("name"))
                    card.datasets.append(DatasetClaim(name=name, role="eval",
                                                      locator=file_locator(path, _line_of(lines, name))))
                for metric in metrics:
                    if not isinstance(metric, dict):
                        continue
                    parsed = parse_number(metric.get("value"))
                    label = str(metric.get("name") or metric.get("type") or "")
                    if parsed is None or not label:
                        problems.append(Skipped(what=f"{path} metric {label or '?'}",
                                                why="its value is not a number"))
                        continue
                    value, decimals, written = parsed
                    line = _line_of(lines, f"value: {written}", cursor) or _line_of(lines, written, cursor)
                    cursor = line or cursor
                    card.metrics.append(MetricClaim(
                        name=label, value=value, text=written, decimals=decimals,
                        dataset=str(dataset.get("name") or dataset.get("type") or "") or None
                        if isinstance(dataset, dict) else None,
                        split=dataset.get("split") if isinstance(dataset, dict) else None,
                        source=source, locator=file_locator(path, line), alias_of=str(metric.get("type") or "")))
    elif index is not None:
        problems.append(Skipped(what=f"{path} {source}", why="not a list; metrics were read from the prose"))
    for name in meta.get("datasets") or [] if isinstance(meta.get("datasets"), list) else []:
        card.datasets.append(DatasetClaim(name=str(name), role="train",
                                          locator=file_locator(path, _line_of(lines, str(name)))))
    license_value = meta.get("license_name") if meta.get("license") == "other" else meta.get("license")
    if license_value:
        card.license = FieldClaim(value=str(license_value), locator=file_locator(path, _line_of(lines, "license")))
    if meta.get("base_model"):
        base = meta["base_model"][0] if isinstance(meta["base_model"], list) else meta["base_model"]
        card.base_model = FieldClaim(value=str(base), locator=file_locator(path, _line_of(lines, "base_model")))
    for key in ("model_version", "registered_version", "version"):
        written = str(meta.get(key, raw.get(key, ""))).strip().lstrip("vV")
        if written.isdigit():
            card.version = FieldClaim(value=written, locator=file_locator(path, _line_of(lines, f"{key}:")))
            break
    _from_prose(card, path, lines, body, body_offset)
    card.placeholders, share = placeholder_share(body)
    card.unfilled = card.placeholders > 0 and share >= 0.5
    if card.version is None and card.model_name is not None:
        # A model-index name may carry the version: "churn-gbm v8".
        named = stated_version(card.model_name.value)
        if named is not None:
            card.version = FieldClaim(value=named[0], locator=card.model_name.locator)
    return card, problems


def _from_prose(card: ModelCard, path: str, lines: list[str], body: str, offset: int) -> None:
    if card.model_name is None:
        heading = HEADING.search(body)
        if heading:
            card.model_name = FieldClaim(value=heading["title"].strip(" `"),
                                         locator=file_locator(path, _line_of(lines, heading.group(0))))
    sections = section_models(body)
    version = stated_version(body)
    if version is not None and card.version is None:
        card.version = FieldClaim(value=version[0], locator=file_locator(path, offset + version[1]),
                                  section_model=sections.get(version[1]))
    stage = stated_stage(body)
    if stage is not None:
        card.stage = FieldClaim(value=stage[0], locator=file_locator(path, offset + stage[1]),
                                section_model=sections.get(stage[1]))
    alias = stated_alias(body)
    if alias is not None:
        card.alias = FieldClaim(value=alias[0], locator=file_locator(path, offset + alias[1]),
                                section_model=sections.get(alias[1]))
    known = {m.name.lower() for m in card.metrics}
    for claim in prose_metrics(body):
        if claim.name.lower() not in known:
            claim.section_model = sections.get(int(claim.locator))
            claim.locator = file_locator(path, offset + int(claim.locator))
            card.metrics.append(claim)
    owner = OWNER.search(body)
    if owner:
        line = _line_of(lines, owner.group(0).strip())
        card.owners.append(FieldClaim(value=owner["value"].strip(), locator=file_locator(path, line)))
    base = stated_base_model(body) if card.base_model is None else None
    if base is not None:
        card.base_model = FieldClaim(value=base[0], locator=file_locator(path, offset + base[1]),
                                     section_model=sections.get(base[1]))
    intended = INTENDED.search(body)
    if intended:
        card.intended_use = FieldClaim(value=intended["text"].strip()[:500], locator=path)
    for section in DATA_SECTION.finditer(body):
        role = "train" if section["kind"].lower() == "training" else "eval"
        _section_datasets(card, path, lines, section["text"], role)


def _section_datasets(card: ModelCard, path: str, lines: list[str], text: str, role: str) -> None:
    """Snapshot names in a data section, with the digest and row count stated on the same line."""
    known = {(d.name, d.role) for d in card.datasets}
    found: list[DatasetClaim] = []
    for line in text.splitlines():
        for snap in SNAPSHOT.finditer(line):
            name = snap["name"]
            # A path or a URI is where data lives, not a snapshot name; digests are not names either.
            if "/" in name or DIGEST_ONLY.match(name) or not ("_" in name or any(ch.isdigit() for ch in name)):
                continue
            if (name, role) in known:
                continue
            digest = DIGEST.search(line)
            rows = ROWS.search(line)
            count = parse_count(rows["count"]) if rows else None
            found.append(DatasetClaim(name=name, role=role, digest=digest["digest"] if digest else None,
                                      rows=int(count[0]) if count else None,
                                      rows_text=rows["count"].strip() if rows else None,
                                      locator=file_locator(path, _line_of(lines, snap.group(0)))))
            known.add((name, role))
    if len(found) == 1 and found[0].digest is None:
        # One snapshot in the section: a digest stated elsewhere in it is that snapshot's.
        digest = DIGEST.search(text)
        found[0].digest = digest["digest"] if digest else None
    if len(found) == 1 and found[0].rows is None:
        rows = ROWS.search(text)
        count = parse_count(rows["count"]) if rows else None
        if rows and count:
            found[0].rows, found[0].rows_text = int(count[0]), rows["count"].strip()
    card.datasets.extend(found)


def read_toolkit_card(path: str, text: str) -> tuple[ModelCard, list[Skipped]]:
    """Model Card Toolkit JSON: model_details, model_parameters.data and performance_metrics."""
    data = json.loads(text)
    if not isinstance(data, dict):
        return ModelCard(path=path, format="model_card_toolkit"), [Skipped(what=path, why="not a JSON object")]
    card = ModelCard(path=path, format="model_card_toolkit")
    problems: list[Skipped] = []
    details = _mapping(data.get("model_details"))
    if details.get("name"):
        card.model_name = FieldClaim(value=str(details["name"]), locator=f"{path}#/model_details/name")
    version = str(_mapping(details.get("version")).get("name") or "").strip().lstrip("vV")
    # Toolkit versions are free text ("v1.0"); only a whole number can name a registered version.
    if version.isdigit():
        card.version = FieldClaim(value=version, locator=f"{path}#/model_details/version/name")
    for index, owner in enumerate(_list(details.get("owners"))):
        if isinstance(owner, dict) and owner.get("name"):
            card.owners.append(FieldClaim(value=str(owner["name"]), locator=f"{path}#/model_details/owners/{index}"))
    licenses = _list(details.get("licenses"))
    if licenses and isinstance(licenses[0], dict) and licenses[0].get("identifier"):
        card.license = FieldClaim(value=str(licenses[0]["identifier"]), locator=f"{path}#/model_details/licenses/0")
    for index, item in enumerate(_list(_mapping(data.get("model_parameters")).get("data"))):
        if isinstance(item, dict) and item.get("name"):
            name = str(item["name"])
            role = "train" if "train" in name.lower() else "eval" if "eval" in name.lower() else None
            card.datasets.append(DatasetClaim(name=name, role=role,
                                              locator=f"{path}#/model_parameters/data/{index}/name"))
    uses = _list(_mapping(data.get("considerations")).get("use_cases"))
    if uses and isinstance(uses[0], dict) and uses[0].get("description"):
        card.intended_use = FieldClaim(value=str(uses[0]["description"])[:500],
                                       locator=f"{path}#/considerations/use_cases/0")
    perf = _list(_mapping(data.get("quantitative_analysis")).get("performance_metrics"))
    for index, metric in enumerate(perf):
        parsed = parse_number(metric.get("value")) if isinstance(metric, dict) else None
        if parsed is None or not isinstance(metric, dict) or not metric.get("type"):
            problems.append(Skipped(what=f"{path}#/quantitative_analysis/performance_metrics/{index}",
                                    why="no metric type or no numeric value; the other metrics were read"))
            continue
        card.metrics.append(MetricClaim(name=str(metric["type"]), value=parsed[0], text=parsed[2], decimals=parsed[1],
                                        dataset=metric.get("slice") or None, source="toolkit",
                                        locator=f"{path}#/quantitative_analysis/performance_metrics/{index}"))
    return card, problems


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# Where a card lives: model_card.md, MODEL-CARD.md, ModelCard.md, modelcard.md (any case, any folder); a README
# is a card only with card metadata or a card's sections; Model Card Toolkit writes JSON with "card" in the name.
CARD_FILE = re.compile(r"(?i)(?:^|/)model[-_ ]?card\.(?:md|markdown)$")
README_FILE = re.compile(r"(?i)(?:^|/)readme\.(?:md|markdown)$")
TOOLKIT_FILE = re.compile(r"(?i)(?:^|/)[^/]*card[^/]*\.json$")
# Cards found by name here describe someone else's model, or none: fixtures, vendored code, templates.
NOT_OURS = re.compile(
    r"(?i)(?:^|/)(?:tests?|testdata|fixtures|node_modules|\.venv|venv|site-packages|vendor|third_party|templates?)/")
MAX_CANDIDATES = 200
# The sections a model card has (Mitchell et al. 2019; the Hugging Face template): a README with three of them,
# one saying what the model is, is for, or cannot do, is the model's card.
SECTION_KINDS = {
    "model": re.compile(r"(?i)\bmodel\b.*\b(?:details?|description|overview|summary|architecture|type|card|info"
                        r"(?:rmation)?|versions?)\b|^model$"),
    "uses": re.compile(r"(?i)\b(?:intended|out[- ]of[- ]scope|direct|downstream)\b.*\buses?\b|^uses$|use[- ]cases?"),
    "limits": re.compile(r"(?i)limitations?|\bbias(?:es)?\b|\brisks?\b|ethic|caveats?"),
    "training": re.compile(r"(?i)\btraining\b|fine[- ]?tun"),
    "evaluation": re.compile(r"(?i)evaluation|\bresults?\b|\bmetrics?\b|performance|benchmarks?"),
}
IDENTITY_KINDS = {"model", "uses", "limits"}
MARKDOWN_HEADING = re.compile(r"^\#{1,4}[ \t]+(?P<title>\S.*)$")
# A template left unfilled: the Hugging Face template's marker, Jinja fields, bracketed instructions.
PLACEHOLDER = re.compile(
    r"""(?ix)
    \[more\ information\ needed\] | \{\{[^}\n]*\}\} | \[(?:optional|todo|tbd)\b[^\]\n]*\]
    | <!--\s*(?:todo|fill|provide)\b | \bTODO:?\s*$
    """
)


def card_sections(text: str) -> set[str]:
    """Which kinds of model-card section the Markdown's headings (outside code blocks) have."""
    found: set[str] = set()
    fenced = parse_blocks(text).fenced_lines()
    for number, line in enumerate(text.splitlines(), start=1):
        heading = None if number in fenced else MARKDOWN_HEADING.match(line)
        if heading is None:
            continue
        title = heading["title"].strip(" #*_`:")
        found |= {kind for kind, pattern in SECTION_KINDS.items() if pattern.search(title)}
    return found


def placeholder_share(body: str) -> tuple[int, float]:
    """How many placeholders the body has, and the share of its content lines that are placeholders."""
    lines = [line for line in body.splitlines()
             if line.strip() and not line.lstrip().startswith(("#", "<!--", "-->", "|-", "---"))]
    marked = [line for line in lines if PLACEHOLDER.search(line)]
    count = sum(len(PLACEHOLDER.findall(line)) for line in marked)
    return count, (len(marked) / len(lines)) if lines else 0.0


def is_card(path: str, text: str) -> bool:
    """A file named as a card always is one; a README only with card metadata or a card's sections.

    Raises YamlLimitError when the front matter is refused unread: whether it is a card cannot be told.
    """
    if CARD_FILE.search(path) or path.lower().endswith(".json"):
        return True
    match = FRONT_MATTER.match(text)
    if match:
        try:
            meta = load_yaml(match["yaml"], path)
        except (yaml.YAMLError, RecursionError):
            meta = None
        if isinstance(meta, dict) and CARD_KEYS & set(meta):
            return True
    sections = card_sections(text)
    return len(sections) >= 3 and bool(sections & IDENTITY_KINDS)


def card_candidates(paths: list[str], patterns: list[str]) -> list[str]:
    """Configured card paths (case ignored), and every file a card may be by its name."""
    lowered = [p.lower() for p in patterns]
    exact = {p for p in lowered if "*" not in p and "?" not in p}
    # A path named exactly is the repository's word; one a wildcard finds in fixtures or templates is not.
    configured = [p for p in paths if p.lower() in exact or (
        any(glob_match(p.lower(), pattern) for pattern in lowered) and not NOT_OURS.search(p))]
    named = [p for p in paths if (CARD_FILE.search(p) or README_FILE.search(p) or TOOLKIT_FILE.search(p))
             and not NOT_OURS.search(p)]
    # The shallowest first: a repository's own card sits near its root.
    ordered = sorted(dict.fromkeys(configured + named), key=lambda p: (p not in configured, p.count("/"), p))
    return ordered[:MAX_CANDIDATES]


def read_model_cards(snapshot: Snapshot, patterns: list[str]) -> tuple[list[ModelCard], list[Skipped]]:
    cards: list[ModelCard] = []
    problems: list[Skipped] = []
    for path in sorted(card_candidates(snapshot.paths(), patterns)):
        if path.endswith(".json") and "card" not in path.lower():
            continue
        text = read_text(snapshot, path, limit=MAX_CARD_BYTES)
        if text is None:
            if snapshot.read_bytes(path) is not None:
                problems.append(Skipped(what=path, why="too large or not UTF-8 text"))
            continue
        try:
            if not is_card(path, text):
                continue
        except YamlLimitError as exc:
            problems.append(Skipped(what=path, why=f"front matter refused: {exc.reason}"))
            continue
        try:
            card, found = read_toolkit_card(path, text) if path.endswith(".json") else read_hf_card(path, text)
        except (ValueError, TypeError, AttributeError, RecursionError) as exc:
            problems.append(Skipped(what=path, why=f"unreadable model card ({type(exc).__name__})"))
            continue
        cards.append(card)
        problems.extend(found)
    _attach_eval_results(snapshot, cards, problems)
    return cards, problems


EVAL_RESULTS = re.compile(r"(?i)(?:^|/)\.eval_results/[^/]+\.ya?ml$")


def _attach_eval_results(snapshot: Snapshot, cards: list[ModelCard], problems: list[Skipped]) -> None:
    """Hugging Face `.eval_results/*.yaml` (a list of {dataset: {id, task_id}, value}) belong to the card
    beside the folder: their results are that card's metric claims."""
    for path in [p for p in snapshot.paths() if EVAL_RESULTS.search(p)][:MAX_CANDIDATES]:
        folder = path.rsplit(".eval_results/", 1)[0]
        owner = next((c for c in cards if c.path.rsplit("/", 1)[0] + "/" == folder or
                      ("/" not in c.path and folder == "")), None)
        text = read_text(snapshot, path, limit=MAX_CARD_BYTES)
        if owner is None or text is None:
            continue
        try:
            entries = load_yaml(text, path)
        except (YamlLimitError, yaml.YAMLError, RecursionError) as exc:
            problems.append(Skipped(what=path, why=f"not readable ({type(exc).__name__}); the card's other "
                                                   "claims were read"))
            continue
        lines = text.splitlines()
        for index, entry in enumerate(entries if isinstance(entries, list) else [entries]):
            dataset = _mapping(_mapping(entry).get("dataset"))
            parsed = parse_number(_mapping(entry).get("value"))
            name = str(dataset.get("task_id") or dataset.get("id") or path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
            if parsed is None:
                problems.append(Skipped(what=f"{path}[{index}]", why="no numeric value; the other results were read"))
                continue
            value, decimals, written = parsed
            owner.metrics.append(MetricClaim(
                name=name, value=value, text=written, decimals=decimals, dataset=str(dataset.get("id") or "") or None,
                split=str(dataset.get("split") or "") or None, source="eval_results",
                locator=file_locator(path, _line_of(lines, f"value: {written}") or _line_of(lines, written))))
