"""The repository's own data records: DVC pointers, dvc.lock and snapshot lists."""

from __future__ import annotations

import json
from itertools import pairwise

from custody.reviewer.gather.readers.data_records import read_data_records
from hypothesis import given
from hypothesis import strategies as st

POINTER = "outs:\n- md5: 3f9a2c1d7be04411aa22bb33cc44dd55\n  size: 1234\n  hash: md5\n  path: sales_2026w40.parquet\n"
LOCK = ("schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    deps:\n"
        "    - path: data/accounts_2026q3.parquet\n      md5: 9f8e7d6c11aa22bb.dir\n    outs:\n"
        "    - path: models/model.pkl\n      md5: aaaaaaaa11\n")


def test_pointer_lock_and_snapshot_list() -> None:
    records, problems = read_data_records({
        "data/sales_2026w40.parquet.dvc": POINTER,
        "dvc.lock": LOCK,
        "data/snapshots.yaml": "snapshots:\n- {name: load_2026h1, rows: '1,934,210', digest: A41C09E2}\n",
        "data/snapshot_index.json": json.dumps([{"snapshot": "calls_2026q2", "num_rows": 4210}]),
        "src/train.py": "name = 'x'\nmd5 = 'deadbeefdead'\n",
    })
    assert problems == []
    assert sorted((r.name, r.digest, r.rows, r.locator) for r in records) == [
        ("accounts_2026q3", "9f8e7d6c11aa22bb", None, "dvc.lock"),
        ("calls_2026q2", None, 4210, "data/snapshot_index.json"),
        ("load_2026h1", "a41c09e2", 1_934_210, "data/snapshots.yaml"),
        ("model", "aaaaaaaa11", None, "dvc.lock"),
        ("sales_2026w40", "3f9a2c1d7be04411aa22bb33cc44dd55", None, "data/sales_2026w40.parquet.dvc"),
    ]


def test_unreadable_records_state_nothing_and_are_reported() -> None:
    records, problems = read_data_records({"x.dvc": "outs: [\n", "dvc.lock": "- 1\n- 2\n", "a_snapshot.json": "{"})
    assert records == []
    assert [(p.what, p.why) for p in problems] == [("a_snapshot.json", "data record not readable (JSONDecodeError)"),
                                                   ("x.dvc", "data record not readable (ParserError)")]


def test_a_name_without_digest_or_rows_is_no_record() -> None:
    assert read_data_records({"data/snapshots.yaml": "- name: a\n  owner: b\n- name: c\n  md5: xyz\n"}) == ([], [])


def test_an_aliased_record_is_read_once_and_a_bombed_lock_is_reported() -> None:
    shared = "base: &d {path: data/a.parquet, md5: 3f9a2c1d7be04411}\nstages:\n  x: {deps: [*d, *d]}\n"
    bomb = "a: &a [x, x]\n" + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in pairwise("abcdefghi"))
    records, problems = read_data_records({"dvc.lock": shared, "data/x_snapshot.yaml": bomb})
    assert [(r.name, r.locator) for r in records] == [("a", "dvc.lock")]
    assert [(p.what, p.why) for p in problems] == [
        ("data/x_snapshot.yaml", "YAML aliases expand beyond the limit (100,000 nodes)")]


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20))
def test_any_json_reads_without_raising(data: object) -> None:
    for record in read_data_records({"data/snapshots.json": json.dumps(data)})[0]:
        assert record.digest or record.rows is not None
