"""The GitHub Action's command: a real `pull_request` event file and the environment Actions sets,
against the stand-in; the same comment as the App, and a fork's read-only token still reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from custody.reviewer.app.cli import main
from custody.reviewer.app.demo.delivery import pull_request_delivery
from custody.reviewer.app.github.action import ActionInputError, read_event, run_action
from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.world import Fault
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings

from tests.app.github.support import EXAMPLE, FAST, NUMBER, REPO, job, summaries


def event_file(world: World, api_url: str, folder: Path) -> Path:
    pr = world.pull_request_info(REPO, NUMBER)
    payload = pull_request_delivery(repo=REPO, number=NUMBER, title=pr["title"], body=pr["body"], author=pr["author"],
                                    head_ref=pr["head_ref"], head_sha=pr["head_sha"], base_ref=pr["base_ref"],
                                    base_sha=pr["base_sha"], installation_id=5, api_url=api_url)
    path = folder / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def actions_env(standin: StandIn, folder: Path) -> dict[str, str]:
    return {"GITHUB_TOKEN": "ghs_workflow_token", "GITHUB_API_URL": standin.base_url, "GITHUB_RUN_ID": "77",
            "GITHUB_STEP_SUMMARY": str(folder / "summary.md"), "GITHUB_REPOSITORY": REPO,
            "GITHUB_EVENT_NAME": "pull_request"}


def test_the_action_posts_the_same_comment_as_the_app(tmp_path: Path, settings: Settings, store: Store,
                                                      private_key: str) -> None:
    app_world = World.from_scenario(EXAMPLE, installation_id=5)
    with StandIn(app_world) as app_standin:
        app_settings = Settings(app_id="1", private_key=private_key, github_api_url=app_standin.base_url,
                                mlflow_tracking_uri=f"{app_standin.base_url}/_mlflow", mlflow_single_tenant=True)
        handle_job(job(app_world), app_settings, store, **FAST)
        app_api = app_standin.base_url
    (app_comment,) = summaries(app_world)

    world = World.from_scenario(EXAMPLE, installation_id=5)
    world.app_slug = "github-actions"  # a workflow token writes as github-actions[bot]
    with StandIn(world) as standin:
        env = actions_env(standin, tmp_path)
        settings_here = Settings(github_api_url=standin.base_url, mlflow_tracking_uri=f"{standin.base_url}/_mlflow")
        event = event_file(world, standin.base_url, tmp_path)
        result = run_action(event, settings_here, env, output=tmp_path / "out", **FAST)
        again = run_action(event, settings_here, env, **FAST)  # a re-run edits, never duplicates
        api = standin.base_url
    assert result.posted and again.posted
    (comment,) = summaries(world)
    # Byte for byte, but for where each stand-in listens (registry citations name the tracking URI).
    def where(url: str) -> str:
        return url.removeprefix("http://")

    assert str(comment["body"]).replace(where(api), "API") == str(app_comment["body"]).replace(where(app_api), "API")
    repo = world.repo(REPO)
    assert repo is not None and repo.check_runs
    assert repo.check_runs[-1]["conclusion"] == result.outcome.verdict.conclusion
    assert result.exit_code == (1 if result.outcome.verdict.conclusion == "failure" else 0)
    assert json.loads((tmp_path / "out" / "verdict.json").read_text())["schema"] == "custody.review/v1"
    assert (tmp_path / "out" / "evidence.json").is_file()
    assert "Custody" in (tmp_path / "summary.md").read_text()


def test_a_read_only_token_still_gets_a_summary_and_annotations(tmp_path: Path, world: World, standin: StandIn,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    world.faults.append(Fault("POST", r"/issues/\d+/comments$", 403, times=5,
                              message="Resource not accessible by integration"))
    env = actions_env(standin, tmp_path)
    settings_here = Settings(github_api_url=standin.base_url, mlflow_tracking_uri=f"{standin.base_url}/_mlflow")
    result = run_action(event_file(world, standin.base_url, tmp_path), settings_here, env, **FAST)
    assert not result.posted
    summary = (tmp_path / "summary.md").read_text()
    assert "could not post to the pull request" in summary and "Walkthrough" in summary
    printed = capsys.readouterr().out.splitlines()
    assert any(line.startswith(("::error", "::warning")) and "file=" in line for line in printed)


def test_the_command_line_runs_the_action_and_reports_bad_events(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "push.json").write_text(json.dumps({"ref": "refs/heads/main", "repository": {"full_name": "o/r"}}))
    assert main(["review", "--github-event", str(tmp_path / "push.json")]) == 2
    assert "not a pull_request event" in capsys.readouterr().err
    assert main(["review", "--github-event", str(tmp_path / "missing.json")]) == 2
    with pytest.raises(ActionInputError, match="no such file"):
        read_event(tmp_path / "missing.json")
