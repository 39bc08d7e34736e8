"""dbt projects, read statically: each model's documented columns and the columns its SQL selects.

The properties files (`version: 2` YAML under the model paths) give `models[].columns[]` with their
`data_type`, tests and `config.contract.enforced`. The model's SQL is a Jinja template: `ref()` and
`source()` become table names, `config()` and comments go, and any other template code that could
produce columns (a loop, a branch, a macro call in the select list) leaves the model's columns
unknown. The rest is parsed with sqlglot and the final select's columns are followed through CTEs,
subqueries and `select *` from a CTE or another model whose columns are known; nothing is guessed.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlglot
import yaml
from custody.reviewer.gather.config import line_of
from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml, load_yaml_node
from custody.reviewer.gather.snapshot import Snapshot, read_text
from custody.reviewer.model.digest import digest
from custody.reviewer.model.evidence.common import Skipped, file_locator
from custody.reviewer.model.evidence.dbt import DbtColumn, DbtModel, DbtUnreadable, SelectedColumn
from sqlglot import exp

MAX_FILE_BYTES = 512 * 1024
MAX_MODELS = 2_000
MAX_DEPTH = 12  # CTEs and refs followed through `select *`
SKIP_DIRS = ("dbt_packages/", "dbt_modules/", "target/", "logs/")
REF = re.compile(r"\{\{-?\s*ref\(\s*(?:['\"][\w.-]+['\"]\s*,\s*)?['\"](?P<name>[\w.-]+)['\"]\s*"
                 r"(?:,\s*(?:v|version)\s*=\s*[^)]*)?\)\s*-?\}\}")
SOURCE = re.compile(r"\{\{-?\s*source\(\s*['\"](?P<source>[\w.-]+)['\"]\s*,\s*['\"](?P<table>[\w.-]+)['\"]"
                    r"\s*\)\s*-?\}\}")
CONFIG = re.compile(r"\{\{-?\s*config\s*\((?P<args>.*?)\)\s*-?\}\}", re.S)
COMMENT = re.compile(r"\{#.*?#\}", re.S)
SET_TAG = re.compile(r"\{%-?\s*(set|do)\s[^%]*?-?%\}", re.S)
INCREMENTAL = re.compile(r"\{%-?\s*if\s+is_incremental\(\)\s*-?%\}(?:(?!\{%).)*?\{%-?\s*endif\s*-?%\}", re.S)
TAG = re.compile(r"\{%-?\s*(?P<word>\w+)")
EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
PLACEHOLDER = "__jinja_"
DIALECTS: tuple[str | None, ...] = (None, "snowflake", "bigquery", "trino", "postgres", "duckdb", "databricks")
ENFORCED = re.compile(r"contract\s*=\s*\{\s*['\"]enforced['\"]\s*:\s*true", re.I)


class Unresolved(Exception):
    """The columns cannot be known statically; the message says why."""


def _keep_lines(match: re.Match[str], text: str = "") -> str:
    return text + "\n" * match.group(0).count("\n")


@dataclass
class Template:
    sql: str
    enforced: bool = False
    refs: dict[str, str] = field(default_factory=dict)  # table name in the SQL -> the model it refs


def render(text: str) -> Template:
    """The SQL of a model template, with its lines where they were; Unresolved when template code could
    change the columns."""
    out = Template(sql="")
    text = COMMENT.sub(_keep_lines, text)
    for match in CONFIG.finditer(text):
        out.enforced = out.enforced or bool(ENFORCED.search(match.group("args")))
    text = CONFIG.sub(_keep_lines, text)
    text = SET_TAG.sub(_keep_lines, text)
    text = INCREMENTAL.sub(_keep_lines, text)  # a filter on new rows: never a column

    def ref(match: re.Match[str]) -> str:
        table = "__dbt_ref__" + re.sub(r"\W", "_", match.group("name"))
        out.refs[table] = match.group("name")
        return _keep_lines(match, table)

    text = REF.sub(ref, text)
    text = SOURCE.sub(lambda m: _keep_lines(m, f"__dbt_source__{m.group('source')}__{m.group('table')}"), text)
    tag = TAG.search(text)
    if tag:
        raise Unresolved(f"Jinja `{{% {tag.group('word')} %}}` at line {text[:tag.start()].count(chr(10)) + 1}")
    counter = iter(range(1, 1_000_000))
    out.sql = EXPRESSION.sub(lambda m: _keep_lines(m, f"{PLACEHOLDER}{next(counter)}"), text)
    return out


def _parse(sql: str) -> exp.Expr:
    """The one statement of a model's SQL; once per content and process (a re-review parses only
    the models a push changed; the tree is only read). Raises Unresolved when it is not one statement."""
    parsed = remembered("dbt-sql", digest(sql), functools.partial(_parse_fresh, sql))
    if isinstance(parsed, str):
        raise Unresolved(parsed)
    return parsed


def _parse_fresh(sql: str) -> exp.Expr | str:
    """The statement, or why there is none (remembered too: SQL that does not parse is not tried again)."""
    problem = ""
    for dialect in DIALECTS:
        try:
            statements = [s for s in sqlglot.parse(sql, read=dialect) if s is not None]
        except (sqlglot.errors.ParseError, sqlglot.errors.TokenError) as exc:
            problem = type(exc).__name__
            continue
        if len(statements) != 1:
            return f"{len(statements)} SQL statements"
        return statements[0]
    return f"the SQL does not parse ({problem})"


def _line(node: exp.Expr) -> int | None:
    column = node.this if isinstance(node, exp.Column) else None
    for ident in [node.args.get("alias"), column, *node.find_all(exp.Identifier)]:
        if isinstance(ident, exp.Expr) and isinstance(ident.meta.get("line"), int):
            return int(ident.meta["line"])
    return None


Columns = list[tuple[str, str]]  # (name, locator of the line that names it)
Lookup = Callable[[str, int], Columns]


class _Resolver:
    """The output columns of a query in order, each with the line that names it (in this model or the one
    a `select *` reads)."""

    def __init__(self, path: str, template: Template, models: Lookup) -> None:
        self.path = path
        self.template = template
        self.models = models

    def columns(self, query: exp.Expr, ctes: dict[str, exp.Expr],
                depth: int) -> Columns:
        if depth > MAX_DEPTH:
            raise Unresolved("CTEs nested too deep")
        if isinstance(query, exp.Subquery):
            return self.columns(query.this, ctes, depth + 1)
        scope = dict(ctes)
        with_ = query.args.get("with_") or query.args.get("with")
        if isinstance(with_, exp.With):
            for cte in with_.expressions:
                scope[cte.alias_or_name.lower()] = cte
        if isinstance(query, exp.SetOperation):  # a union's columns are its first branch's
            return self.columns(query.left, scope, depth + 1)
        if not isinstance(query, exp.Select):
            raise Unresolved(f"the final statement is a {query.key}, not a select")
        out: Columns = []
        for projection in query.expressions:
            qualified = isinstance(projection, exp.Column) and isinstance(projection.this, exp.Star)
            star = projection if isinstance(projection, exp.Star) else projection.this if qualified else None
            if star is not None:
                if any(star.args.get(k) for k in star.args):
                    raise Unresolved("`select * except/replace`")
                qualifier = projection.table if isinstance(projection, exp.Column) else ""
                out += self._star(query, qualifier, scope, depth)
                continue
            name = projection.alias_or_name
            if not name or isinstance(projection, exp.Literal) or not isinstance(projection, (exp.Alias, exp.Column)):
                raise Unresolved(f"a select expression without a name (`{projection.sql()[:60]}`)")
            if PLACEHOLDER in name or "__dbt_" in name:
                raise Unresolved(f"a column named by template code (`{projection.sql()[:60]}`)")
            if isinstance(projection, exp.Column) and PLACEHOLDER in projection.sql():
                raise Unresolved(f"a column named by template code (`{projection.sql()[:60]}`)")
            out.append((name, file_locator(self.path, _line(projection))))
        return out

    def _star(self, query: exp.Select, qualifier: str, scope: dict[str, exp.Expr],
              depth: int) -> Columns:
        first = query.args.get("from_") or query.args.get("from")
        sources = [first, *(query.args.get("joins") or [])] if first else []
        tables = [s.this for s in sources if isinstance(s, (exp.From, exp.Join))]
        if qualifier:
            tables = [t for t in tables if t.alias_or_name.lower() == qualifier.lower()]
        elif len(tables) != 1:
            raise Unresolved("`select *` over more than one table")
        if len(tables) != 1:
            raise Unresolved(f"`{qualifier}.*` names no single table")
        table = tables[0]
        if isinstance(table, exp.Subquery):
            return self.columns(table.this, scope, depth + 1)
        if not isinstance(table, exp.Table):
            raise Unresolved(f"`select *` from `{table.sql()[:60]}`")
        name = table.name.lower()
        if not table.args.get("db") and name in scope:
            cte = scope[name]
            inner = {k: v for k, v in scope.items() if k != name}  # a CTE does not see itself
            return self.columns(cte.this, inner, depth + 1)
        model = self.template.refs.get(table.name)
        if model is not None:
            return self.models(model, depth + 1)
        raise Unresolved(f"`select *` from `{table.sql()[:60]}`, whose columns are not read")


@dataclass
class _Project:
    root: str
    model_paths: list[str]


def _projects(snapshot: Snapshot, paths: list[str]) -> list[_Project]:
    out = []
    for path in paths:
        if posixpath.basename(path) != "dbt_project.yml" or any(d in path for d in SKIP_DIRS):
            continue
        root = posixpath.dirname(path)
        text = read_text(snapshot, path, MAX_FILE_BYTES)
        data: Any = None
        try:
            data = load_yaml(text, path) if text else None
        except (yaml.YAMLError, YamlLimitError, RecursionError):
            data = None
        data = data if isinstance(data, dict) else {}
        folders = data.get("model-paths") or data.get("source-paths") or ["models"]
        folders = [str(f).strip("/") for f in folders] if isinstance(folders, list) else ["models"]
        out.append(_Project(root=root, model_paths=[posixpath.join(root, f) if root else f for f in folders]))
    return out


def _under(path: str, folders: list[str]) -> bool:
    return any(path.startswith(f + "/") for f in folders) and not any(d in path for d in SKIP_DIRS)


def _tests(column: dict[str, Any]) -> list[str]:
    tests = column.get("data_tests") or column.get("tests") or []
    names = []
    for test in tests if isinstance(tests, list) else []:
        name = test if isinstance(test, str) else next(iter(test), None) if isinstance(test, dict) else None
        if name:
            names.append(str(name))
    return names


def _enforced(entry: dict[str, Any]) -> bool:
    config = entry.get("config")
    contract = (config.get("contract") if isinstance(config, dict) else None) or entry.get("contract")
    return isinstance(contract, dict) and contract.get("enforced") is True


def read_properties(path: str, text: str) -> list[tuple[str, DbtModel]]:
    """The models a properties file documents: (name, a DbtModel with only its properties side)."""
    data, root = load_yaml_node(text, path)
    if not isinstance(data, dict) or not isinstance(data.get("models"), list):
        return []
    out = []
    for index, entry in enumerate(data["models"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        model = DbtModel(name=entry["name"], project="", doc_path=path,
                         doc_locator=file_locator(path, line_of(root, ("models", index, "name"))),
                         enforced=_enforced(entry))
        if not entry.get("versions"):  # a versioned model's columns differ per version: not read
            columns: list[Any] = entry["columns"] if isinstance(entry.get("columns"), list) else []
            model.documented = []
            for i, column in enumerate(columns):
                if not isinstance(column, dict) or not column.get("name"):
                    continue
                kind = column.get("data_type")
                model.documented.append(DbtColumn(
                    name=str(column["name"]), data_type=str(kind) if kind is not None else None,
                    tests=_tests(column),
                    locator=file_locator(path, line_of(root, ("models", index, "columns", i, "name")))))
        out.append((entry["name"], model))
    return out


@dataclass
class DbtRead:
    models: list[DbtModel] = field(default_factory=list)
    problems: list[Skipped] = field(default_factory=list)  # coverage gaps, the unreadable files among them
    unreadable: list[DbtUnreadable] = field(default_factory=list)


def read_dbt_project(snapshot: Snapshot) -> DbtRead:
    """Every model of every dbt project in the tree (a folder with dbt_project.yml), and the YAML files
    under their model paths that do not parse."""
    paths = snapshot.paths()
    out = DbtRead()
    for project in _projects(snapshot, paths):
        _read_project(snapshot, project, [p for p in paths if _under(p, project.model_paths)], out)
    return out


def _read_project(snapshot: Snapshot, project: _Project, paths: list[str], out: DbtRead) -> None:
    problems = out.problems
    by_name: dict[str, DbtModel] = {}
    duplicate: set[str] = set()
    templates: dict[str, Template | Unresolved] = {}
    for path in paths[:MAX_MODELS * 2]:
        text = read_text(snapshot, path, MAX_FILE_BYTES) if path.endswith((".sql", ".yml", ".yaml")) else None
        if text is None:
            continue
        if path.endswith(".sql"):
            name = posixpath.basename(path)[:-4]
            if name in by_name and by_name[name].sql_path:
                duplicate.add(name)
            model = by_name.setdefault(name, DbtModel(name=name, project=project.root))
            model.sql_path = path
            try:
                templates[name] = render(text)
            except Unresolved as exc:
                templates[name] = exc
            continue
        try:
            documented = read_properties(path, text)
        except YamlLimitError as exc:
            problems.append(Skipped(what=path, why=exc.reason))
            continue
        except (yaml.YAMLError, RecursionError) as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if isinstance(mark, yaml.Mark) else None
            detail = f": {exc.problem}" if isinstance(exc, yaml.MarkedYAMLError) and exc.problem else ""
            why = f"not readable YAML ({type(exc).__name__}{f' at line {line}' if line else ''}{detail})"
            problems.append(Skipped(what=path, why=why))
            out.unreadable.append(DbtUnreadable(path=path, why=why, line=line))
            continue
        for name, doc in documented:
            model = by_name.setdefault(name, DbtModel(name=name, project=project.root))
            if model.doc_path:
                duplicate.add(name)
            model.doc_path, model.doc_locator, model.documented = doc.doc_path, doc.doc_locator, doc.documented
            model.enforced = model.enforced or doc.enforced
    for name in duplicate:  # two files claim the model: which one dbt uses is not known here
        problems.append(Skipped(what=f"dbt model {name}", why="defined or documented twice in the project"))
        del by_name[name]
    cache: dict[str, Columns | Unresolved] = {}

    def columns(name: str, depth: int) -> Columns:
        if name not in cache:
            template = templates.get(name)
            if template is None or name in duplicate:
                raise Unresolved(f"`select *` from model `{name}`, which this project does not define")
            if depth > MAX_DEPTH:
                raise Unresolved("refs nested too deep")
            cache[name] = Unresolved(f"model `{name}` selects from itself")  # a cycle guard
            try:
                if isinstance(template, Unresolved):
                    raise template
                path = by_name[name].sql_path or name
                cache[name] = _Resolver(path, template, columns).columns(_parse(template.sql), {}, depth)
            except Unresolved as exc:
                cache[name] = Unresolved(f"model `{name}`: {exc}") if depth else exc
            except (sqlglot.errors.SqlglotError, RecursionError) as exc:
                cache[name] = Unresolved(f"the SQL could not be read ({type(exc).__name__})")
        found = cache[name]
        if isinstance(found, Unresolved):
            raise found
        return found

    for model in list(by_name.values())[:MAX_MODELS]:
        if model.sql_path is None:
            continue
        template = templates[model.name]
        model.enforced = model.enforced or (isinstance(template, Template) and template.enforced)
        try:
            model.selected = [SelectedColumn(name=n, locator=at) for n, at in columns(model.name, 0)]
        except Unresolved as exc:
            model.unresolved = str(exc)
    out.models += list(by_name.values())[:MAX_MODELS]
