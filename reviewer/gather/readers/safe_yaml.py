"""YAML from a repository, a PR or an artifact, refused when its aliases or nesting would blow up whoever reads it."""

from __future__ import annotations

import copy
import functools
from typing import Any

import yaml
from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.model.digest import digest

# Nodes an alias may add once expanded (`*a` counts all of `&a`'s subtree), beyond the nodes written down.
# A compose file's `<<: *defaults` adds a few dozen; a "billion laughs" adds hundreds of millions.
MAX_ALIAS_NODES = 100_000
# Mappings and lists inside each other, aliases expanded: readers walk the data recursively.
MAX_DEPTH = 100
_CAP = 10**12  # sizes are clamped here so a bomb's node count stays a small integer


class YamlLimitError(ValueError):
    """The document is refused unread; `reason` is safe to show in the PR next to the file name."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(f"{what}: {reason}")
        self.what = what
        self.reason = reason


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing nesting while it composes (its composer recurses once per level)."""

    def __init__(self, stream: str | bytes, what: str) -> None:
        super().__init__(stream)
        self.what = what
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise YamlLimitError(self.what, f"YAML nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_node(root: yaml.Node, what: str) -> None:
    """Measure the node graph as written (an alias shares its anchor's node) without expanding it."""
    size: dict[int, int] = {}  # id(node) -> nodes once expanded
    depth: dict[int, int] = {}  # id(node) -> levels once expanded
    open_nodes: set[int] = set()  # the current node's ancestors: an alias to one of them never ends
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        children = _children(node)
        if finished:
            open_nodes.discard(key)
            size[key] = min(_CAP, 1 + sum(size[id(child)] for child in children))
            depth[key] = 1 + max((depth[id(child)] for child in children), default=0)
            if depth[key] > MAX_DEPTH:
                raise YamlLimitError(what, f"YAML nested deeper than {MAX_DEPTH} levels once aliases are expanded")
            continue
        if key in size:
            continue
        open_nodes.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in open_nodes:
                raise YamlLimitError(what, "YAML aliases refer back into themselves")
            if id(child) not in size:
                stack.append((child, False))
    if size[id(root)] - len(size) > MAX_ALIAS_NODES:
        raise YamlLimitError(what, f"YAML aliases expand beyond the limit ({MAX_ALIAS_NODES:,} nodes)")


def load_yaml(text: str | bytes, what: str) -> Any:
    """`yaml.safe_load` for untrusted text: YAMLError when it is not YAML, YamlLimitError when it is a bomb."""
    return load_yaml_node(text, what)[0]


def load_yaml_node(text: str | bytes, what: str) -> tuple[Any, yaml.Node | None]:
    """`load_yaml`, and the composed node tree too: its marks give the line of every key and value.

    A document is composed once per content and process (a re-review reads the same configuration
    files again); each caller gets its own copy of the data, since readers may change what they get,
    and shares the node tree, which nobody changes. A refused document is refused again each time."""
    data, node = remembered("yaml-document", digest(text), functools.partial(_load, text, what))
    return copy.deepcopy(data), node


def _load(text: str | bytes, what: str) -> tuple[Any, yaml.Node | None]:
    loader = _Loader(text, what)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        check_node(node, what)
        return loader.construct_document(node), node
    finally:
        loader.dispose()
