"""The command-line options a Python script declares with argparse or click, read statically (the
script is never imported): `parser.add_argument("--test-size", ...)`, `@click.option("--forecast-periods")`;
and the absl flags it defines (`flags.DEFINE_bool("use_gcp", ...)`), which are never a complete set.

The set is returned only when it is complete: every parser the `add_argument` calls use is built in
the file itself (not handed in, returned from a helper or given `parents=`), every option name is
a literal, and nothing else reads the command line (`sys.argv`, `parse_known_args`, click's
`ignore_unknown_options`, typer, fire, hydra, ...). Otherwise the reader says it does not know
(None), so that no check judges a documented option against a partial list.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.model.evidence.design import ScriptOptions

# A line importing argparse or click (`import argparse`, `import os, argparse`, `from click import option`).
CLI_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(?:argparse|click)\b|import[ \t]+[^\n#]*(?<![\w.])(?:argparse|click)\b)",
                        re.MULTILINE)
# Command-line libraries whose options this reader does not follow; a script importing one is unknown.
OTHER_PARSERS = {"typer", "fire", "hydra", "docopt", "jsonargparse", "absl", "tyro", "simple_parsing",
                 "configargparse", "omegaconf", "transformers", "cyclopts", "plac", "clize", "defopt", "gin"}
# argparse calls that make a new parser or argument container from an existing one.
CONTAINERS = {"add_argument_group", "add_mutually_exclusive_group", "add_subparsers", "add_parser"}
# Calls on a parser that neither add options nor let unknown ones through.
PARSER_USES = {"parse_args", "add_argument", "set_defaults", "print_help", "print_usage", "error", "exit",
               "format_help", "format_usage", "get_default", "parse_intermixed_args", *CONTAINERS}
# argparse's own actions by their names (Action subclasses are judged apart, see _negated).
ARGPARSE_ACTIONS = {"store", "store_const", "store_true", "store_false", "append", "append_const", "extend",
                    "count", "help", "version"}
# click decorators that declare no option, and those that declare a fixed one.
CLICK_PLAIN = {"command", "group", "argument", "pass_context", "pass_obj", "make_pass_decorator"}
CLICK_FIXED = {"version_option": ["version"], "help_option": ["help"], "password_option": ["password"],
               "confirmation_option": ["yes"]}


class _Unknown(Exception):
    """The file's option set cannot be known for sure."""


@dataclass
class _Read:
    options: set[str] = field(default_factory=set)
    frameworks: set[str] = field(default_factory=set)
    abbreviations: bool = False  # argparse accepts an unambiguous prefix of a long option

    def add(self, name: str) -> None:
        self.options.add(name)


def _long_names(args: list[ast.expr], read: _Read) -> list[str]:
    """The `--name` strings of an option declaration (click's `--flag/--no-flag` gives both)."""
    names: list[str] = []
    for arg in args:
        if not isinstance(arg, ast.Constant) or not isinstance(arg.value, str):
            raise _Unknown
        for part in arg.value.split("/"):
            part = part.strip()
            if part.startswith("--") and len(part) > 2:
                read.add(part[2:])
                names.append(part[2:])
    return names


def _negated(call: ast.Call, members: dict[str, str]) -> bool:
    """Whether an `add_argument` call's action also declares `--no-<name>` (BooleanOptionalAction). An action
    that is neither argparse's own, written as a literal, nor that class may add options of its own."""
    for keyword in call.keywords:
        if keyword.arg is None:
            raise _Unknown  # `**kwargs` may hold any action
        if keyword.arg != "action":
            continue
        if isinstance(keyword.value, ast.Constant) and keyword.value.value in ARGPARSE_ACTIONS:
            return False
        if _dotted(keyword.value, members) == "argparse.BooleanOptionalAction":
            return True
        raise _Unknown
    return False


def _imports(tree: ast.Module) -> tuple[set[str], dict[str, str]]:
    """The top-level module names imported, and the local names bound to argparse/click members."""
    modules: set[str] = set()
    members: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                modules.add(alias.name.split(".")[0])
                if alias.name in ("argparse", "click") and alias.asname:
                    members[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            root = node.module.split(".")[0]
            modules.add(root)
            if root in ("argparse", "click"):
                for alias in node.names:
                    members[alias.asname or alias.name] = f"{root}.{alias.name}"
    return modules, members


def _dotted(node: ast.expr, members: dict[str, str]) -> str | None:
    """`argparse.ArgumentParser`, `click.option` for a reference to one (through imports and aliases)."""
    if isinstance(node, ast.Name):
        return members.get(node.id, node.id if node.id in ("argparse", "click") else None)
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value, members)
        return f"{base}.{node.attr}" if base in ("argparse", "click") else None
    return None


def _argparse(tree: ast.Module, members: dict[str, str], read: _Read) -> None:
    parsers: set[str] = set()

    def made_here(value: ast.expr) -> bool:
        """A call that builds a parser (or a group of one already known)."""
        if not isinstance(value, ast.Call):
            return False
        if _dotted(value.func, members) == "argparse.ArgumentParser":
            keywords = {k.arg: k.value for k in value.keywords}
            if None in keywords or "parents" in keywords or "prefix_chars" in keywords:
                raise _Unknown
            allow = keywords.get("allow_abbrev")
            read.abbreviations |= not (isinstance(allow, ast.Constant) and allow.value is False)
            return True
        func = value.func
        return isinstance(func, ast.Attribute) and func.attr in CONTAINERS and known(func.value)

    def known(node: ast.expr) -> bool:
        return (isinstance(node, ast.Name) and node.id in parsers) or made_here(node)

    # Functions of this file: a parser handed to one of them is read there too (its calls are in the walk).
    local = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    assigned: list[ast.Assign] = [n for n in ast.walk(tree) if isinstance(n, ast.Assign)]
    for _ in range(3):  # groups of groups: a few passes bind every name built from a known parser
        for assign in assigned:
            if len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Name) and made_here(assign.value):
                parsers.add(assign.targets[0].id)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr = node.func.attr
            if attr == "add_argument":
                if not known(node.func.value):
                    raise _Unknown  # a parser built elsewhere may hold more options
                names = _long_names(list(node.args), read)
                if _negated(node, members):
                    for name in names:
                        read.add(f"no-{name}")
            elif attr.startswith("parse_known"):
                raise _Unknown  # unknown options are let through
            elif isinstance(node.func.value, ast.Name) and node.func.value.id in parsers \
                    and attr not in PARSER_USES:
                raise _Unknown  # a parser method this reader does not know
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in local):
            handed = [*node.args, *(k.value for k in node.keywords)]
            if any(isinstance(a, ast.Name) and a.id in parsers for a in handed):
                raise _Unknown  # a parser handed to another module's helper may get options there
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Name) and node.value.id in parsers:
            raise _Unknown  # a caller may add options to the parser it gets back


def _click(tree: ast.Module, members: dict[str, str], read: _Read) -> None:
    # The click groups this file makes: a command added to a group from another module (`@cli.command()`
    # with `cli` imported) is one of several whose options are not all here.
    groups = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
              and any(_dotted(d.func if isinstance(d, ast.Call) else d, members) == "click.group"
                      or (isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == "group")
                      for d in n.decorator_list)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_command":
            raise _Unknown  # a command from another module may bring its own options
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        decorators = [(d, _dotted(d.func if isinstance(d, ast.Call) else d, members)) for d in node.decorator_list]
        is_command = any(name in ("click.command", "click.group") for _, name in decorators) or any(
            isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in ("command", "group")
            for d, _ in decorators)
        if not is_command:
            continue
        for decorator, name in decorators:
            call = decorator if isinstance(decorator, ast.Call) else None
            if call is not None and any(k.arg is None or (k.arg == "context_settings" and _lets_unknown(k.value))
                                        for k in call.keywords):
                raise _Unknown
            member = name.split(".", 1)[1] if name else None
            if member == "option":
                if call is None:
                    raise _Unknown
                _long_names(list(call.args), read)
            elif member in CLICK_FIXED:
                for option in CLICK_FIXED[member]:
                    read.add(option)
            elif member in CLICK_PLAIN:
                continue
            elif not (call is not None and isinstance(call.func, ast.Attribute)
                      and call.func.attr in ("command", "group")
                      and isinstance(call.func.value, ast.Name) and call.func.value.id in groups):
                raise _Unknown  # a decorator of the project's own, or a group of another module's


def _lets_unknown(value: ast.expr) -> bool:
    """click's `context_settings` that pass unknown options through, or one not written out."""
    if not isinstance(value, ast.Dict):
        return True
    for key, item in zip(value.keys, value.values, strict=True):
        if not isinstance(key, ast.Constant):
            return True
        if key.value in ("ignore_unknown_options", "allow_extra_args") and not (
                isinstance(item, ast.Constant) and item.value is False):
            return True
    return False


def imports_cli(text: str) -> bool:
    """Whether a Python file's text imports argparse or click: only such a file can declare options here (the
    words alone are in nearly every repository, in comments, strings and other names)."""
    return CLI_IMPORT.search(text) is not None


def script_options(path: str, text: str) -> ScriptOptions | None:
    """The long options the script at `path` declares, or None when they cannot all be known."""
    if not imports_cli(text):
        return None
    try:
        tree = parse_python(text, path)
    except (SyntaxError, ValueError):
        return None
    modules, members = _imports(tree)
    if modules & OTHER_PARSERS or not modules & {"argparse", "click"}:
        return None
    if any((isinstance(n, ast.Attribute) and n.attr == "argv") or (isinstance(n, ast.Name) and n.id == "argv")
           or (isinstance(n, ast.alias) and n.name == "argv") for n in ast.walk(tree)):
        return None
    read = _Read()
    try:
        if "argparse" in modules:
            read.frameworks.add("argparse")
            _argparse(tree, members, read)
        if "click" in modules:
            read.frameworks.add("click")
            _click(tree, members, read)
    except _Unknown:
        return None
    if not read.options:
        return None  # a script whose parser this reader did not find declares nothing it can judge
    read.add("help")
    return ScriptOptions(path=path, frameworks=sorted(read.frameworks), options=sorted(read.options),
                         abbreviations=read.abbreviations)


# Flags absl itself defines (absl.app, absl.logging, absl.flags), which every absl program accepts.
ABSL_OWN = {"help", "helpshort", "helpfull", "helpxml", "flagfile", "undefok", "run_with_pdb", "pdb",
            "pdb_post_mortem", "run_with_profiling", "profile_file", "use_cprofile_for_profiling",
            "only_check_args", "logtostderr", "alsologtostderr", "log_dir", "verbosity", "v", "logger_levels",
            "stderrthreshold", "showprefixforinfo"}
ABSL_DEFINE = re.compile(r"DEFINE_\w*\(\s*(?:name\s*=\s*)?[\"'](?P<name>[A-Za-z_][\w-]*)[\"']")


def _absl_names(call: ast.Call) -> list[str] | None:
    """The flag names a `DEFINE_*` call adds (`--noname` too for a boolean); None for a name not written out."""
    named = {k.arg: k.value for k in call.keywords}
    node = call.args[0] if call.args else named.get("name")
    if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
        return None
    attr = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    return [node.value, f"no{node.value}"] if attr in ("DEFINE_bool", "DEFINE_boolean") else [node.value]


def absl_flags(path: str, text: str) -> ScriptOptions | None:
    """The absl flags a script defines (plus absl's own), marked incomplete: flags are global, and any
    module the script imports may define more. None when the script does not use absl flags, also uses
    argparse or click, or defines a flag whose name is not written out."""
    if "absl" not in text or "DEFINE_" not in text:
        return None
    try:
        tree = parse_python(text, path)
    except (SyntaxError, ValueError):
        return None
    modules, _ = _imports(tree)
    if "absl" not in modules or modules & {"argparse", "click"}:
        return None
    read = _Read(frameworks={"absl"})
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            attr = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if not attr.startswith("DEFINE"):
                continue
            names = _absl_names(node)
            if names is None:
                return None
            for name in names:
                read.add(name)
    if not read.options:
        return None
    for name in ABSL_OWN:
        read.add(name)
    return ScriptOptions(path=path, frameworks=["absl"], options=sorted(read.options), complete=False)


def absl_defined(text: str) -> set[str]:
    """The absl flag names a file defines, read by pattern (for the repository's other modules)."""
    return {m["name"] for m in ABSL_DEFINE.finditer(text)} if "DEFINE_" in text else set()
