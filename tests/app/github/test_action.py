"""The GitHub Action's command: a real `pull_request` event file and the environment Actions sets,
against the stand-in; the same comment as the App, and a fork's read-only token still reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from custody.reviewer.app.cli import main
from custody.reviewer.app.demo.delivery import pull_request_delivery
from custody.reviewer.app.evaluate import find_scenarios
from custody.reviewer.app.github.action import ActionInputError, ActionResult, read_event, run_action
from custody.reviewer.app.github.service import handle_job
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.standin.world import Fault
from custody.reviewer.app.store import Store
from custody.reviewer.outcome.markdown import MARKER
from custody.reviewer.settings import Settings

from tests.app.github.support import EXAMPLE, FAST, NUMBER, REPO
from tests.helpers import load_json

BENCHMARK = Path(__file__).resolve().parents[3] / "benchmark"
SCENARIOS = find_scenarios([BENCHMARK / "scenarios", BENCHMARK / "realworld"])


def event_file(world: World, api_url: str, folder: Path, repo: str = REPO, number: int = NUMBER) -> Path:
    pr = world.pull_request_info(repo, number)
    payload = pull_request_delivery(repo=repo, number=number, title=pr["title"], body=pr["body"], author=pr["author"],
                                    head_ref=pr["head_ref"], head_sha=pr["head_sha"], base_ref=pr["base_ref"],
                                    base_sha=pr["base_sha"], installation_id=5, api_url=api_url)
    path = folder / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def actions_env(standin: StandIn, folder: Path, repo: str = REPO) -> dict[str, str]:
    return {"GITHUB_TOKEN": "ghs_workflow_token", "GITHUB_API_URL": standin.base_url, "GITHUB_RUN_ID": "77",
            "GITHUB_STEP_SUMMARY": str(folder / "summary.md"), "GITHUB_REPOSITORY": repo,
            "GITHUB_EVENT_NAME": "pull_request"}


def the_pull_request(folder: Path) -> tuple[str, int]:
    spec = yaml.safe_load((folder / "scenario.yml").read_text(encoding="utf-8"))
    return str(spec["repo"]), int(spec["number"])


def summaries_of(world: World, repo: str) -> list[dict[str, object]]:
    state = world.repo(repo)
    assert state is not None
    return [c for c in state.comments if MARKER in str(c["body"])]


def app_comment(folder: Path, settings: Settings, store: Store, private_key: str) -> str:
    """What the App posts for this scenario's PR, with where its stand-in listened written as API."""
    repo, number = the_pull_request(folder)
    world = World.from_scenario(folder, installation_id=5)
    head = world.pull_request_info(repo, number)["head_sha"]
    with StandIn(world) as standin:
        app_settings = Settings(app_id="1", private_key=private_key, github_api_url=standin.base_url,
                                mlflow_tracking_uri=f"{standin.base_url}/_mlflow", mlflow_single_tenant=True)
        handle_job(ReviewJob(installation_id=5, repo=repo, number=number, delivery_id="d", head_sha=head),
                   app_settings, store, **FAST)
        api = standin.base_url.removeprefix("http://")
    (comment,) = summaries_of(world, repo)
    return str(comment["body"]).replace(api, "API")


def action_run(folder: Path, out: Path, output: Path | None = None) -> tuple[ActionResult, ActionResult, World, str]:
    """The Action run twice on this scenario's PR (the second must edit, not add), and its comment."""
    repo, number = the_pull_request(folder)
    world = World.from_scenario(folder, installation_id=5)
    world.app_slug = "github-actions"  # a workflow token writes as github-actions[bot]
    with StandIn(world) as standin:
        env = actions_env(standin, out, repo)
        settings_here = Settings(github_api_url=standin.base_url, mlflow_tracking_uri=f"{standin.base_url}/_mlflow")
        event = event_file(world, standin.base_url, out, repo, number)
        first = run_action(event, settings_here, env, output=output, **FAST)
        again = run_action(event, settings_here, env, **FAST)
        api = standin.base_url.removeprefix("http://")
    (comment,) = summaries_of(world, repo)
    return first, again, world, str(comment["body"]).replace(api, "API")


def test_the_action_posts_the_same_comment_as_the_app(tmp_path: Path, settings: Settings, store: Store,
                                                      private_key: str) -> None:
    expected = app_comment(EXAMPLE, settings, store, private_key)
    result, again, world, comment = action_run(EXAMPLE, tmp_path, output=tmp_path / "out")
    assert result.posted and again.posted
    # Byte for byte, but for where each stand-in listens (registry citations name the tracking URI).
    assert comment == expected
    repo = world.repo(REPO)
    assert repo is not None and repo.check_runs
    assert repo.check_runs[-1]["conclusion"] == result.outcome.verdict.conclusion
    assert result.exit_code == (1 if result.outcome.verdict.conclusion == "failure" else 0)
    assert json.loads((tmp_path / "out" / "verdict.json").read_text())["schema"] == "custody.review/v1"
    assert (tmp_path / "out" / "evidence.json").is_file()
    assert "Custody" in (tmp_path / "summary.md").read_text()


@pytest.mark.slow
@pytest.mark.parametrize("folder", SCENARIOS, ids=[f.name for f in SCENARIOS])
def test_every_benchmark_scenario_gets_the_same_comment_from_the_action_and_the_app(
        folder: Path, tmp_path: Path, settings: Settings, store: Store, private_key: str) -> None:
    expected = app_comment(folder, settings, store, private_key)
    _, _, _, comment = action_run(folder, tmp_path)
    assert comment == expected


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


@pytest.mark.parametrize(("number", "said"), [(2**31, "a pull request's number is a whole number from 1 to 2147483647"),
                                              (True, "the pull request has no number")])
def test_an_event_whose_number_no_pull_request_can_have_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                     number: object, said: str) -> None:
    # The Action built the job from the event file and met the bad number only deep in the review,
    # as a traceback whose exit code (1) read as "a blocking finding".
    event = load_json("github", "webhooks", "pull_request.opened.json")
    event["pull_request"]["number"] = number
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event))
    with pytest.raises(ActionInputError) as refused:
        read_event(path)
    assert str(refused.value) == f"{path}: {said}"
    assert main(["review", "--github-event", str(path)]) == 2
    assert capsys.readouterr().err.strip() == f"custody: {path}: {said}"
