"""pandera schemas read statically from the project's own documented examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from custody.reviewer.gather.readers.frame_schemas import dtype_family, read_frame_schemas, read_frame_schemas_in
from custody.reviewer.gather.snapshot import DirSnapshot

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ml" / "pandera"


def _read(name: str) -> dict[str, list[tuple[str, str | None, str | None, bool]]]:
    schemas = read_frame_schemas_in(name, (FIXTURES / name).read_text())
    return {s.name: [(c.name, c.dtype, c.family, c.required) for c in s.columns] for s in schemas}


def test_class_api_with_series_annotations_and_a_subclass() -> None:
    found = _read("dataframe_models_basic.py")
    year = ("year", "int", "integer", True)
    assert found["InputSchema"] == [year, ("month", "int", "integer", True), ("day", "int", "integer", True)]
    assert found["OutputSchema"][-1] == ("revenue", "float", "float", True)
    assert found["OutputSchema"][0] == year  # inherited from InputSchema in the same file


def test_object_api_and_bare_annotations() -> None:
    found = _read("readme_get_started.py")
    expected = [("column1", "int", "integer", True), ("column2", "float", "float", True),
                ("column3", "str", "string", True)]
    assert found["schema"] == expected
    assert found["Schema"] == expected  # the `@pa.check` method is not a column


def test_strictness_optional_columns_and_aliases() -> None:
    text = '''
import pandera.pandas as pa
from typing import Optional
from pandera.typing.pandas import Index, Series

class Features(pa.DataFrameModel):
    idx: Index[int]
    amount: Series[pa.Float64] = pa.Field(ge=0)
    seen_at: Optional[Series[pa.DateTime]]
    mcc_code: Series[str] = pa.Field(alias="merchant category")

    class Config:
        strict = True

LOOSE = pa.DataFrameSchema({"a": pa.Column(int, required=False), "b": pa.Column("float64")}, strict=False)
'''
    schemas = {s.name: s for s in read_frame_schemas_in("features/schema.py", text)}
    features = schemas["Features"]
    assert features.strict is True
    assert [(c.name, c.family, c.required) for c in features.columns] == [
        ("amount", "float", True), ("seen_at", "timestamp", False), ("merchant category", "string", True)]
    assert features.columns[0].locator == "features/schema.py#L8"
    assert [(c.name, c.family, c.required) for c in schemas["LOOSE"].columns] == [("a", "integer", False),
                                                                                  ("b", "float", True)]
    assert schemas["LOOSE"].strict is False


def test_schemas_whose_columns_are_not_all_visible_are_left_out() -> None:
    text = '''
import pandera.pandas as pa
from shared.schemas import BaseOrders

class Orders(BaseOrders):
    total: float

class Wide(pa.DataFrameModel):
    num: float = pa.Field(regex=True, alias="num_.*")

EXTENDED = pa.DataFrameSchema({**BASE_COLUMNS, "x": pa.Column(int)})
'''
    assert read_frame_schemas_in("s.py", text) == []
    assert read_frame_schemas_in("s.py", "class A(DataFrameModel):\n    x: int\n") == []  # never names pandera
    assert read_frame_schemas_in("s.py", "import pandera\nclass (:\n") == []  # does not parse


@pytest.mark.parametrize(("dtype", "family"), [
    ("int", "integer"), ("pa.Int64", "integer"), ("np.int32", "integer"), ("'Int64'", "integer"),
    ("pd.Timestamp", "timestamp"), ("pa.DateTime", "timestamp"), ("'datetime64[ns, UTC]'", "timestamp"),
    ("pa.String", "string"), ("bool", "boolean"), ("pa.Decimal", "decimal"), ("'category'", None),
    ("object", None), (None, None),
])
def test_dtype_families(dtype: str | None, family: str | None) -> None:
    assert dtype_family(dtype) == family


def test_a_tree_is_read_without_its_tests(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "pkg" / "schema.py").write_text((FIXTURES / "readme_get_started.py").read_text())
    (tmp_path / "tests" / "test_schema.py").write_text((FIXTURES / "dataframe_models_basic.py").read_text())
    schemas, skipped = read_frame_schemas(DirSnapshot(tmp_path))
    assert {(s.path, s.name) for s in schemas} == {("pkg/schema.py", "schema"), ("pkg/schema.py", "Schema")}
    assert skipped == []
