"""Dataframe schemas declared with pandera, read statically (the code is parsed, never imported).

Two spellings are read: the class API (`class Orders(pa.DataFrameModel)` with `name: Series[int] =
pa.Field(...)` annotations, `Optional[Series[...]]` for an optional column, a `Field(alias=...)` for a
column whose name is not an identifier, `class Config: strict = True`) and the object API
(`pa.DataFrameSchema({"name": pa.Column(int, required=False), ...}, strict=True)` bound to a module-level
name). A class that inherits from a class this file does not declare has columns this reader cannot see,
so it is left out rather than read as incomplete.
"""

from __future__ import annotations

import ast
import re

from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.snapshot import Snapshot, read_text
from custody.reviewer.model.evidence.common import Skipped, file_locator
from custody.reviewer.model.evidence.frames import FrameColumn, FrameSchema

MAX_FILES = 400
MAX_SOURCE_BYTES = 512 * 1024
MODEL_BASES = {"DataFrameModel", "SchemaModel"}
TEST_PATH = re.compile(r"(^|/)(tests?|testing)/|(^|/)test_[^/]*$|_test\.py$|(^|/)conftest\.py$")
# pandas, numpy, python and pandera spellings of a dtype, by family; digits and case are ignored
DTYPE_FAMILIES: dict[str, str] = {
    **dict.fromkeys(("int", "uint", "integer", "long", "short", "intdtype", "uintdtype"), "integer"),
    **dict.fromkeys(("float", "double", "floatdtype"), "float"),
    **dict.fromkeys(("decimal",), "decimal"),
    **dict.fromkeys(("str", "string", "stringdtype"), "string"),
    **dict.fromkeys(("bool", "boolean", "booleandtype"), "boolean"),
    **dict.fromkeys(("datetime", "timestamp", "datetimetzdtype", "datetime64"), "timestamp"),
    **dict.fromkeys(("date",), "date"),
}


def dtype_family(dtype: str | None) -> str | None:
    """`pa.Int64`, `np.int32`, `"Int64"`, `int` are integer; `pd.Timestamp`, `pa.DateTime` are timestamp.
    `object`, `category` and anything else are unknown (None), never guessed."""
    if not dtype:
        return None
    text = dtype.strip().strip("'\"")
    text = re.sub(r"\[.*\]$", "", text)  # "datetime64[ns, UTC]"
    last = text.rsplit(".", 1)[-1].lower()
    last = re.sub(r"\d+$", "", last)
    return DTYPE_FAMILIES.get(last)


def _name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _constant(node: ast.expr | None) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _series_dtype(annotation: ast.expr) -> tuple[str | None, bool] | None:
    """(dtype, required) of a column annotation: `Series[int]`, a bare `int` (pandera >= 0.18), either inside
    `Optional[...]` for an optional column; None for an index (`Index[...]`) or a class variable."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(annotation, (ast.Name, ast.Attribute)):
        return ast.unparse(annotation), True
    if not isinstance(annotation, ast.Subscript):
        return None
    outer = _name_of(annotation.value)
    if outer == "Optional":
        inner = _series_dtype(annotation.slice)
        return (inner[0], False) if inner else None
    if outer != "Series":
        return None  # Index, MultiIndex, ClassVar, a generic the reader does not know
    inner_node = annotation.slice
    if isinstance(inner_node, ast.Subscript) and _name_of(inner_node.value) == "Annotated":
        first = inner_node.slice.elts[0] if isinstance(inner_node.slice, ast.Tuple) else inner_node.slice
        return ast.unparse(first), True
    return ast.unparse(inner_node), True


def _class_strict(node: ast.ClassDef) -> bool | None:
    """`class Config: strict = True` (or `model_config`-less pandera Config); None when the class sets nothing."""
    for item in node.body:
        if isinstance(item, ast.ClassDef) and item.name == "Config":
            for stmt in item.body:
                if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "strict"
                                                        for t in stmt.targets):
                    return _constant(stmt.value) is True
    return None


def _class_schema(path: str, node: ast.ClassDef, known: dict[str, FrameSchema]) -> FrameSchema | None:
    parents: list[FrameSchema] = []
    for base in node.bases:
        name = _name_of(base)
        if name in MODEL_BASES:
            continue
        if name in known:
            parents.append(known[name])
            continue
        return None  # a base this file does not declare: its columns are unknown
    columns: dict[str, FrameColumn] = {}
    strict = False
    for parent in parents:
        columns.update({c.name: c for c in parent.columns})
        strict = strict or parent.strict
    for item in node.body:
        if not isinstance(item, ast.AnnAssign) or not isinstance(item.target, ast.Name):
            continue
        series = _series_dtype(item.annotation)
        if series is None:
            continue
        dtype, required = series
        name = item.target.id
        if isinstance(item.value, ast.Call) and _name_of(item.value.func) == "Field":
            alias = _constant(_keyword(item.value, "alias"))
            name = alias if isinstance(alias, str) else name
            if _constant(_keyword(item.value, "regex")) is True:
                return None  # a regex column stands for many names
        columns[name] = FrameColumn(name=name, dtype=dtype, family=dtype_family(dtype), required=required,
                                    locator=file_locator(path, item.lineno))
    own = _class_strict(node)
    return FrameSchema(path=path, name=node.name, columns=list(columns.values()),
                       strict=own if own is not None else strict, locator=file_locator(path, node.lineno))


def _object_schema(path: str, name: str, call: ast.Call) -> FrameSchema | None:
    if _name_of(call.func) != "DataFrameSchema" or not call.args or not isinstance(call.args[0], ast.Dict):
        return None
    columns: list[FrameColumn] = []
    for key, value in zip(call.args[0].keys, call.args[0].values, strict=True):
        column = _constant(key) if key is not None else None
        if not isinstance(column, str):
            return None  # `**other_columns` or a computed name: the set of columns is unknown
        dtype: str | None = None
        required = True
        if isinstance(value, ast.Call) and _name_of(value.func) == "Column":
            if _constant(_keyword(value, "regex")) is True:
                return None
            first = value.args[0] if value.args else _keyword(value, "dtype")
            dtype = ast.unparse(first) if first is not None else None
            required = _constant(_keyword(value, "required")) is not False
        columns.append(FrameColumn(name=column, dtype=dtype, family=dtype_family(dtype), required=required,
                                   locator=file_locator(path, key.lineno if key is not None else call.lineno)))
    strict = _constant(_keyword(call, "strict")) is True
    return FrameSchema(path=path, name=name, columns=columns, strict=strict, locator=file_locator(path, call.lineno))


def read_frame_schemas_in(path: str, text: str) -> list[FrameSchema]:
    """The pandera schemas one Python file declares; none when it does not parse or never names pandera."""
    if "pandera" not in text:
        return []
    try:
        tree = parse_python(text, filename=path)
    except (SyntaxError, ValueError):
        return []
    found: dict[str, FrameSchema] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            schema = _class_schema(path, node, found)
            if schema is not None and (schema.columns or any(_name_of(b) in MODEL_BASES for b in node.bases)):
                found[node.name] = schema
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.Call):
            schema = _object_schema(path, node.targets[0].id, node.value)
            if schema is not None:
                found[schema.name] = schema
    return [s for s in found.values() if s.columns]


def read_frame_schemas(snapshot: Snapshot) -> tuple[list[FrameSchema], list[Skipped]]:
    """Every pandera schema of a tree's non-test Python files."""
    schemas: list[FrameSchema] = []
    skipped: list[Skipped] = []
    paths = [p for p in snapshot.paths() if p.endswith(".py") and not TEST_PATH.search(p)]
    if len(paths) > MAX_FILES:
        skipped.append(Skipped(what="pandera schemas", why=f"only the first {MAX_FILES} of {len(paths)} Python "
                                                            f"files were read"))
    for path in paths[:MAX_FILES]:
        text = read_text(snapshot, path, limit=MAX_SOURCE_BYTES)
        if text is not None:
            schemas.extend(read_frame_schemas_in(path, text))
    return schemas, skipped
