"""dbt models read statically: documented columns from properties files, selected columns from the SQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from custody.reviewer.gather.readers.dbt import Unresolved, read_dbt_project, render
from custody.reviewer.gather.snapshot import DirSnapshot, MemorySnapshot
from custody.reviewer.model.evidence.dbt import DbtModel

JAFFLE = Path(__file__).parents[2] / "fixtures" / "ml" / "dbt" / "jaffle_shop"
PROJECT = b"name: demo\nversion: '1.0'\nprofile: demo\n"


def models(tree: Path | dict[str, str]) -> dict[str, DbtModel]:
    snapshot = DirSnapshot(tree) if isinstance(tree, Path) else MemorySnapshot(
        {"dbt_project.yml": PROJECT, **{p: t.encode() for p, t in tree.items()}})
    read = read_dbt_project(snapshot)
    assert not read.problems
    return {m.name: m for m in read.models}


def selected(model: DbtModel) -> list[str]:
    assert model.selected is not None, model.unresolved
    return [c.name for c in model.selected]


def test_jaffle_shop_customers_final_select_through_ctes_and_qualified_names() -> None:
    customers = models(JAFFLE / "95d698f")["customers"]
    assert selected(customers) == ["customer_id", "first_name", "last_name", "first_order", "most_recent_order",
                                   "number_of_orders", "customer_lifetime_value"]
    assert customers.selected is not None
    assert customers.selected[0].locator == "models/customers.sql#L50"
    assert customers.selected[-1].locator == "models/customers.sql#L56"  # the alias's line
    assert customers.sql_path == "models/customers.sql" and customers.doc_path == "models/schema.yml"
    assert customers.doc_locator == "models/schema.yml#L4"
    assert customers.documented is not None
    documented = {c.name: c for c in customers.documented}
    assert list(documented)[:3] == ["customer_id", "first_name", "last_name"]
    assert documented["customer_id"].tests == ["unique", "not_null"]
    assert documented["first_name"].locator == "models/schema.yml#L14"
    assert not customers.enforced


def test_jaffle_shop_base_lacks_the_documented_names_and_aliased_tables_read_alike() -> None:
    assert "first_name" not in selected(models(JAFFLE / "8e7c853")["customers"])
    aliased = models(JAFFLE / "c112cea")["customers"]  # `customers c` ... `c.customer_id`, `cp.total_amount as ...`
    assert selected(aliased) == selected(models(JAFFLE / "95d698f")["customers"])


def test_jaffle_shop_loop_written_columns_are_unknown_and_staging_models_resolve() -> None:
    found = models(JAFFLE / "95d698f")
    assert found["orders"].selected is None
    assert found["orders"].unresolved == "Jinja `{% for %}` at line 20"
    assert found["orders"].documented is not None and len(found["orders"].documented) == 9
    assert selected(found["stg_payments"]) == ["payment_id", "order_id", "payment_method", "amount"]
    relationships = {c.name: c.tests for c in found["orders"].documented}["customer_id"]
    assert relationships == ["not_null", "relationships"]


def test_select_star_follows_a_cte_and_a_ref_to_a_model_whose_columns_are_known() -> None:
    found = models({
        "models/stg_a.sql": "select id as a_id, name from {{ source('raw', 'a') }}",
        "models/mart.sql": "{{ config(materialized='table') }}\nwith a as (select * from {{ ref('stg_a') }})\n"
                           "select a.*, 1 as one from a",
        "models/top.sql": "select * from {{ ref('mart') }}",
    })
    assert selected(found["mart"]) == ["a_id", "name", "one"]
    assert selected(found["top"]) == ["a_id", "name", "one"]
    assert found["top"].selected is not None and found["top"].selected[0].locator == "models/stg_a.sql#L1"


@pytest.mark.parametrize(("sql", "why"), [
    ("select * from {{ source('raw', 'a') }}", "whose columns are not read"),
    ("select {{ dbt_utils.star(ref('x')) }} from {{ ref('x') }}", "template code"),
    ("select id, {{ col }}_amount from t", "template code"),
    ("select id, count(*) from t group by 1", "without a name"),
    ("select * from a join b on a.id = b.id", "more than one table"),
    ("select * except (id) from {{ ref('other') }}", "except"),
    ("{% if target.name == 'dev' %}select 1 as a{% else %}select 2 as b{% endif %}", "{% if %}"),
    ("select * from {{ ref('missing') }}", "does not define"),
    ("select from where", "does not parse"),
])
def test_columns_that_cannot_be_known_are_unknown_with_the_reason(sql: str, why: str) -> None:
    model = models({"models/m.sql": sql, "models/other.sql": "select 1 as id, 2 as x"})["m"]
    assert model.selected is None
    assert model.unresolved is not None and why in model.unresolved


def test_incremental_filters_macros_with_aliases_and_unions_keep_the_columns() -> None:
    sql = ("{{ config(materialized='incremental', contract={'enforced': true}) }}\n"
           "{# a comment #}\n{% set cutoff = 3 %}\n"
           "select id, {{ cents_to_dollars('amount') }} as amount, updated_at from {{ ref('src') }}\n"
           "{% if is_incremental() %}\nwhere updated_at > (select max(updated_at) from {{ this }})\n{% endif %}\n"
           "union all\nselect id, amount, updated_at from {{ ref('src') }}")
    model = models({"models/m.sql": sql, "models/src.sql": "select 1 as id"})["m"]
    assert selected(model) == ["id", "amount", "updated_at"]
    assert model.selected is not None and model.selected[0].locator == "models/m.sql#L4"  # lines kept
    assert model.enforced


def test_properties_contract_data_types_data_tests_and_versions() -> None:
    found = models({
        "models/orders.sql": "select 1 as order_id, 'x' as status",
        "models/wide.sql": "select 1 as id",
        "models/_models.yml": """version: 2
models:
  - name: orders
    config:
      contract:
        enforced: true
    columns:
      - name: order_id
        data_type: int
        data_tests: [unique, not_null]
      - name: status
        data_type: varchar
  - name: wide
    latest_version: 2
    versions:
      - v: 2
""",
    })
    orders = found["orders"]
    assert orders.enforced
    assert orders.documented is not None
    assert [(c.name, c.data_type, c.tests, c.locator) for c in orders.documented] == [
        ("order_id", "int", ["unique", "not_null"], "models/_models.yml#L8"),
        ("status", "varchar", [], "models/_models.yml#L11")]
    assert found["wide"].documented is None  # versioned: its columns are per version, not read


def test_model_paths_and_dependencies_folders() -> None:
    snapshot = MemorySnapshot({
        "warehouse/dbt_project.yml": b"name: w\nmodel-paths: [transform]\n",
        "warehouse/transform/a.sql": b"select 1 as x",
        "warehouse/models/ignored.sql": b"select 1 as y",
        "warehouse/dbt_packages/pkg/dbt_project.yml": b"name: pkg\n",
        "warehouse/dbt_packages/pkg/models/p.sql": b"select 1 as z",
    })
    found = read_dbt_project(snapshot).models
    assert [(m.project, m.name, m.sql_path) for m in found] == [("warehouse", "a", "warehouse/transform/a.sql")]


def test_a_model_defined_twice_is_skipped_and_said() -> None:
    snapshot = MemorySnapshot({"dbt_project.yml": PROJECT, "models/a/m.sql": b"select 1 as x",
                               "models/b/m.sql": b"select 2 as x"})
    read = read_dbt_project(snapshot)
    assert read.models == [] and read.problems[0].what == "dbt model m"


def test_render_keeps_lines_and_names_refs() -> None:
    template = render("select *\nfrom {{ ref('a') }}\n{{ config(\n  materialized='view'\n) }}")
    assert template.sql.count("\n") == 4 and template.refs == {"__dbt_ref__a": "a"}
    spaced = render("{{ config (\n  properties={'partitioning': \"ARRAY['k']\"}\n)\n}}\nselect 1 as k")
    assert spaced.sql.strip() == "select 1 as k"
    with pytest.raises(Unresolved):
        render("{% for x in y %}{{ x }}{% endfor %}")


def test_a_yaml_file_that_does_not_parse_is_said_with_its_line() -> None:
    read = read_dbt_project(MemorySnapshot({"dbt_project.yml": PROJECT, "models/m.sql": b"select 1 as id",
                                            "models/s.yml": b"models:\n  - name: m\n    description: a (b: c)\n"}))
    assert [(u.path, u.line) for u in read.unreadable] == [("models/s.yml", 3)]
    assert read.problems[0].what == "models/s.yml" and "line 3" in read.problems[0].why
    assert [m.name for m in read.models] == ["m"]


def test_each_model_sql_is_parsed_once_per_content_and_unparseable_sql_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import custody.reviewer.gather.readers.dbt as dbt
    from custody.reviewer.gather import content_cache

    monkeypatch.setattr(content_cache, "_objects", content_cache.Lru(100))  # a fresh process
    parsed: list[str] = []
    real = dbt._parse_fresh
    monkeypatch.setattr(dbt, "_parse_fresh", lambda sql: (parsed.append(sql), real(sql))[1])
    tree = {"models/a.sql": "select 1 as id, 2 as x", "models/b.sql": "select from where"}
    first = models(tree)
    assert len(parsed) == 2 and selected(first["a"]) == ["id", "x"]
    again = models({**tree, "models/a.sql": "select 1 as id, 3 as y"})  # a push changes a.sql only
    assert len(parsed) == 3 and selected(again["a"]) == ["id", "y"]
    assert again["b"].unresolved is not None and "does not parse" in again["b"].unresolved
