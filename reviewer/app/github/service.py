"""The job handler a worker runs: mint a token, read the PR, review, publish, record."""

from __future__ import annotations

import logging
from typing import Any

from custody.reviewer.app.github.auth import app_login, forget_token, installation_client
from custody.reviewer.app.github.command_actions import CommandContext, run_command
from custody.reviewer.app.github.commands import Command, parse_command
from custody.reviewer.app.github.final import final_github_errors
from custody.reviewer.app.github.pr_settings import PrSettings, effective
from custody.reviewer.app.github.publisher import GitHubPublisher
from custody.reviewer.app.github.source import github_review_input, open_pull_request
from custody.reviewer.app.queue import compute
from custody.reviewer.app.queue.jobs import JobCannotSucceed, ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.checkpoints import forget, review_checkpoints
from custody.reviewer.gather.review_input import RegistrySource
from custody.reviewer.llm.judge import declined_stage
from custody.reviewer.review import ReviewOutcome, run_review
from custody.reviewer.settings import Settings
from github import Github, GithubException
from github.PullRequest import PullRequest as GhPullRequest

log = logging.getLogger(__name__)


def registry_for(settings: Settings, job: ReviewJob) -> RegistrySource | None:
    """The installation's own registry, never another's (see `registry_for_installation`)."""
    from custody.reviewer.app.sources.mlflow import registry_for_installation

    return registry_for_installation(settings, job.installation_id, job.repo)


def _model_stage(settings: Settings, installation: int, store: Store, chosen: PrSettings) -> Any:
    """Claude for the judgements plain code cannot make, when a key is configured and the PR has not
    turned it off; the monthly ceiling per installation is kept in the store."""
    if not settings.anthropic_api_key:
        return None
    if not chosen.model:
        return declined_stage(chosen.model_off_reason())
    from custody.reviewer.llm.anthropic_client import model_stage_for

    stage = model_stage_for(settings, installation, ledger=store, review_tokens=chosen.review_tokens)
    if stage is None:
        return None

    def judged(*args: Any) -> Any:
        with compute.waiting():  # seconds of waiting on the model's answer: another review may compute
            return stage(*args)

    return judged


def review(gh: Github, job: ReviewJob, settings: Settings, store: Store, bot: str) -> None:
    """Review the PR and publish as the App; `bot` is its login, whose comments alone are edited."""
    since = store.written(job.repo, job.number).reviewed_head
    # The review holds one of its worker's compute slots until it starts to publish: from there it
    # mostly waits on its installation's paced writes, and another review may compute meanwhile.
    with compute.slots().computing() as published, review_checkpoints(settings) as checkpoints:
        source, pr, repo = github_review_input(gh, job, settings, registry_for(settings, job), since=since)
        head = source.pull_request.head_sha or job.head_sha
        publisher = GitHubPublisher(repo, pr, head, bot, memory=store)
        chosen = effective(store.pr_settings(job.repo, job.number))

        def publish(outcome: ReviewOutcome) -> None:
            published()
            publisher.publish(outcome)

        # A worker killed mid-review leaves this thread's checkpoints; the requeued job (same delivery)
        # resumes after the last finished node instead of gathering and asking the model again.
        thread = f"{job.repo}#{job.number}@{head}/{job.delivery_id}"
        run_review(
            source,
            waivers=store.waivers(job.repo, job.number),
            model_stage=_model_stage(settings, job.installation_id, store, chosen),
            publish=publish,
            record=lambda outcome: (store.save_review(outcome, installation_id=job.installation_id,
                                                      delivery_id=job.delivery_id, trigger=job.trigger), None)[1],
            checkpointer=checkpoints, thread_id=thread,
        )
        forget(checkpoints, thread)
    log.info("reviewed %s at %s", job.pr_key, head[:7])


def handle_job(job: ReviewJob, settings: Settings, store: Store, **client_options: Any) -> None:
    """Run one job as its installation. GitHub refusing the token (uninstalled, suspended) or the
    repository or pull request (deleted, access withdrawn) raises `JobCannotSucceed`: final.
    An admission job (an alias moved in the registry) finds its installation from the version's run."""
    if job.trigger == "admission":
        from custody.reviewer.app.admission.service import handle_admission

        handle_admission(job, settings, store, **client_options)
        return
    bot: str | None = None
    for attempt in (1, 2):
        with final_github_errors(f"minting a token for installation {job.installation_id}"):
            gh = installation_client(settings, job.installation_id, **client_options)
        bot = bot or app_login(settings, **client_options)
        try:
            _run(gh, job, settings, store, bot)
            return
        except (GithubException, JobCannotSucceed) as exc:
            refused = exc if isinstance(exc, GithubException) else exc.__cause__
            if not isinstance(refused, GithubException) or refused.status != 401:
                raise
            # Tokens are reused for their hour; GitHub refused this one (revoked, or the clocks
            # disagree). A new one is minted, and a review is run once more with it (a command is
            # not: it may have acted already); refused again, the refusal stands.
            forget_token(settings, job.installation_id)
            if attempt == 2 or (job.trigger == "command" and job.command):
                raise


def answer_askers(gh: Github, job: ReviewJob, settings: Settings, store: Store) -> bool:
    """Answer each commenter whose `/custody review` was folded into this job as their own command
    job would have (the same verb table: one who may not ask gets the fixed refusal, one who may
    gets the review). True when one of them may ask for it."""
    asked = False
    pr: GhPullRequest | None = None
    for login in job.asked_by:
        command = job.model_copy(update={"trigger": "command", "command": "/custody review", "requested_by": login})
        result = run_command(CommandContext(gh, command, settings, store), Command("review"))
        asked = asked or result.rereview
        if result.reply:
            pr = pr or open_pull_request(gh, job)[1]
            pr.create_issue_comment(result.reply)
    return asked


def _run(gh: Github, job: ReviewJob, settings: Settings, store: Store, bot: str) -> None:
    if job.trigger != "command" or not job.command:
        if job.asked_by and not answer_askers(gh, job, settings, store) \
                and store.review_done(job.repo, job.number, job.head_sha, job.base_sha):
            log.info("already reviewed: %s at %s, and no commenter may ask again", job.pr_key, job.head_sha[:7])
            return
        review(gh, job, settings, store, bot)
        return
    result = run_command(CommandContext(gh, job, settings, store), parse_command(job.command))
    _, pr = open_pull_request(gh, job)
    if result.reply:
        pr.create_issue_comment(result.reply)
    if result.rereview:
        review(gh, job.model_copy(update={"head_sha": pr.head.sha}), settings, store, bot)
