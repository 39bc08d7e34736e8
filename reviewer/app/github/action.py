"""`custody review --github-event PATH`: the App's review from a workflow, with the workflow's token
and no server. Same input, same rules from the base branch, same comment, check run and inline
comments; a read-only token (a fork's PR) still gets a job summary and annotations."""

from __future__ import annotations

import json
import logging
import os
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from custody.reviewer.app.github.publisher import GitHubPublisher
from custody.reviewer.app.github.service import registry_for
from custody.reviewer.app.github.source import github_review_input
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.model.evidence.pull_request import pr_number_problem
from custody.reviewer.outcome.untrusted import inert_line
from custody.reviewer.review import ReviewOutcome, run_review
from custody.reviewer.settings import Settings
from github import Auth, Github, GithubException

log = logging.getLogger(__name__)

ACTIONS_BOT = "github-actions[bot]"  # who writes with a workflow's GITHUB_TOKEN
EXIT_OK, EXIT_BLOCKING, EXIT_BAD_INPUT = 0, 1, 2
ANNOTATION_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}


class ActionInputError(ValueError):
    """The event file or the environment cannot drive a review; the message is one line."""


@dataclass(frozen=True)
class ActionResult:
    outcome: ReviewOutcome
    posted: bool  # the comment and check run reached the PR
    exit_code: int


def read_event(path: Path) -> tuple[str, int, str, str]:
    """The repository, PR number, head and base shas of a `pull_request` (or `pull_request_target`) event."""
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ActionInputError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ActionInputError(f"{path}: not a JSON event ({type(exc).__name__})") from exc
    pr = event.get("pull_request") if isinstance(event, dict) else None
    repository = event.get("repository") if isinstance(event, dict) else None
    if not isinstance(pr, dict) or not isinstance(repository, dict):
        raise ActionInputError(f"{path}: not a pull_request event (no pull_request or repository)")
    try:
        found = (str(repository["full_name"]), pr["number"], str(pr["head"]["sha"]), str(pr["base"]["sha"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ActionInputError(f"{path}: the pull request lacks {exc}") from exc
    problem = pr_number_problem(found[1])
    if problem is not None:
        raise ActionInputError(f"{path}: {problem}")
    return found[0], int(found[1]), found[2], found[3]


def workflow_client(environ: dict[str, str], settings: Settings, **options: Any) -> Github:
    token = environ.get("GITHUB_TOKEN") or environ.get("CUSTODY_GITHUB_TOKEN")
    if not token:
        raise ActionInputError("GITHUB_TOKEN is not set (pass `github-token` to the action, or export it)")
    api = environ.get("GITHUB_API_URL") or settings.github_api_url
    return Github(base_url=api, auth=Auth.Token(token), **options)


def run_action(event_path: Path, settings: Settings, environ: dict[str, str] | None = None,
               output: Path | None = None, **client_options: Any) -> ActionResult:
    env = dict(os.environ if environ is None else environ)
    repo_name, number, head_sha, base_sha = read_event(event_path)
    gh = workflow_client(env, settings, **client_options)
    run_id = env.get("GITHUB_RUN_ID") or uuid.uuid4().hex[:12]
    job = ReviewJob(installation_id=0, repo=repo_name, number=number, head_sha=head_sha, base_sha=base_sha,
                    delivery_id=f"action-{run_id}", trigger="pull_request")
    single = replace(settings, mlflow_single_tenant=True)  # the repository's own workflow and secrets: one tenant
    source, pr, repo = github_review_input(gh, job, settings, registry_for(single, job))
    outcome = run_review(source)
    publisher = GitHubPublisher(repo, pr, source.pull_request.head_sha or head_sha,
                                env.get("CUSTODY_BOT_LOGIN") or ACTIONS_BOT)
    posted = True
    try:
        publisher.publish(outcome)
    except GithubException as exc:  # a fork's read-only token: say it where the workflow shows it
        posted = False
        log.warning("could not post to the pull request (GitHub answered %s); see the job summary", exc.status)
    _job_summary(env, outcome, posted)
    if not posted:
        for line in annotation_commands(outcome):
            print(line)
    if output is not None:
        write_artifacts(outcome, output)
    code = EXIT_BLOCKING if outcome.verdict.conclusion == "failure" else EXIT_OK
    return ActionResult(outcome, posted, code)


def annotation_commands(outcome: ReviewOutcome) -> list[str]:
    """Workflow commands that show findings on the PR's files without any write permission."""
    lines = []
    for finding in outcome.verdict.findings:
        if finding.waiver is not None or finding.severity == "info":
            continue
        place = f" file={_escape_property(finding.path)}" + (f",line={finding.line}" if finding.line else "") \
            if finding.path else ""
        title = _escape_property(f"{finding.rule}: {finding.subject}"[:200])
        lines.append(f"::{ANNOTATION_LEVEL[finding.severity]}{place}{',' if place else ' '}title={title}::"
                     f"{_escape_data(inert_line(finding.message, 2000))}")
    return lines


def write_artifacts(outcome: ReviewOutcome, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "verdict.json").write_text(json.dumps(outcome.verdict.to_json_dict(), indent=2), encoding="utf-8")
    (folder / "evidence.json").write_text(outcome.evidence.model_dump_json(by_alias=True, indent=2), encoding="utf-8")
    (folder / "comment.md").write_text(outcome.comment, encoding="utf-8")


def _job_summary(env: dict[str, str], outcome: ReviewOutcome, posted: bool) -> None:
    path = env.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    note = "" if posted else ("> Custody could not post to the pull request with this workflow's token "
                              "(a fork's pull request has a read-only token); the review is below and the "
                              "findings are annotations on the files.\n\n")
    with open(path, "a", encoding="utf-8") as summary:
        summary.write(note + outcome.comment.replace("<!-- custody:summary -->", "", 1).lstrip() + "\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
