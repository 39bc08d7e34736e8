"""YAML blocks of a project's docs that reproduce one of its config files, and the keys they write
that the file does not have.

A README shows "the example experiment config" as a fenced YAML block; a reader copies it. Which
file a block reproduces is told by its values, not its prose: the one config file that holds, under
the same keys, at least MIN_SHARED of the block's values and at least SHARE of them, more than any
other file does. A block that matches no file that way (a sketch of a new config, a format
reference) is left alone. Where the file has a value instead of a mapping, the block's keys below
it are not judged.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import Any

import yaml
from custody.reviewer.gather.readers.markdown_blocks import parse_blocks
from custody.reviewer.gather.readers.safe_yaml import load_yaml, load_yaml_node
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.design import DocConfigBlock, DocConfigKey

MIN_SHARED = 4
SHARE = 0.6
NEAR = 0.8  # difflib's ratio from which a key is a slip of the file's ("opimtimizer" for "optimizer": 0.9)
YAML_LANGS = {"yaml", "yml"}
Path = tuple[str, ...]


def _norm(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return str(value).lower()
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list):
        return tuple(_norm(v) for v in value)
    return str(value).strip()


def _leaves(data: dict[str, Any], path: Path = ()) -> dict[Path, Any]:
    """Every value that is not a mapping, by its key path; the top-level `defaults` list left out."""
    out: dict[Path, Any] = {}
    for key, value in data.items():
        if not path and key == "defaults":
            continue
        here = (*path, str(key))
        if isinstance(value, dict):
            out.update(_leaves(value, here))
        else:
            out[here] = _norm(value)
    return out


def _missing(block: yaml.Node, config: Any, first_line: int, path: Path = ()) -> list[DocConfigKey]:
    """The block's keys, walked beside the file's mapping, down to the first one the file lacks."""
    if not isinstance(block, yaml.MappingNode) or not isinstance(config, dict):
        return []
    out: list[DocConfigKey] = []
    written = {str(k.value) for k, _ in block.value}
    for key_node, value_node in block.value:
        key = str(key_node.value)
        if not path and key == "defaults":
            continue
        if key not in {str(k) for k in config}:
            known = sorted(str(k) for k in config if not (not path and k == "defaults"))
            # a key the block writes beside this one is its sibling, not what it is a slip of
            # (`min_epochs` next to `max_epochs`, `eval_batch_size` next to `train_batch_size`)
            near = difflib.get_close_matches(key, [k for k in known if k not in written], n=1, cutoff=NEAR)
            out.append(DocConfigKey(key=".".join((*path, key)), line=first_line + key_node.start_mark.line,
                                    known=known, near=near[0] if near else None))
            continue
        child = next(v for k, v in config.items() if str(k) == key)
        out += _missing(value_node, child, first_line, (*path, key))
    return out


def _parsed(configs: dict[str, str]) -> dict[str, tuple[dict[str, Any], dict[Path, Any]]]:
    out: dict[str, tuple[dict[str, Any], dict[Path, Any]]] = {}
    for path, text in configs.items():
        try:
            data = load_yaml(text, path)
        except Exception:  # a config that is not YAML reproduces nothing
            continue
        if isinstance(data, dict):
            out[path] = (data, _leaves(data))
    return out


def doc_config_blocks(docs: dict[str, str], configs: dict[str, str]) -> list[DocConfigBlock]:
    """The docs' (path -> Markdown) YAML blocks that reproduce one of `configs` (path -> YAML text)."""
    files: dict[str, tuple[dict[str, Any], dict[Path, Any]]] | None = None
    out: list[DocConfigBlock] = []
    for doc, text in docs.items():
        if "```y" not in text and "~~~y" not in text:
            continue
        for fence in parse_blocks(text).fences:
            if fence.lang not in YAML_LANGS:
                continue
            body = "\n".join(fence.lines)
            try:
                data, node = load_yaml_node(body, f"{doc}#L{fence.first_line}")
            except Exception:  # prose in a yaml fence, a template with placeholders
                continue
            if not isinstance(data, dict) or node is None:
                continue
            leaves = _leaves(data)
            if len(leaves) < MIN_SHARED:
                continue
            files = _parsed(configs) if files is None else files
            scores = sorted(((sum(1 for p, v in leaves.items() if file_leaves.get(p) == v), path)
                             for path, (_, file_leaves) in files.items()), reverse=True)
            if not scores:
                continue
            best, path = scores[0]
            runner_up = scores[1][0] if len(scores) > 1 else 0
            if best < MIN_SHARED or best < SHARE * len(leaves) or best == runner_up:
                continue
            out.append(DocConfigBlock(locator=file_locator(doc, fence.first_line), config=path, shared=best,
                                      missing=_missing(node, files[path][0], fence.first_line)))
    return out


def _has(data: Any, dotted: str) -> bool:
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in {str(k) for k in data}:
            return False
        data = next(v for k, v in data.items() if str(k) == part)
    return True


def mark_new(head: list[DocConfigBlock], base: list[DocConfigBlock], base_configs: dict[str, str],
             added: Collection[str]) -> list[DocConfigBlock]:
    """Marks each key new only when this PR makes it disagree: the PR adds the doc line (`added`: the
    locators of the lines the PR adds, and the paths of the files it adds), or the base judged the same
    doc's copy of the same file and the file had the key. A key the base's copy wrote, the file lacking it,
    is not new; nor is one of a copy the base matched to no file (its values differed): a PR that makes it
    match would otherwise have every older key posted as its own. Also marks each key the base's version
    of the file had (`base_configs`: path -> YAML text)."""
    before = {(b.locator.partition("#")[0], b.config, m.key) for b in base for m in b.missing}
    judged = {(b.locator.partition("#")[0], b.config) for b in base}
    parsed = _parsed({b.config: base_configs[b.config] for b in head if b.missing and b.config in base_configs})
    for block in head:
        doc = block.locator.partition("#")[0]
        for key in block.missing:
            key.new = (doc, block.config, key.key) not in before and (
                (doc, block.config) in judged or doc in added or file_locator(doc, key.line) in added)
            key.was_in_config = block.config in parsed and _has(parsed[block.config][0], key.key)
    return head
