"""Parameters a design doc fixes: parameter tables, YAML blocks of the config it plans, `key: value`
bullets and prose ("confidence threshold `conf_thresh` = 0.5")."""

from __future__ import annotations

import re

import yaml
from custody.reviewer.gather.readers.markdown_blocks import Blocks, Fence, Table
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml

PARAM_HEADERS = {"parameter", "parameters", "param", "params", "key", "setting", "threshold", "hyperparameter",
                 "hyperparameters", "config key", "config", "option", "variable", "knob", "field", "name",
                 "param name", "parameter name"}
GENERIC_HEADERS = {"name", "field", "key", "option", "variable", "setting"}  # params only under a params heading
VALUE_HEADERS = {"value", "values", "default", "default value", "planned", "planned value", "fixed", "fixed value",
                 "setting", "target", "threshold", "=", "design value", "chosen", "choice", "val"}
PARAM_SECTION = re.compile(r"param|config|threshold|hyper|setting|knob|tuning|default", re.IGNORECASE)
KEY = re.compile(r"^[A-Za-z_][\w-]*(?:\.[\w-]+)*$")
SCALAR = re.compile(r"^(?:-?\d+(?:\.\d+)?(?:e-?\d+)?%?|true|false|yes|no|[A-Za-z_][\w.-]{0,40})$", re.IGNORECASE)
NUMBER = r"-?\d+(?:\.\d+)?(?:e-?\d+)?%?"
# `key: 0.3` / `key=0.3` inside one code span
SPAN_ASSIGN = re.compile(r"`(?P<key>[A-Za-z_][\w.-]*)\s*(?::|=)\s*(?P<value>[^`\s]+)`")
# `key` = 0.3, `key`: 0.3, `key` (0.25), `key` of 0.3, `key` set to 0.3, `key` fixed at 0.3, `key` is 0.3
PROSE_ASSIGN = re.compile(
    r"`(?P<key>[A-Za-z_][\w.-]*)`\*{0,2}\s*(?:\((?P<paren>" + NUMBER + r")\)|(?:=|:|==|is set to|set to|is fixed at|"
    r"fixed at|of|is|equals|defaults to|default)\s*`?(?P<value>" + NUMBER + r"|true|false)`?(?!\w|\.\w))",
    re.IGNORECASE)
# An argument list item: "- `m-depth`: maximum depth of the trees; default `10`", "* `--lr` (float, default: 0.001)"
ARG_DEFAULT = re.compile(
    r"^\s*(?:[-*+]|\d+[.)])\s+`-{0,2}(?P<key>[A-Za-z_][\w.-]*)`.{0,200}?\bdefaults?(?:\s+to|\s+is|\s+value)?"
    r"\s*[:=]?\s*`?(?P<value>-?\.\d+|" + NUMBER + r"|true|false)`?(?![\w.])", re.IGNORECASE)
CHANGE_TO = re.compile(r"^\s*(?:→|->|to)\s*`?(" + NUMBER + r")", re.IGNORECASE)

Param = tuple[str, str, int]  # key, value, line


def _strip(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.replace("**", "").replace("__", "")).strip().strip("`").strip().strip("'\"")


def params_from_table(table: Table, section_is_params: bool) -> list[Param]:
    key_col = next((i for i, h in enumerate(table.header) if h in PARAM_HEADERS), None)
    if key_col is None or (table.header[key_col] in GENERIC_HEADERS and not section_is_params):
        return []
    value_col = next((i for i, h in enumerate(table.header) if h in VALUE_HEADERS and i != key_col), None)
    if value_col is None:
        if key_col != 0 or len(table.header) < 2:
            return []
        value_col = 1
    out: list[Param] = []
    for line, cells in table.rows:
        if max(key_col, value_col) >= len(cells):
            continue
        key, value = _strip(cells[key_col]), _strip(cells[value_col])
        if KEY.match(key) and value and SCALAR.match(value):
            out.append((key, value, line))
    return out


def _flatten(data: object, prefix: str, out: dict[str, str]) -> None:
    if isinstance(data, dict):
        for k, v in data.items():
            _flatten(v, f"{prefix}.{k}" if prefix else str(k), out)
    elif isinstance(data, (str, int, float, bool)) and prefix:
        out[prefix] = str(data)


def params_from_yaml(fence: Fence, intro_is_params: bool) -> list[Param]:
    """A YAML block under a parameters/config heading (or one that says it is params.yaml)."""
    if fence.lang not in ("yaml", "yml", "") or not intro_is_params:
        return []
    text = "\n".join(fence.lines)
    try:
        data = load_yaml(text, "design doc YAML block")
    except (yaml.YAMLError, YamlLimitError, ValueError):
        return []
    if not isinstance(data, dict) or "stages" in data:
        return []
    flat: dict[str, str] = {}
    _flatten(data, "", flat)
    out: list[Param] = []
    for key, value in flat.items():
        leaf = key.rsplit(".", 1)[-1]
        line = next((fence.first_line + i for i, ln in enumerate(fence.lines)
                     if re.match(rf"^\s*{re.escape(leaf)}\s*:", ln)), fence.first_line)
        out.append((key, value, line))
    return out


def params_from_text(text: str) -> list[Param]:
    out: list[Param] = []
    for number, line in enumerate(text.splitlines(), start=1):
        item = ARG_DEFAULT.match(line)
        if item:  # a documented argument's default
            out.append((item["key"], item["value"], number))
            continue
        for match in SPAN_ASSIGN.finditer(line):
            value = match["value"].strip("'\",;")
            if SCALAR.match(value):
                out.append((match["key"], value, number))
        for match in PROSE_ASSIGN.finditer(line):
            value = match["paren"] or match["value"]
            later = CHANGE_TO.match(line[match.end():])
            if later:  # "`lr`: 0.01 → 0.001" fixes the new value
                value = later.group(1)
            out.append((match["key"], value, number))
    return out


def argument_default_lines(text: str) -> list[int]:
    """The lines of a documented argument list that give each argument's default."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if ARG_DEFAULT.match(line)]


# `- learning_rate: 0.001`, `- **min_auc** = 0.80`, `max_depth: 6  # why` under a parameters heading
ITEM_ASSIGN = re.compile(r"^(?:\*\*|__)?`?(?P<key>[A-Za-z_][\w-]*(?:\.[\w-]+)*)`?(?:\*\*|__)?\s*(?::|=)\s*"
                         r"(?:\*\*)?`?(?P<value>[^`\s,;*]+)`?(?:\*\*)?(?=$|[\s,;(])")


def params_from_items(blocks: Blocks) -> list[Param]:
    """`key: value` bullets, and `key = value` lines of a plain or TOML/INI block, under a parameters heading."""
    out: list[Param] = []
    for item in blocks.items:
        if PARAM_SECTION.search(item.section.rsplit(" / ", 1)[-1]):
            match = ITEM_ASSIGN.match(item.text)
            if match and SCALAR.match(match["value"]):
                out.append((match["key"], match["value"], item.line))
    for fence in blocks.fences:
        if fence.lang in ("", "toml", "ini", "cfg", "properties", "text", "env", "dotenv") and \
                PARAM_SECTION.search(fence.section.rsplit(" / ", 1)[-1]):
            prefix = ""
            for offset, line in enumerate(fence.lines):
                table = re.match(r"^\s*\[([\w.-]+)\]\s*$", line)
                if table:
                    prefix = table.group(1) + "."
                    continue
                match = ITEM_ASSIGN.match(line.strip())
                if match and "=" in line and SCALAR.match(match["value"].strip("'\"")):
                    out.append((prefix + match["key"], match["value"].strip("'\""), fence.first_line + offset))
    return out


def read_params(blocks: Blocks, text: str) -> list[Param]:
    found: list[Param] = []
    for table in blocks.tables:
        found += params_from_table(table, bool(PARAM_SECTION.search(table.section.rsplit(" / ", 1)[-1])))
    for fence in blocks.fences:
        heading = fence.section.rsplit(" / ", 1)[-1]
        found += params_from_yaml(fence, bool(PARAM_SECTION.search(heading) or "params.y" in heading))
    found += params_from_items(blocks)
    found += params_from_text(text)
    seen: set[str] = set()
    out: list[Param] = []
    for key, value, line in found:
        if key not in seen:
            seen.add(key)
            out.append((key, value, line))
    return out


# "Sample 5% of ...", "subsample 10 %", "hold out 20%", "a 80/20 split" is not read (two numbers)
PROSE_PERCENT = re.compile(r"\b(?P<word>sub-?sampl\w*|sampl\w*|hold(?:s|ing)?[ -]?out|split\w*)\b[^.%\d]{0,30}?"
                           r"(?P<num>\d+(?:\.\d+)?)\s*%", re.IGNORECASE)
STEMS = {"sub": "sampl", "sam": "sampl", "hol": "holdout", "spl": "split"}


def params_from_stage_prose(blocks: Blocks, stage_lines: set[int]) -> list[Param]:
    """A percentage a stage's description fixes: "- **subsample**: Sample 5% of the images"."""
    out: list[Param] = []
    rows = [(i.line, i.text) for i in blocks.items] + [(ln, " ".join(c)) for t in blocks.tables for ln, c in t.rows]
    for line, text in rows:
        if line not in stage_lines:
            continue
        match = PROSE_PERCENT.search(text)
        if match:
            out.append((STEMS[match["word"].lower().replace("-", "")[:3]], match["num"] + "%", line))
    return out
