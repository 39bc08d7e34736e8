"""The command line: exit codes, formats and recording an offline review."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from custody.reviewer.app.cli import main
from custody.reviewer.app.store import Store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "churn-retrain"


def test_review_prints_the_json_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(EXAMPLE), "--format", "json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["schema"] == "custody.review/v1"
    assert verdict["conclusion"] in {"success", "neutral", "failure"}
    assert all(f["citations"] for f in verdict["findings"])
    assert 0 <= verdict["risk"]["overall"] <= 100


def test_review_prints_the_markdown_comment(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.startswith("<!-- custody:summary -->")


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda d: (d / "scenario.yml").unlink(), "no scenario.yml"),
        (lambda d: shutil.rmtree(d / "head"), "no head/ folder"),
        (lambda d: (d / "scenario.yml").write_text("repo: [unclosed\n"), "not valid YAML"),
        (lambda d: (d / "scenario.yml").write_text("- a list\n"), "must be a mapping"),
        (lambda d: (d / "scenario.yml").write_text("repo: o/r\nnumber: many\n"), "number"),
        (lambda d: (d / "scenario.yml").write_text("repo: o/r\nnumber: 1\ncreated_at: 'yesterday'\n"), "ISO 8601"),
    ],
)
def test_unusable_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              mutate: object, reason: str) -> None:
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    mutate(folder)  # type: ignore[operator]
    assert main(["review", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert reason in err and "\n" not in err and "Traceback" not in err


def test_broken_artifacts_are_reported_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    (folder / "registry" / "mlflow.json").write_text("{not json")
    (folder / "tickets" / "17.json").write_text("[1, 2")
    (folder / "base" / ".github" / "custody.yml").write_text("tickets: [oops\n")
    assert main(["review", str(folder), "--format", "json"]) == 0
    skipped = {s["what"]: s["why"] for s in json.loads(capsys.readouterr().out)["coverage"]["skipped"]}
    assert "model registry" in skipped and "not valid JSON" in skipped["model registry"]
    assert ".github/custody.yml" in skipped and "defaults" in skipped[".github/custody.yml"]
    assert any(k.startswith("ticket") for k in skipped)


def test_record_stores_the_review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'custody.db'}"
    monkeypatch.setenv("CUSTODY_DATABASE_URL", url)
    assert main(["review", str(EXAMPLE), "--record"]) == 0
    store = Store(url)
    try:
        records = store.reviews("acme/churn-model")
        assert [(r.number, r.milestone) for r in records] == [(42, "Sprint 14")]
    finally:
        store.close()


def test_with_a_key_and_a_dead_endpoint_the_deterministic_verdict_stands(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(EXAMPLE), "--format", "json"]) == 0
    baseline = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-key-not-real-000000")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")
    assert main(["review", str(EXAMPLE), "--format", "json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["conclusion"] == baseline["conclusion"]
    assert [f["rule"] for f in verdict["findings"]] == [f["rule"] for f in baseline["findings"]]
    assert any("deterministic verdict stands" in s["why"] for s in verdict["coverage"]["skipped"])


def test_eval_prints_the_contract_summary_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "one")
    (tmp_path / "one" / "expected.yml").write_text("clean: false\ndeltas: []\n")
    assert main(["eval", str(tmp_path)]) == 0
    line = json.loads(capsys.readouterr().out)
    assert {"scenarios", "deltas", "caught", "recall", "clean", "false_positives", "fp_per_clean"} <= set(line)
    assert line["scenarios"] == 1


def test_eval_per_set_prints_one_line_per_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("synthetic", "realworld"):
        shutil.copytree(EXAMPLE, tmp_path / name / "s")
        (tmp_path / name / "s" / "expected.yml").write_text("clean: true\n")
    assert main(["eval", "--per-set", str(tmp_path / "synthetic"), str(tmp_path / "realworld")]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["set"] for x in lines] == [str(tmp_path / "synthetic"), str(tmp_path / "realworld")]
    assert all(x["clean"] == 1 and "medium_precision" in x for x in lines)


def test_a_missing_folder_is_named_as_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.strip() == f"custody: {tmp_path / 'nowhere'}: no such folder"


def test_yaml_errors_give_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    (folder / "scenario.yml").write_text("repo: o/r\nnumber: 1\ntitle: [unclosed\n")
    assert main(["review", str(folder)]) == 2
    assert f"{folder / 'scenario.yml'}:4:1: not valid YAML" in capsys.readouterr().err


def test_a_pull_request_number_past_32_bits_is_an_error_naming_the_file(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    (folder / "scenario.yml").write_text("repo: o/r\nnumber: 2147483648\n")
    (folder / "expected.yml").write_text("clean: true\n")
    said = f"custody: {folder / 'scenario.yml'}: number: Input should be less than or equal to 2147483647"
    for command in (["review", str(folder)], ["eval", str(tmp_path)], ["rules", "test", str(tmp_path)],
                    ["standin", str(folder), "--port", "0"]):
        assert main(command) == 2, command
        assert said.split(": Input")[0] in capsys.readouterr().err, command


def test_errors_are_json_under_format_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(tmp_path / "nowhere"), "--format", "json"]) == 2
    captured = capsys.readouterr()
    error = json.loads(captured.out)["error"]
    assert error["kind"] == "bad_input" and "no such folder" in error["message"]
    assert captured.err.startswith("custody: ")  # the contract's one line on stderr stays


def test_jobs_dead_lists_what_was_given_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("CUSTODY_DATABASE_URL", url)
    assert main(["jobs", "dead"]) == 0
    assert capsys.readouterr().out.strip() == "no dead jobs"
    store = Store(url)
    store.accept_delivery("gone-1", "pull_request", "opened", "acme/m", 4, "a" * 40, "{}")
    store.accept_delivery("fine-1", "pull_request", "opened", "acme/m", 5, "b" * 40, "{}")
    store.fail_delivery("gone-1", "GitHub answered 404 to reading acme/m#4")
    store.finish_delivery("fine-1")
    store.close()
    assert main(["jobs", "dead"]) == 0
    [line] = capsys.readouterr().out.strip().splitlines()
    assert "gone-1  pull_request  acme/m#4  claims=1  GitHub answered 404 to reading acme/m#4" in line
    assert main(["jobs", "dead", "--json"]) == 0
    [dead] = json.loads(capsys.readouterr().out)
    assert (dead["delivery"], dead["repo"], dead["number"], dead["claims"]) == ("gone-1", "acme/m", 4, 1)


def test_mlflow_connect_names_what_it_needs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("CUSTODY_MLFLOW_URI", "MLFLOW_TRACKING_URI", "CUSTODY_MLFLOW_WEBHOOK_SECRET", "CUSTODY_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CUSTODY_DATABASE_URL", f"sqlite:///{tmp_path / 'c.db'}")
    assert main(["mlflow", "connect", "--url", "https://custody.example.com"]) == 2
    assert "CUSTODY_MLFLOW_URI, CUSTODY_MLFLOW_WEBHOOK_SECRET" in capsys.readouterr().err


def test_mlflow_connect_says_when_mlflow_cannot_be_reached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CUSTODY_MLFLOW_URI", "http://127.0.0.1:9")
    monkeypatch.setenv("CUSTODY_MLFLOW_WEBHOOK_SECRET", "s3cret-value-for-the-test")
    monkeypatch.setenv("CUSTODY_DATABASE_URL", f"sqlite:///{tmp_path / 'c.db'}")
    assert main(["mlflow", "connect", "--url", "https://custody.example.com"]) == 1
    err = capsys.readouterr().err
    assert "could not be reached" in err and "s3cret" not in err


def test_rules_list_names_the_builtin_rules_and_the_repositorys_own(capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).parents[2] / "docs" / "examples" / "team-rules"
    assert main(["rules", "list", "--repo", str(example)]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert any(r.startswith("card.exists ") and "(built-in)" in r for r in rows)
    [row] = [r for r in rows if r.startswith("team.no-print-in-pipelines ")]
    assert row.split()[1:5] == ["hygiene", "low", "-", "rego"] and "team (.github/custody/team.yml)" in row
