"""The admission job: trace a version that took the production alias to its pull request, judge the
move with the promotion gate the PR review uses, report it there, and move the alias back if asked."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from custody.agents import all_agents
from custody.reviewer.app.admission.events import model_key
from custody.reviewer.app.admission.trace import Trace, trace
from custody.reviewer.app.github.auth import app_login, installation_client, repo_installation
from custody.reviewer.app.github.final import final_github_errors
from custody.reviewer.app.github.publisher import GitHubPublisher, written_by
from custody.reviewer.app.github.source import GitHubSnapshot, pull_request_model
from custody.reviewer.app.queue import compute
from custody.reviewer.app.queue.jobs import Admission, JobCannotSucceed, ReviewJob
from custody.reviewer.app.sources.mlflow import MlflowRegistry, shared_target
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.admissions import AdmissionRecord
from custody.reviewer.gather.config import load_config
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.model.config import CONFIG_PATH, PromotionPolicy
from custody.reviewer.model.evidence.common import Skipped
from custody.reviewer.model.evidence.diff import Diff
from custody.reviewer.model.evidence.moves import Move
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.model.findings import Verdict
from custody.reviewer.outcome.untrusted import inert_line
from custody.reviewer.review import ReviewOutcome, run_review
from custody.reviewer.settings import Settings
from github import Github, GithubException
from github.PullRequest import PullRequest as GhPullRequest
from github.Repository import Repository

log = logging.getLogger(__name__)

CHECK_NAME = "Custody admission"
GATE_AGENTS = ("promotion", "card")  # the checks that judge a version, not a diff
MOVED_PATH = "MLflow registry"  # what "moved" the alias, in the findings' words
MARKER = "<!-- custody:admission {key} -->"
FAILS = "the gate fails"
PASSES = "the gate passes"
# Aliases are written as code: `@champion` in plain text would mention (and notify) a GitHub user.
HEADLINE = "**`@{alias}` of `{model}` now points at v{version}**{previous}; {judgement}{colon}"
WHO = ("Moved {when}; MLflow's registry events do not say by whom (its audit log or the server's "
       "access log does).{origin}")
ORIGIN = " v{version} was registered by {registered} from a run by {trained}."
REVERTED = "Custody moved `@{alias}` back to v{previous} (`promotion.on_violation: revert`)."
NOT_REVERTED = ("`promotion.on_violation: revert` is set, but Custody did not know where `@{alias}` pointed "
                "before, so it stays at v{version}.")
MOVED_ON = ("`promotion.on_violation: revert` is set, but `@{alias}` has moved on (it points at {now}), so "
            "Custody left it there.")
ISSUE_TITLE = "@{alias} of {model} now points at v{version}, which fails the promotion gate"


@dataclass(frozen=True)
class Shipped:
    """Where the version came from on GitHub."""

    repo: Repository
    commit: str
    pr: GhPullRequest | None


class AdmissionRegistry:
    """The registry as it stood before the move: the production alias back on the champion it
    replaced (Custody's record of it), so the gate measures the new version against it."""

    def __init__(self, mlflow: MlflowRegistry, admission: Admission, previous: str | None) -> None:
        self.mlflow, self.admission, self.previous = mlflow, admission, previous

    def load(self, model_names: list[str]) -> Registry:
        names = model_names if self.admission.model in model_names else [*model_names, self.admission.model]
        registry = self.mlflow.load(names)
        alias = self.admission.alias
        for version in registry.versions_of(self.admission.model):
            if alias in version.aliases:
                version.aliases.remove(alias)
            if self.previous is not None and version.version == self.previous:
                version.aliases.append(alias)
        model = registry.model(self.admission.model)
        if model is not None:
            model.aliases.pop(alias, None)
            if self.previous is not None:
                model.aliases[alias] = self.previous
        if self.previous is None:
            registry.problems.append(f"Custody did not know where @{alias} pointed before v{self.admission.version}, "
                                     "so there is no champion to measure the margin against")
        return registry


def handle_admission(job: ReviewJob, settings: Settings, store: Store, **client_options: Any) -> None:
    """Judge one alias move. MLflow or GitHub being away raises, and the queue tries again; a
    version, run or repository that cannot be found ends the job with the reason logged."""
    admission = job.admission
    if admission is None:
        raise JobCannotSucceed("an admission job without its admission")
    if not settings.mlflow_tracking_uri:
        raise JobCannotSucceed("no MLflow tracking URI is configured (CUSTODY_MLFLOW_URI)")
    mlflow = MlflowRegistry(shared_target(settings))  # the registry that sent the event: the one connected
    before = store.alias_position(admission.model, admission.alias)
    if before is not None and before.version == admission.version:
        log.info("%s@%s already at v%s (a redelivery, or Custody's own revert)", admission.model, admission.alias,
                 admission.version)
        return
    previous = before.version if before is not None else None
    version = mlflow.model_version(admission.model, admission.version)
    if version is None:  # MLflow's test delivery names `example_model`; a deleted version is gone too
        log.info("%s v%s is not in the registry: nothing to judge", admission.model, admission.version)
        return
    run = mlflow.run(str(version["run_id"])) if version.get("run_id") else None
    traced = trace(version, run)
    if traced.repo is None or traced.commit is None:
        log.warning("%s v%s: no git commit and repository on its run or tags; not judged",
                    admission.model, admission.version)
        store.move_alias(admission.model, admission.alias, admission.version, "registry")
        return
    with final_github_errors(f"finding the installation of {traced.repo}"):
        installation = repo_installation(settings, traced.repo, **client_options)
        gh = installation_client(settings, installation, **client_options)
        shipped = _shipped(gh, traced)
    config_text, policy = _policy(shipped.repo)
    production = (policy.production_alias or ("champion" if not policy.production_stage else None)) if policy else None
    governed = policy is not None and policy.registered_model in (None, admission.model)
    if policy is None or not governed or production != admission.alias:
        log.info("%s@%s is not the production alias of a model %s's policy governs; noted, not judged",
                 admission.model, admission.alias, traced.repo)
        store.move_alias(admission.model, admission.alias, admission.version, "registry")
        return
    # Events of one model can be taken out of order (one waits for the model's lease while a later one
    # runs): judge only where the alias points now. A move overtaken by a later one is judged by that
    # one's event; Custody's own revert, whose retry finds the alias where it put it, goes on.
    now = mlflow.aliases(admission.model).get(admission.alias)
    reverted_here = before is not None and before.moved_by == "custody" and now == before.version
    if now != admission.version and not reverted_here:
        log.info("%s@%s has moved on to %s since this event (v%s): the later move is judged on its own",
                 admission.model, admission.alias, f"v{now}" if now else "nowhere", admission.version)
        return
    outcome = judge(shipped, traced, admission, previous, mlflow, config_text)
    conclusion = outcome.verdict.conclusion
    reverted_to, revert_note = None, ""
    if conclusion == "failure" and policy.on_violation == "revert":
        undone_before = before is not None and before.moved_by == "custody"  # by an earlier try of this job
        reverted_to, revert_note = _revert(mlflow, admission, previous, undone_before)
        if reverted_to is not None:  # noted at once: a retry of this job, or the revert's echo, must see it
            store.move_alias(admission.model, admission.alias, reverted_to, "custody")
    bot = app_login(settings, **client_options)
    head = shipped.pr.head.sha if shipped.pr is not None else shipped.commit
    publisher = GitHubPublisher(shipped.repo, shipped.pr, head, bot, check_name=CHECK_NAME)
    reported = _report(publisher, outcome.verdict, admission, previous, revert_note, job.delivery_id, traced)
    review_id = store.save_review(outcome, installation_id=installation, delivery_id=job.delivery_id,
                                  trigger="admission")
    store.save_admission(AdmissionRecord(
        delivery_id=job.delivery_id, model=admission.model, target=admission.alias, version=admission.version,
        previous_version=previous, repo=shipped.repo.full_name, number=shipped.pr.number if shipped.pr else None,
        commit=shipped.commit, conclusion=conclusion, reverted_to=reverted_to, reported_at=reported,
        review_id=review_id, moved_at=_when(admission.moved_at)))
    store.move_alias(admission.model, admission.alias, reverted_to or admission.version,
                     "custody" if reverted_to else "registry")
    log.info("admission of %s v%s as @%s: %s%s", admission.model, admission.version, admission.alias, conclusion,
             f", reverted to v{reverted_to}" if reverted_to else "")


def judge(shipped: Shipped, traced: Trace, admission: Admission, previous: str | None, mlflow: MlflowRegistry,
          config_text: str | None) -> ReviewOutcome:
    """The PR review's own gate (promotion and card agents, the repository's rules) over the move."""
    skipped: list[Skipped] = []
    pr = pull_request_model(shipped.pr) if shipped.pr is not None else PullRequest(
        repo=shipped.repo.full_name, number=0, title=f"{admission.model} v{admission.version} as @{admission.alias}",
        base_branch=shipped.repo.default_branch, head_sha=shipped.commit)
    move = Move(path=MOVED_PATH, version=admission.version, target=admission.alias, model=admission.model)
    source = ReviewInput(
        pull_request=pr, base=GitHubSnapshot(shipped.repo, shipped.repo.default_branch, skipped),
        head=GitHubSnapshot(shipped.repo, shipped.commit, skipped), diff=Diff(),
        registry=AdmissionRegistry(mlflow, admission, previous), skipped=skipped, config_text=config_text,
        moves=[move], version=admission.version)
    agents = [agent for agent in all_agents() if agent.name in GATE_AGENTS]
    with compute.slots().computing():  # judged in one of the worker's compute slots, as a PR review is
        return run_review(source, agents=agents)


def _shipped(gh: Github, traced: Trace) -> Shipped:
    assert traced.repo is not None and traced.commit is not None
    repo = gh.get_repo(traced.repo)
    commit = traced.commit
    if len(commit) < 40:  # an abbreviated sha from a run's tag: a check run needs the full one
        commit = repo.get_commit(commit).sha
    # `GET /repos/{o}/{r}/commits/{sha}/pulls` lists the PRs a commit belongs to, merged ones too;
    # asked directly, since PyGithub would first fetch the whole commit.
    status, _headers, found = repo._requester.requestJson("GET", f"{repo.url}/commits/{commit}/pulls",
                                                          parameters={"per_page": 10})
    if status in (404, 422):  # a commit GitHub does not have (force-pushed away): no PR to find
        return Shipped(repo, commit, None)
    if status >= 400:
        raise GithubException(status, found, None)
    pulls = [p for p in (json.loads(found) if isinstance(found, str) and found else []) if isinstance(p, dict)]
    numbers = [p["number"] for p in pulls if p.get("merged_at")] + [p["number"] for p in pulls]
    chosen = next((n for n in numbers if isinstance(n, int)), None)
    return Shipped(repo, commit, repo.get_pull(chosen) if chosen is not None else None)


def _policy(repo: Repository) -> tuple[str | None, PromotionPolicy | None]:
    """The promotion policy on the repository's default branch (never a PR's own)."""
    raw = GitHubSnapshot(repo, repo.default_branch, []).read_bytes(CONFIG_PATH)
    if raw is None:
        return None, None
    text = raw.decode("utf-8", "replace")
    return text, load_config(text).config.promotion


def _revert(mlflow: MlflowRegistry, admission: Admission, previous: str | None,
            undone_before: bool = False) -> tuple[str | None, str]:
    if previous is None:
        return None, NOT_REVERTED.format(alias=admission.alias, version=admission.version)
    now = mlflow.aliases(admission.model).get(admission.alias)
    if now == previous and undone_before:  # this job reverted it, then failed later (publishing): retried
        return previous, REVERTED.format(alias=admission.alias, previous=previous)
    if now != admission.version:  # moved again since: that move is judged on its own, never overwritten
        return None, MOVED_ON.format(alias=admission.alias, now=f"v{now}" if now else "nowhere")
    mlflow.set_alias(admission.model, admission.alias, previous)  # MLflow away: raise, and the job is retried
    return previous, REVERTED.format(alias=admission.alias, previous=previous)


def _when(stamp: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp).astimezone(UTC) if stamp else None
    except ValueError:
        return None


def report_text(verdict: Verdict, admission: Admission, previous: str | None, revert_note: str, key: str,
                traced: Trace | None = None) -> str:
    """The comment (or issue) body: what moved, the judgement, who and when, what Custody did."""
    failing = verdict.conclusion == "failure"
    lines = [HEADLINE.format(alias=inert_line(admission.alias, 80), model=inert_line(admission.model, 200),
                             version=admission.version,
                             previous=f" (it was v{previous})" if previous else "",
                             judgement=FAILS if failing else PASSES, colon=":" if verdict.findings else "."), ""]
    for finding in verdict.findings:
        state = "" if finding.stands or not failing else " (does not block)"
        lines.append(f"- **{finding.severity}** `{finding.rule}`{state}: {inert_line(finding.message, 2000)}")
    for gap in verdict.coverage.skipped[:10]:
        lines.append(f"- not checked: {inert_line(gap.what, 200)}: {inert_line(gap.why, 400)}")
    when = _when(admission.moved_at)
    origin = ""
    if traced is not None and (traced.registered_by or traced.trained_by):  # names written inert: no mention
        unnamed = "someone MLflow did not name"
        origin = ORIGIN.format(version=admission.version,
                               registered=inert_line(traced.registered_by, 80) if traced.registered_by else unnamed,
                               trained=inert_line(traced.trained_by, 80) if traced.trained_by else unnamed)
    lines += ["", WHO.format(when=f"at {when:%Y-%m-%d %H:%M:%S} UTC" if when else "at a time MLflow did not say",
                             origin=origin)]
    if revert_note:
        lines += ["", revert_note]
    lines += ["", MARKER.format(key=key)]
    return "\n".join(lines)


def _report(publisher: GitHubPublisher, verdict: Verdict, admission: Admission, previous: str | None,
            revert_note: str, delivery_id: str, traced: Trace) -> str | None:
    """A check run on the commit that shipped the version; on failure, a comment on its PR (or an
    issue when there is none). A retried job finds its own comment by the marker and posts no other."""
    publisher.publish_check_run(verdict)
    if verdict.conclusion != "failure":
        return None
    key = f"{model_key(admission.model)}@{admission.alias}/v{admission.version}/{delivery_id}"
    body = report_text(verdict, admission, previous, revert_note, key, traced)
    marker = MARKER.format(key=key)
    if publisher.pr is not None:
        for comment in publisher.pr.get_issue_comments():
            if marker in (comment.body or "") and written_by(comment, publisher.app_login):
                return str(comment.html_url)
        return str(publisher.pr.create_issue_comment(body).html_url)
    title = ISSUE_TITLE.format(alias=admission.alias, model=admission.model, version=admission.version)
    try:
        return str(publisher.repo.create_issue(title=inert_line(title, 250), body=body).html_url)
    except GithubException as exc:
        if exc.status not in (403, 404, 410):
            raise
        # `app.yml` asks for issues: read; the issue needs issues: write, which an installation may
        # grant or not. The check run stands either way, and the event is recorded.
        log.warning("no issue opened in %s for %s v%s: GitHub answered %s (the App needs issues: write)",
                    publisher.repo.full_name, admission.model, admission.version, exc.status)
        return None
