"""Hydra apps, their configuration composed statically, and the commands docs give for them.

A script decorated with `@hydra.main(config_path=..., config_name=...)` reads a primary config
whose `defaults:` list picks one option (a YAML file) of each config group (a folder beside it).
A doc that runs it, `python train.py trainer=gpu model.optimizer.lr=1e-4`, selects group options
and overrides keys; Hydra refuses an option the group has no file for ("Could not find
'trainer/cpu'") and a key the composed configuration lacks ("Could not override 'model.lr'"), since
the composed configuration is in struct mode.

The composition here is static and partial on purpose: anything it cannot follow for certain
(configs code registers: a `ConfigStore`, hydra-zen's `store`, a `SearchPathPlugin` in `hydra_plugins/`;
an interpolated default, a search path, a mandatory
`???` option, an unreadable file, a group option whose one key is its group's name, which Hydra 1.0
and 1.1 place differently) leaves the command unjudged. `+key=` / `++key=` / `~key`
overrides, Hydra's own `hydra.*` keys and `hydra/...` groups, sweeps over several options, and
placeholder names a doc uses for "your own" (`experiment=experiment_name`) are never judged.
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers.doc_commands import INTERPRETER, code_commands, command_tokens, resolve_script
from custody.reviewer.gather.readers.safe_yaml import load_yaml
from custody.reviewer.model.evidence.common import file_locator
from custody.reviewer.model.evidence.design import HydraCommand, HydraOverride

Read = Callable[[str], str | None]
Tree = dict[str, Any]  # a composed configuration's keys: a mapping, or None for a leaf value

ENV = re.compile(r"^[A-Za-z_]\w*=")
OVERRIDE = re.compile(r"^(?P<prefix>\+\+|\+|~)?(?P<key>[A-Za-z_][\w./@-]*)=(?P<value>.*)$")
PACKAGE = re.compile(r"^#\s*@package\s+(?P<package>\S+)\s*$")
# Hydra flags that take a value, and those that make the configuration unknowable from the tree.
VALUE_FLAGS = {"--cfg", "-c", "--package", "-p", "--info", "-i", "--experimental-rerun"}
UNKNOWABLE_FLAGS = {"--config-path", "-cp", "--config-dir", "-cd"}
# A doc's stand-ins for the reader's own names: `experiment=experiment_name`, `logger=my_logger`.
PLACEHOLDER = re.compile(r"(^|[_-])name$|^(my|your|some|custom|new)[_-]|[<>{}$*]|\.\.\.", re.IGNORECASE)
SWEEP = re.compile(r"^\w+\(")  # glob(*), range(1,3), choice(a,b), interval(0,1)
# Ways a Python file registers config groups, options or search paths Hydra reads beside the config folder.
CODE_CONFIGS = re.compile(r"\bConfigStore\b|\bhydra_zen\b|\bSearchPathPlugin\b|\bhydra_plugins\b")
MAX_PASSES = 5  # config `override` entries re-select options; a real tree settles in one or two


class Unknown(Exception):
    """The composition cannot be followed for certain; the command is left unjudged."""


@dataclass(frozen=True)
class HydraApp:
    script: str  # the decorated script's path
    config_dir: str  # tree path of the primary config's folder ("configs"; "" for the root)
    config_name: str  # the primary config, without ".yaml"


@dataclass(frozen=True)
class _Entry:
    group: str  # "" for the config's own group (inheritance)
    options: tuple[str, ...]  # nothing selected when empty
    optional: bool = False
    override: bool = False
    package: str | None = None


@dataclass
class _Composition:
    keys: Tree = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


def _strip(option: str) -> str:
    return option.removesuffix(".yaml").removesuffix(".yml")


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _last_string(node: ast.AST) -> str | None:
    """The last string constant of an expression: `root / "configs"` is "configs"."""
    found = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return found[-1] if found else None


def _decorator(tree: ast.Module) -> ast.Call | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute) \
                        and deco.func.attr == "main" and isinstance(deco.func.value, ast.Name) \
                        and deco.func.value.id == "hydra":
                    return deco
    return None


def _config_dir(script: str, node: ast.AST, name: str, paths: Collection[str]) -> str | None:
    """The folder the decorator's config_path names: a literal is relative to the script; any other
    expression counts only when one folder of the tree ends with its last string and holds the config."""
    here = posixpath.dirname(script)
    literal = _literal(node)
    if literal is not None:
        folder = posixpath.normpath(posixpath.join(here, literal)) if not literal.startswith("/") else None
        return "" if folder == "." else folder
    tail = _last_string(node)
    if not tail:
        return None
    tail = tail.strip("/")
    folders = {posixpath.dirname(p) for p in paths if posixpath.basename(p) in (f"{name}.yaml", f"{name}.yml")}
    found = [f for f in folders if f == tail or f.endswith("/" + tail)]
    return found[0] if len(found) == 1 else None


def configs_from_code(python: dict[str, str], paths: Collection[str]) -> bool:
    """Whether config groups, options or keys may come from code rather than the config folder: a
    `ConfigStore`, hydra-zen (`store(...)`, `builds`), a `SearchPathPlugin`, or a `hydra_plugins` package."""
    return any(CODE_CONFIGS.search(text) for text in python.values()) \
        or any(p.startswith("hydra_plugins/") or "/hydra_plugins/" in p for p in paths)


def hydra_apps(python: dict[str, str], paths: Collection[str]) -> list[HydraApp]:
    """The tree's Hydra apps whose primary config is a file of the tree. None when config groups or keys
    may come from code (`configs_from_code`)."""
    if configs_from_code(python, paths):
        return []
    out: list[HydraApp] = []
    for path, text in python.items():
        if "hydra.main" not in text:
            continue
        try:
            deco = _decorator(parse_python(text, path))
        except (SyntaxError, ValueError):
            continue
        if deco is None:
            continue
        given = dict(zip(("config_path", "config_name"), deco.args, strict=False))
        given.update({k.arg: k.value for k in deco.keywords if k.arg})
        name = _literal(given.get("config_name"))
        if "config_path" not in given or name is None:
            continue
        name = _strip(name)
        folder = _config_dir(path, given["config_path"], name, paths)
        if folder is None:
            continue
        if any(posixpath.join(folder, f"{name}{ext}") in paths for ext in (".yaml", ".yml")):
            out.append(HydraApp(script=path, config_dir=folder, config_name=name))
    return out


_Loaded = tuple[str | None, list["_Entry"], dict[str, Any], str]


class _ConfigTree:
    """A config folder's groups and option files, read through `read`."""

    def __init__(self, app: HydraApp, paths: Collection[str], read: Read) -> None:
        self.root = app.config_dir
        self.read = read
        prefix = f"{self.root}/" if self.root else ""
        self.files: dict[tuple[str, str], str] = {}
        for path in paths:
            if path.startswith(prefix) and path.endswith((".yaml", ".yml")):
                rel = path[len(prefix):]
                self.files[(posixpath.dirname(rel), _strip(posixpath.basename(rel)))] = path
        self.groups = {group for group, _ in self.files if group}
        self.loaded: dict[tuple[str, str], _Loaded | Unknown] = {}

    def options(self, group: str) -> list[str]:
        return sorted(option for g, option in self.files if g == group)

    def load(self, group: str, option: str) -> _Loaded | None:
        """(package header, defaults entries, content, path) of an option; None when it has no file. Each
        file is read once: every compose pass of every documented command shares it (and never changes it)."""
        path = self.files.get((group, option))
        if path is None:
            return None
        if (group, option) not in self.loaded:
            try:
                self.loaded[(group, option)] = self._load(group, path)
            except Unknown as exc:
                self.loaded[(group, option)] = exc
        found = self.loaded[(group, option)]
        if isinstance(found, Unknown):
            raise found
        return found

    def _load(self, group: str, path: str) -> _Loaded:
        text = self.read(path)
        if text is None:
            raise Unknown(path)
        try:
            data = load_yaml(text, path)
        except Exception as exc:
            raise Unknown(path) from exc
        data = {} if data is None else data
        if not isinstance(data, dict):
            raise Unknown(path)
        header = next((m["package"] for m in map(PACKAGE.match, text.splitlines()[:5]) if m), None)
        if group and header is None and [str(k) for k in data] == [posixpath.basename(group)]:
            # `trainer/default.yaml` holding `trainer: {...}`: Hydra 1.0 put it at the top, 1.1 under `trainer`
            raise Unknown(f"{path}: the package depends on the Hydra version")
        defaults = data.pop("defaults", None) or []
        if not isinstance(defaults, list):
            raise Unknown(path)
        if isinstance(data.get("hydra"), dict) and "searchpath" in data["hydra"]:
            raise Unknown(path)
        return header, [_entry(item, group) for item in defaults], data, path


def _entry(item: Any, own: str) -> _Entry:
    """One item of a defaults list, its group made absolute (without the leading slash)."""
    if item == "_self_":
        return _Entry(group="", options=())
    if isinstance(item, str):
        rel, option = posixpath.split(item)
        return _Entry(group=_group(rel, own) if rel else own, options=(_strip(option),))
    if not isinstance(item, dict) or len(item) != 1:
        raise Unknown(repr(item))
    ((key, value),) = item.items()
    words = str(key).split()
    optional, override = "optional" in words[:-1], "override" in words[:-1]
    group, _, package = words[-1].partition("@")
    if value is None:
        options: tuple[str, ...] = ()
    elif isinstance(value, str) and value != "???" and "${" not in value:
        options = (_strip(value),)
    elif isinstance(value, list) and all(isinstance(v, str) and "${" not in v for v in value):
        options = tuple(_strip(v) for v in value)
    else:
        raise Unknown(str(key))
    return _Entry(group=_group(group, own), options=options, optional=optional, override=override,
                  package=package or None)


def _group(written: str, own: str) -> str:
    return written.lstrip("/") if written.startswith("/") else posixpath.join(own, written).strip("/")


def _package(header: str | None, entry_package: str | None, group: str) -> str:
    """Where an option's keys go: its entry's `@package`, else its header, else its group."""
    package = entry_package or header or "_group_"
    if package.startswith("_global_"):
        return package.removeprefix("_global_").lstrip(".")
    return package.replace("_group_", group.replace("/", ".")).strip(".")


def _merge(into: Tree, package: str, content: dict[str, Any]) -> None:
    node = into
    for part in [p for p in package.split(".") if p]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    _merge_keys(node, content)


def _merge_keys(node: Tree, content: dict[str, Any]) -> None:
    """Keys are unioned: a later leaf never hides keys an earlier mapping had (fewer, surer findings)."""
    for key, value in content.items():
        if isinstance(value, dict):
            child = node.get(str(key))
            if not isinstance(child, dict):
                child = node[str(key)] = {}
            _merge_keys(child, value)
        elif not isinstance(node.get(str(key)), dict):
            node[str(key)] = None


def _is_hydra(group: str) -> bool:
    return group == "hydra" or group.startswith("hydra/")


def compose(app: HydraApp, config: str, configs: _ConfigTree, chosen: dict[str, str]) -> _Composition:
    """The keys of the configuration `config` composes with the command's group choices."""
    overrides: dict[str, tuple[str, ...]] = {}
    for _ in range(MAX_PASSES):
        found: dict[str, tuple[str, ...]] = {}
        out = _Composition()
        _visit(configs, "", config, "", {**overrides, **{g: (o,) for g, o in chosen.items()}}, found, out)
        if found == overrides:
            return out
        overrides = found
    raise Unknown(f"{app.script}: config overrides do not settle")


def _visit(configs: _ConfigTree, group: str, option: str, at: str | None, choices: dict[str, tuple[str, ...]],
           found: dict[str, tuple[str, ...]], out: _Composition, package: str | None = None, depth: int = 0) -> None:
    """Adds an option's keys (and those of its own defaults) to `out`. `at` is where its keys go when
    that is already known (the primary config, a config another of its group inherits)."""
    if depth > 20:
        raise Unknown("defaults nest too deep")
    loaded = configs.load(group, option)
    if loaded is None:
        raise Unknown(f"{group}/{option}")
    header, entries, content, path = loaded
    where = at if at is not None else _package(header, package, group)
    for entry in entries:
        if entry.override:
            found.setdefault(entry.group, entry.options)
            continue
        if (entry.group == "" and not entry.options) or _is_hydra(entry.group):
            continue
        if entry.package and where:
            raise Unknown(f"{path}: `@{entry.package}` is relative to `{where}` in some Hydra versions, not in others")
        inherit = entry.group == group
        options = entry.options if inherit else choices.get(entry.group, entry.options)
        for each in options:
            if entry.optional and (entry.group, each) not in configs.files:
                continue
            _visit(configs, entry.group, each, where if inherit and entry.package is None else None, choices,
                   found, out, entry.package, depth + 1)
    _merge(out.keys, where, content)
    out.sources.append(path)


def _lookup(keys: Tree, dotted: str) -> tuple[str, list[str]] | None:
    """None when the key is there or cannot be told; else (the first missing prefix, the keys beside it)."""
    node: Any = keys
    parts = dotted.split(".")
    for index, part in enumerate(parts):
        if not isinstance(node, dict):
            return None  # below a leaf (a null group, a list): Hydra's answer depends on the value
        if part not in node:
            return ".".join(parts[:index + 1]), sorted(node)
        node = node[part]
    return None


@dataclass
class _Invocation:
    path: str
    line: int
    command: str
    script: str
    config: str | None  # a `--config-name` the command gives
    multirun: bool
    overrides: list[tuple[str, str, str]]  # (prefix, key, value)
    texts: list[str]


def _invocations(docs: dict[str, str]) -> Iterator[_Invocation]:
    for path, text in docs.items():
        for line, command in code_commands(text):
            tokens = command_tokens(command) if ".py" in command else None
            start = next((i for i, t in enumerate(tokens[:-1])
                          if INTERPRETER.match(t) and tokens[i + 1].endswith(".py")), None) if tokens else None
            if tokens is None or start is None:
                continue
            invocation = _arguments(tokens[start + 2:])
            if invocation is not None:
                config, multirun, overrides, texts = invocation
                yield _Invocation(path, line, command, tokens[start + 1].removeprefix("./"), config, multirun,
                                  overrides, texts)


def _arguments(tokens: list[str]) -> tuple[str | None, bool, list[tuple[str, str, str]], list[str]] | None:
    config: str | None = None
    multirun = False
    overrides: list[tuple[str, str, str]] = []
    texts: list[str] = []
    skip = False
    for index, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        flag, _, value = token.partition("=")
        if flag in UNKNOWABLE_FLAGS:
            return None
        if flag in ("--config-name", "-cn"):
            config = value or (tokens[index + 1] if index + 1 < len(tokens) else None)
            skip = not value
            continue
        if token in ("-m", "--multirun"):
            multirun = True
            continue
        if flag in VALUE_FLAGS:
            skip = not value and flag != "--info"
            continue
        match = OVERRIDE.match(token)
        if token.startswith("-") or match is None:
            continue
        overrides.append((match["prefix"] or "", match["key"], match["value"]))
        texts.append(token)
    return config, multirun, overrides, texts


def _judge(invocation: _Invocation, app: HydraApp, configs: _ConfigTree) -> tuple[list[HydraOverride], list[str]]:
    """The overrides the configuration cannot take, and every override (as written) whose verdict is known."""
    broken: list[HydraOverride] = []
    judged: list[str] = []
    chosen: dict[str, str] = {}
    sweeping = False
    keyed: list[tuple[str, str]] = []
    for (prefix, key, value), text in zip(invocation.overrides, invocation.texts, strict=True):
        if prefix or "@" in key or _is_hydra(key) or key == "hydra" or key.startswith("hydra.") \
                or PLACEHOLDER.search(key) or PLACEHOLDER.search(value):
            continue
        if "." not in key and key in configs.groups:
            options = [_strip(o) for o in value.split(",")] if invocation.multirun else [_strip(value)]
            if SWEEP.match(value) or any(not o or PLACEHOLDER.search(o) for o in options):
                sweeping = True
                continue
            known = configs.options(key)
            broken += [HydraOverride(text=text, key=key, problem="no-option", missing=o, known=known,
                                     sources=[posixpath.join(configs.root, key)])
                       for o in options if o not in known]
            judged.append(text)
            if len(options) == 1:
                chosen[key] = options[0]
            else:
                sweeping = True
        elif "/" not in key:
            keyed.append((key, text))
    if broken or sweeping or not keyed:
        return broken, judged  # keys are judged against one composition only
    try:
        composed = compose(app, _strip(invocation.config or app.config_name), configs, chosen)
    except Unknown:
        return broken, judged
    for key, text in keyed:
        missing = _lookup(composed.keys, key)
        judged.append(text)
        if missing is not None:
            broken.append(HydraOverride(text=text, key=key, problem="no-key", missing=missing[0], known=missing[1],
                                        sources=composed.sources))
    return broken, judged


def hydra_commands(docs: dict[str, str], python: dict[str, str], paths: Collection[str],
                   read: Read, complete: bool) -> list[HydraCommand]:
    """Every command the docs (path -> Markdown) give for one of the tree's Hydra apps, with the
    overrides its configuration cannot take. None unless `python` holds every Python file of the tree
    (`complete`): a file left out may register configs in code or be the script a doc runs."""
    if not complete:
        return []
    apps = hydra_apps(python, paths)
    if not apps:
        return []
    trees = {app.config_dir: _ConfigTree(app, paths, read) for app in apps}
    out: list[HydraCommand] = []
    for invocation in _invocations(docs):
        script = resolve_script(invocation.path, invocation.script, set(python))
        app = next((a for a in apps if a.script == script), None)
        if app is None:
            continue
        configs = trees[app.config_dir]
        config = _strip(invocation.config or app.config_name)
        if ("", config) not in configs.files:
            continue
        broken, judged = _judge(invocation, app, configs)
        out.append(HydraCommand(
            script=app.script, config=configs.files[("", config)], command=invocation.command,
            locator=file_locator(invocation.path, invocation.line), judged=judged, broken=broken))
    return out


def mark_new(head: list[HydraCommand], base: list[HydraCommand], added: Collection[str]) -> list[HydraCommand]:
    """Marks each broken override new only when this PR breaks it: the PR adds the doc line (`added`:
    the locators of the lines the PR adds, and the paths of the files it adds), or the base judged the
    same command of the same doc and found the override fine. One the same doc gave, broken the same
    way, at the base is not new; nor is one the base could not judge (a group option broken there too,
    a config it could not compose): a PR that fixes those would otherwise have every older break posted
    as its own."""
    before = {(c.locator.partition("#")[0], o.text, o.problem, o.missing) for c in base for o in c.broken}
    judged: dict[tuple[str, str], set[str]] = {}
    for command in base:
        judged.setdefault((command.locator.partition("#")[0], command.command), set()).update(command.judged)
    for command in head:
        doc = command.locator.partition("#")[0]
        seen = judged.get((doc, command.command), set())
        for override in command.broken:
            override.new = (doc, override.text, override.problem, override.missing) not in before \
                and (command.locator in added or doc in added or override.text in seen)
    return head


