"""A Kedro node without outputs whose function returns a value, on the real spaceflights-pandas starter:
upstream's #266 made `evaluate_model` return its metrics while the node kept `outputs=None` (#299 fixed it)."""

from __future__ import annotations

from pathlib import Path

from custody.agents.code_checks.node_outputs import discarded_output_hits
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.readers.kedro import read_kedro
from custody.reviewer.gather.snapshot import MemorySnapshot

from tests.helpers import fixture_path

ROOT = fixture_path("ml", "kedro", "spaceflights-pandas")
PIPE = "src/spaceflights/pipelines/data_science/pipeline.py"
NODES = "src/spaceflights/pipelines/data_science/nodes.py"
RETURN = '    return {"r2_score": score, "mae": mae, "max_error": me}\n'


def _tree() -> dict[str, str]:
    return {p.relative_to(ROOT).as_posix(): p.read_text() for p in Path(ROOT).rglob("*") if p.is_file()}


def _hits(base: dict[str, str], head: dict[str, str]) -> list[tuple[str, str, int | None]]:
    diff = diff_snapshots(MemorySnapshot({k: v.encode() for k, v in base.items()}),
                          MemorySnapshot({k: v.encode() for k, v in head.items()}))
    graphs = read_kedro(sorted(head), head.get, "head")
    bases = read_kedro(sorted(base), base.get, "base")
    return [(h.subject, h.path, h.line) for h in discarded_output_hits(graphs, bases, head, diff.files)]


def test_a_return_added_to_a_function_whose_node_has_no_outputs() -> None:
    fixed = _tree()  # upstream today: outputs="metrics"
    assert RETURN in fixed[NODES]
    dropped = {**fixed, PIPE: fixed[PIPE].replace('outputs="metrics"', "outputs=None")}
    before = {**dropped, NODES: dropped[NODES].replace(RETURN, "")}  # #266's base: evaluate_model returned nothing
    line = dropped[NODES].splitlines().index(RETURN.rstrip("\n")) + 1
    assert _hits(before, dropped) == [("evaluate_model", NODES, line)]
    assert _hits(dropped, fixed) == []  # #299: the node names its output
    assert _hits(dropped, {**dropped, "README.md": "x"}) == []  # dropped before this change too
    # the node losing its outputs is this change's doing even when the return is old
    assert _hits(fixed, dropped) == [("evaluate_model", NODES, line)]
