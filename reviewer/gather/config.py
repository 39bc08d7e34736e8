"""The repository configuration, `.github/custody.yml`, read from the base branch.

One validation, used by `custody rules lint` and by every review alike: a broken part is dropped
alone (an override, a key, one list item) and said with its line; everything valid is kept."""

from __future__ import annotations

import copy
import difflib
import types
import typing
from dataclasses import dataclass, field
from typing import Any

import yaml
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml_node
from custody.reviewer.model.config import CONFIG_PATH, MAX_CONFIG_BYTES, RepoConfig
from custody.reviewer.model.evidence.common import Degraded
from pydantic import BaseModel, ValidationError

Loc = tuple[str | int, ...]
MAX_PASSES = 25
# Where a problem below this path drops the whole entry: one override is one unit.
UNITS: tuple[Loc, ...] = (("rules", "overrides"), ("promotion", "guardrails"))


def yaml_error_line(exc: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML error points at, when it says."""
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


def yaml_error_text(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """The line, and "line L, column C: problem" in words, of a YAML syntax error."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "not valid YAML"
    if mark is None:
        return None, f"not valid YAML: {problem}"
    return mark.line + 1, f"not valid YAML at line {mark.line + 1}, column {mark.column + 1}: {problem}"


class ConfigError(ValueError):
    """The configuration could not be used; the message is safe to show in the PR."""


@dataclass(frozen=True)
class ConfigIssue:
    """One problem in a configuration file, where it is, and what the review did about it."""

    path: str
    message: str
    loc: Loc = ()
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"

    @property
    def dotted(self) -> str:
        return ".".join(str(p) for p in self.loc)

    def degraded(self) -> Degraded:
        what = f"`{self.dotted}`" if self.loc else self.path
        return Degraded(what=what, why=self.message, where=f"{self.path}:{self.line}" if self.line else self.path)


@dataclass
class LoadedConfig:
    config: RepoConfig
    issues: list[ConfigIssue] = field(default_factory=list)
    root: yaml.Node | None = None
    path: str = CONFIG_PATH

    def line_of(self, loc: Loc) -> int | None:
        return line_of(self.root, loc)

    def issue(self, loc: Loc, message: str) -> ConfigIssue:
        return ConfigIssue(self.path, message, loc, self.line_of(loc))


def line_of(root: yaml.Node | None, loc: Loc) -> int | None:
    """The 1-based line of the deepest YAML node on a key path (a key's own line for a mapping key)."""
    if root is None:
        return None
    node: yaml.Node = root
    line = node.start_mark.line + 1
    for key in loc:
        match: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == str(key):
                    match, line = v, k.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            match = node.value[key]
            line = match.start_mark.line + 1
        if match is None:
            break
        node = match
    return line


def did_you_mean(word: str, known: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at `loc` (through optionals, lists and dicts)."""
    current: Any = model
    for key in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(key))
            if info is None:
                return None
            current = info.annotation
            continue
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if origin is dict and len(args) == 2:
            current = args[1]
        elif origin is list and args:
            current = args[0]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return options[0] if len(options) == 1 else annotation
    return annotation


def describe(error: Any, model: type[BaseModel]) -> str:
    """A pydantic error in the words of someone who wrote the YAML."""
    loc: Loc = tuple(error["loc"])
    dotted = ".".join(str(p) for p in loc)
    if error["type"] == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        known = parent.model_fields if parent is not None else {}
        where = ".".join(map(str, loc[:-1])) or "the top level"
        return f"unknown key `{loc[-1]}` in {where}{did_you_mean(str(loc[-1]), known)}"
    got = error.get("input")
    shown = f" (got {got!r})" if isinstance(got, str | int | float | bool) else ""
    return f"{dotted}: {error['msg']}{shown}"


def unit_of(loc: Loc, data: Any) -> Loc:
    """What to drop for an error at `loc`: a whole override or guardrail, else the deepest key that exists."""
    for prefix in UNITS:
        if loc[: len(prefix)] == prefix and len(loc) > len(prefix):
            return loc[: len(prefix) + 1]
    existing: list[str | int] = []
    node = data
    for key in loc:
        in_list = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        if (isinstance(node, dict) and key in node) or in_list:
            node = node[key]
        else:
            break
        existing.append(key)
    return tuple(existing)


def _drop(data: Any, loc: Loc) -> bool:
    if not loc:
        return False
    node = data
    for key in loc[:-1]:
        node = node[key]
    last = loc[-1]
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
        del node[last]
        return True
    return False


def validate_config(data: Any, root: yaml.Node | None = None, path: str = CONFIG_PATH) -> LoadedConfig:
    """Keep every valid part: each invalid one is dropped alone and becomes one issue."""
    loaded = LoadedConfig(RepoConfig(), root=root, path=path)
    if data is None:
        return loaded
    if not isinstance(data, dict):
        loaded.issues.append(loaded.issue((), "must be a mapping of keys (tickets, promotion, paths, rules, "
                                              "on_error); the built-in defaults were used"))
        return loaded
    data = copy.deepcopy(data)
    known = RepoConfig.model_fields
    for key in [k for k in data if k not in known]:
        why = f"unknown key `{key}`{did_you_mean(str(key), known)}; it was ignored"
        loaded.issues.append(loaded.issue((key,), why))
        del data[key]
    for _ in range(MAX_PASSES):
        try:
            loaded.config = RepoConfig.model_validate(data)
            return loaded
        except ValidationError as exc:
            drops: dict[Loc, list[str]] = {}
            for error in exc.errors():
                loc: Loc = tuple(error["loc"])
                drops.setdefault(unit_of(loc, data), []).append(describe(error, RepoConfig))
            # Deepest and last first, so dropping one list item does not shift the next one's index.
            for unit in sorted(drops, key=lambda u: (len(u), [str(p).zfill(6) for p in u]), reverse=True):
                where = ".".join(map(str, unit)) or "the file"
                for message in drops[unit]:
                    loaded.issues.append(loaded.issue(unit or tuple(exc.errors()[0]["loc"]),
                                                      f"{message}; {where} was ignored"))
                if not _drop(data, unit):
                    data = {}
    loaded.issues.append(loaded.issue((), "too many problems; the built-in defaults were used"))
    return loaded


def load_config(text: str | bytes | None, path: str = CONFIG_PATH) -> LoadedConfig:
    """Parse custody.yml without ever raising: what cannot be used is an issue, the rest is kept."""
    if text is None:
        return LoadedConfig(RepoConfig(), path=path)
    if len(text) > MAX_CONFIG_BYTES:
        return LoadedConfig(RepoConfig(), [ConfigIssue(path, f"larger than {MAX_CONFIG_BYTES // 1024} KiB; "
                                                             "the built-in defaults were used")], path=path)
    try:
        data, root = load_yaml_node(text, path)
    except YamlLimitError as exc:
        return LoadedConfig(RepoConfig(), [ConfigIssue(path, f"{exc.reason}; the built-in defaults were used")],
                            path=path)
    except yaml.YAMLError as exc:
        line, message = yaml_error_text(exc)
        return LoadedConfig(RepoConfig(), [ConfigIssue(path, f"{message}; the built-in defaults were used",
                                                       line=line)], path=path)
    return validate_config(data, root, path)


def parse_repo_config(text: str | bytes | None) -> RepoConfig:
    """Parse custody.yml strictly; raise ConfigError with a user-facing reason when any part is unusable."""
    loaded = load_config(text)
    if loaded.issues:
        raise ConfigError("; ".join(str(i) for i in loaded.issues[:5]))
    return loaded.config
