"""Local service addresses whose scheme a change flips, and where else the repository names them."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from custody.reviewer.gather.readers.code_changes import key_changes
from custody.reviewer.gather.readers.diff import parse_unified_diff
from custody.reviewer.gather.readers.endpoints import host_moves, local_address_replaced, port_moves, scheme_flips

FIXTURE = Path(__file__).parents[2] / "fixtures" / "ml" / "metaflow" / "ml-school-0eba784"


def test_a_flipped_local_address_is_found_with_the_places_naming_each_scheme() -> None:
    diff = parse_unified_diff((FIXTURE / "training.py.diff").read_text())
    texts = {"README.md": (FIXTURE / "README.md").read_text(), "justfile": (FIXTURE / "justfile").read_text()}
    [flip] = scheme_flips(diff.files, texts)
    assert (flip.path, flip.old, flip.new) == ("pipelines/training.py", "http://127.0.0.1:5000",
                                               "https://127.0.0.1:5000")
    assert "MLFLOW_TRACKING_URI" in flip.code and flip.line == 52
    assert "justfile#L5" in flip.old_elsewhere and any(p.startswith("README.md#L") for p in flip.old_elsewhere)
    assert flip.new_elsewhere == []


def test_public_hosts_docs_and_unchanged_schemes_are_not_flips() -> None:
    public = parse_unified_diff(
        "--- a/app.py\n+++ b/app.py\n@@ -1 +1 @@\n-URL = 'http://example.com:80'\n+URL = 'https://example.com:80'\n")
    doc = parse_unified_diff(
        "--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-see http://localhost:8080\n+see https://localhost:8080\n")
    kept = parse_unified_diff("--- a/app.py\n+++ b/app.py\n@@ -1 +1,2 @@\n-A = 'http://localhost:8080'\n"
                              "+A = 'https://localhost:8080'\n+B = 'http://localhost:8080'\n")
    assert scheme_flips(public.files + doc.files + kept.files, {}) == []


def test_another_port_is_another_address() -> None:
    diff = parse_unified_diff(
        "--- a/c.py\n+++ b/c.py\n@@ -1 +1 @@\n-U = 'http://localhost:5000'\n+U = 'https://localhost:5000'\n")
    [flip] = scheme_flips(diff.files, {"README.md": "open http://localhost:50001 and https://localhost:5000/x\n"})
    assert flip.old_elsewhere == [] and flip.new_elsewhere == ["README.md#L1"]


def test_each_change_is_scanned_once_per_content_and_its_places_read_each_review(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import custody.reviewer.gather.readers.endpoints as endpoints
    from custody.reviewer.gather import content_cache

    monkeypatch.setattr(content_cache, "_objects", content_cache.Lru(100))  # a fresh process
    scanned: list[str] = []
    real = endpoints._flips_in
    monkeypatch.setattr(endpoints, "_flips_in", lambda change: (scanned.append(change.path), real(change))[1])
    diff = parse_unified_diff(
        "--- a/c.py\n+++ b/c.py\n@@ -1 +1 @@\n-U = 'http://localhost:5000'\n+U = 'https://localhost:5000'\n")
    first = scheme_flips(diff.files, {"README.md": "run http://localhost:5000\n"})
    again = scheme_flips(parse_unified_diff(
        "--- a/c.py\n+++ b/c.py\n@@ -1 +1 @@\n-U = 'http://localhost:5000'\n+U = 'https://localhost:5000'\n").files,
        {"README.md": "run https://localhost:5000\n"})  # the docs moved too: read again, not remembered
    assert scanned == ["c.py"]
    assert first[0].old_elsewhere == ["README.md#L1"] and again[0].old_elsewhere == []
    assert again[0].new_elsewhere == ["README.md#L1"]


FEAST = Path(__file__).parents[2] / "fixtures" / "ml" / "feast" / "credit-score-local-6f074a6"
STORE = "feature_repo/feature_store.yaml"


def _store_moves(base: str, head: str, readme: str | None, path: str = STORE,
                 configs: dict[str, str] | None = None) -> list[tuple[str, str, str, str | None]]:
    before, after = (FEAST / base).read_text(), (FEAST / head).read_text()
    patch = "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"a/{path}", f"b/{path}"))
    files = parse_unified_diff(patch).files
    assert local_address_replaced(files)
    changes = [k for f in files for k in key_changes(f, after)]
    text = (FEAST / readme).read_text() if readme else "# Credit scoring\n\nRun `feast apply` in feature_repo/.\n"
    moves = host_moves(changes, {"README.md": text}, lambda: {path: after, **(configs or {})})
    assert all(m.local_elsewhere and m.local_elsewhere[0].startswith("README.md#L") for m in moves)
    return [(m.key, m.old, m.new, m.variable) for m in moves]


def test_a_store_moved_off_the_machine_the_readme_sets_up_is_a_host_move() -> None:
    assert _store_moves("feature_store.base.yaml", "feature_store.yaml", "README.md") == [
        ("registry.path", "localhost:5432", "postgres.feast.svc.cluster.local:5432", None),
        ("online_store.connection_string", "localhost:6379", "${REDIS_HOST}:6379", "REDIS_HOST"),
    ]


def test_local_defaults_and_documented_variables_are_no_host_move() -> None:
    # 49b7204 gives each variable a local default; its README names the variables too
    assert _store_moves("feature_store.base.yaml", "feature_store.49b7204.yaml", "README.md") == []
    assert _store_moves("feature_store.base.yaml", "feature_store.yaml", "README.49b7204.md") == [
        ("registry.path", "localhost:5432", "postgres.feast.svc.cluster.local:5432", None)]


def test_a_move_the_docs_do_not_serve_locally_is_not_reported() -> None:
    assert _store_moves("feature_store.base.yaml", "feature_store.yaml", None) == []


def test_a_deployed_environments_config_moved_off_the_machine_is_no_host_move() -> None:
    for path in ("deploy/prod/feature_store.yaml", "k8s/feature_store.yaml", "charts/feast/values.yaml",
                 "feature_repo/feature_store.staging.yaml", "manifests/feature_store.yaml"):
        assert _store_moves("feature_store.base.yaml", "feature_store.yaml", "README.md", path) == [], path
    # a word inside another one names no environment
    assert len(_store_moves("feature_store.base.yaml", "feature_store.yaml", "README.md",
                            "products/feature_store.yaml")) == 2


def test_a_key_another_config_still_sets_to_the_local_address_is_no_host_move() -> None:
    local = (FEAST / "feature_store.base.yaml").read_text()
    assert _store_moves("feature_store.base.yaml", "feature_store.yaml", "README.md",
                        configs={"feature_repo/feature_store.local.yaml": local}) == []
    # another config giving the address to another key leaves the move; giving it to the same key does not
    other = "cache:\n  url: redis://localhost:6379\n"
    assert [key for key, *_ in _store_moves("feature_store.base.yaml", "feature_store.yaml", "README.md",
                                            configs={"cache.yaml": other})] == ["registry.path",
                                                                               "online_store.connection_string"]
    same = "online_store:\n  connection_string: localhost:6379\n"
    assert [key for key, *_ in _store_moves("feature_store.base.yaml", "feature_store.yaml", "README.md",
                                            configs={"local.yaml": same})] == ["registry.path"]


MLFLOW_FOR_ML_DEV = Path(__file__).parents[2] / "fixtures" / "ml" / "mlflow" / "mlflow_for_ml_dev"


def test_a_port_move_is_found_with_where_the_old_port_is_served_and_the_new_one_named() -> None:
    diff = parse_unified_diff((MLFLOW_FOR_ML_DEV / "walmart_online_inference-fa30357.diff").read_text())
    path = "examples/walmart_sales_regression/online_inference.py"
    texts = {path: (MLFLOW_FOR_ML_DEV / "walmart_online_inference-fa30357.py").read_text(),
             "examples/iris_classifier/online_inference.py":
                 (MLFLOW_FOR_ML_DEV / "iris_online_inference-fa30357.py").read_text()}
    [move] = port_moves(diff.files, texts)
    assert (move.path, move.line, move.old, move.new) == (path, 14, "http://localhost:5000", "http://localhost:8080")
    # the file's own docstring serves the model with `-p 5000`; another client reaches 127.0.0.1:5000
    assert f"{path}#L11" in move.old_served
    assert any(p.startswith("examples/iris_classifier/online_inference.py#L") for p in move.old_served)
    assert move.new_named == []


def test_the_fix_moves_back_to_a_port_the_docstring_serves() -> None:
    diff = parse_unified_diff((MLFLOW_FOR_ML_DEV / "walmart_online_inference-c9fe885.diff").read_text())
    path = "examples/walmart_sales_regression/online_inference.py"
    [move] = port_moves(diff.files, {path: (MLFLOW_FOR_ML_DEV / "walmart_online_inference-c9fe885.py").read_text()})
    assert (move.old, move.new) == ("http://localhost:8080", "http://localhost:5000")
    assert move.new_named == [f"{path}#L12"] and move.old_served == []


def test_docs_other_hosts_schemes_and_rewritten_lists_are_not_port_moves() -> None:
    doc = parse_unified_diff(
        "--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-see http://localhost:5000\n+see http://localhost:8080\n")
    public = parse_unified_diff(
        "--- a/c.py\n+++ b/c.py\n@@ -1 +1 @@\n-U = 'http://example.com:5000'\n+U = 'http://example.com:8080'\n")
    scheme = parse_unified_diff(
        "--- a/c.py\n+++ b/c.py\n@@ -1 +1 @@\n-U = 'http://localhost:5000'\n+U = 'https://localhost:8080'\n")
    listed = parse_unified_diff("--- a/c.py\n+++ b/c.py\n@@ -1,2 +1 @@\n-A = 'http://localhost:5000'\n"
                                "-B = 'http://localhost:5001'\n+A = 'http://localhost:8080'\n")
    assert port_moves(doc.files + public.files + scheme.files + listed.files, {}) == []


def test_the_new_port_named_anywhere_else_counts_but_not_the_moved_line_itself() -> None:
    diff = parse_unified_diff(
        "--- a/c.py\n+++ b/c.py\n@@ -1 +1 @@\n-U = 'http://localhost:5000'\n+U = 'http://localhost:8080'\n")
    texts = {"c.py": "U = 'http://localhost:8080'\n", "Makefile": "serve:\n\tmlflow models serve --port=8080\n",
             "README.md": "Start it with `mlflow server -p 5000` (not 50001).\n"}
    [move] = port_moves(diff.files, texts)
    assert move.new_named == ["Makefile#L2"] and move.old_served == ["README.md#L1"]


def test_port_8080_is_named_where_the_repository_builds_an_mlflow_serving_image() -> None:
    diff = parse_unified_diff((MLFLOW_FOR_ML_DEV / "walmart_online_inference-fa30357.diff").read_text())
    path = "examples/walmart_sales_regression/online_inference.py"
    texts = {path: (MLFLOW_FOR_ML_DEV / "walmart_online_inference-fa30357.py").read_text(),
             "README.md": "poetry run mlflow models build-docker --model-uri models:/m@production -n m\n"}
    [move] = port_moves(diff.files, texts)
    assert move.new_named == ["README.md#L1"]
