"""The job handler a worker runs: mint a token, read the PR, review, publish, record."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from custody.reviewer.app.github.auth import installation_client
from custody.reviewer.app.github.commands import HELP, parse_command
from custody.reviewer.app.github.pr_settings import PrSetting, PrSettings, SettingRefused, check_setting, effective
from custody.reviewer.app.github.publisher import GitHubPublisher
from custody.reviewer.app.github.source import github_review_input
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.app.store.checkpoints import forget, review_checkpoints
from custody.reviewer.gather.review_input import RegistrySource
from custody.reviewer.llm.judge import declined_stage
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.findings import Waiver
from custody.reviewer.review import run_review
from custody.reviewer.rules.book import build_rulebook
from custody.reviewer.settings import Settings
from github import Github

log = logging.getLogger(__name__)
WRITERS = {"admin", "maintain", "write"}


def registry_for(settings: Settings) -> RegistrySource | None:
    if not settings.mlflow_tracking_uri:
        return None
    from custody.reviewer.app.sources.mlflow import MlflowRegistry

    return MlflowRegistry(settings)


def _model_stage(settings: Settings, installation: int, store: Store, chosen: PrSettings) -> Any:
    """Claude for the judgements plain code cannot make, when a key is configured and the PR has not
    turned it off; the monthly ceiling per installation is kept in the store."""
    if not settings.anthropic_api_key:
        return None
    if not chosen.model:
        return declined_stage(chosen.model_off_reason())
    from custody.reviewer.llm.anthropic_client import model_stage_for

    return model_stage_for(settings, installation, ledger=store, review_tokens=chosen.review_tokens)


def review(gh: Github, job: ReviewJob, settings: Settings, store: Store) -> None:
    source, pr, repo = github_review_input(gh, job, settings, registry_for(settings))
    head = source.pull_request.head_sha or job.head_sha
    publisher = GitHubPublisher(repo, pr, head)
    chosen = effective(store.pr_settings(job.repo, job.number))
    # A worker killed mid-review leaves this thread's checkpoints; the requeued job (same delivery)
    # resumes after the last finished node instead of gathering and asking the model again.
    thread = f"{job.repo}#{job.number}@{head}/{job.delivery_id}"
    with review_checkpoints(settings) as checkpoints:
        run_review(
            source,
            waivers=store.waivers(job.repo, job.number),
            model_stage=_model_stage(settings, job.installation_id, store, chosen),
            publish=publisher.publish,
            record=lambda outcome: (store.save_review(outcome, installation_id=job.installation_id,
                                                      delivery_id=job.delivery_id, trigger=job.trigger), None)[1],
            checkpointer=checkpoints, thread_id=thread,
        )
        forget(checkpoints, thread)
    log.info("reviewed %s at %s", job.pr_key, head[:7])


def handle_job(job: ReviewJob, settings: Settings, store: Store, **client_options: Any) -> None:
    gh = installation_client(settings, job.installation_id, **client_options)
    if job.trigger != "command" or not job.command:
        review(gh, job, settings, store)
        return
    command = parse_command(job.command)
    pr = gh.get_repo(job.repo).get_pull(job.number)
    if command.verb == "review":
        review(gh, job.model_copy(update={"head_sha": pr.head.sha}), settings, store)
    elif command.verb == "explain":
        pr.create_issue_comment(explain(command.rule, job, settings, store))
    elif command.verb == "waive":
        reply = waive(gh, job, command.rule, command.reason, store)
        pr.create_issue_comment(reply)
        if reply.startswith("Waived"):
            review(gh, job.model_copy(update={"head_sha": pr.head.sha}), settings, store)
    elif command.verb == "set":
        reply = set_setting(gh, job, command.rule, command.reason, settings, store)
        pr.create_issue_comment(reply)
        if reply.startswith("Set"):
            review(gh, job.model_copy(update={"head_sha": pr.head.sha}), settings, store)
    else:
        pr.create_issue_comment(HELP)


def _may_write(gh: Github, repo: str, login: str) -> bool:
    return bool(login) and gh.get_repo(repo).get_collaborator_permission(login) in WRITERS


def set_setting(gh: Github, job: ReviewJob, key: str | None, value: str | None, settings: Settings,
                store: Store) -> str:
    """`/custody set KEY VALUE`: only allow-listed keys, only by people with write access, all recorded."""
    login = job.requested_by or ""
    try:
        name, normal = check_setting(key, value, settings.review_tokens)
    except SettingRefused as refused:
        return f"Nothing was changed. {refused}"
    if not _may_write(gh, job.repo, login):
        return f"@{login}: only people with write access can change settings; nothing was changed."
    store.add_pr_setting(job.repo, job.number, PrSetting(key=name, value=normal, by=login))
    note = "" if settings.anthropic_api_key else " (no language model is configured here, so it changes nothing yet)"
    return f"Set `{name}` to `{normal}` for this pull request, by @{login}{note}."


def explain(rule_id: str | None, job: ReviewJob | None = None, settings: Settings | None = None,
            store: Store | None = None) -> str:
    """The rule in words; with a model configured, also this PR's finding of it in plain words."""
    rules, _ = build_rulebook(RepoConfig())
    if not rule_id or rule_id not in rules.rules:
        return f"Custody has no rule `{rule_id or ''}`. " + HELP
    rule = rules.get(rule_id)
    blocking = "blocks the check run" if rule.blocking else "does not block"
    text = (f"**`{rule.id}`**: {rule.title}\n\nAgent `{rule.agent}`, kind `{rule.kind}`, severity "
            f"**{rule.severity}**; it {blocking}.\n\n{rule.description.strip()}")
    if job is None or settings is None or store is None or not settings.anthropic_api_key:
        return text
    chosen = effective(store.pr_settings(job.repo, job.number))
    if not chosen.model:
        return text
    from custody.reviewer.llm.anthropic_client import explain_finding

    words = explain_finding(rule_id, store.latest_audit(job.repo, job.number), rules, settings,
                            installation=job.installation_id, ledger=store, review_tokens=chosen.review_tokens)
    return f"{text}\n\n**On this pull request:** {words}" if words else text


def waive(gh: Github, job: ReviewJob, rule_id: str | None, reason: str | None, store: Store) -> str:
    login = job.requested_by or ""
    if not rule_id or not reason:
        return "A waiver needs a rule and a reason: `/custody waive RULE <why this is acceptable>`."
    rules, _ = build_rulebook(RepoConfig())
    if rule_id not in rules.rules:
        return f"Custody has no rule `{rule_id}`; nothing was waived."
    if not _may_write(gh, job.repo, login):
        return f"@{login}: only people with write access can waive a rule; nothing was waived."
    store.add_waiver(job.repo, job.number, Waiver(rule=rule_id, by=login, reason=reason[:500],
                                                  at=datetime.now(UTC).isoformat(timespec="seconds")))
    return f"Waived `{rule_id}` for this pull request, by @{login}: {reason[:500]}"
