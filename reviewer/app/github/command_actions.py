"""What each `/custody` verb does: a table from verb to a function returning a typed result."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property

from custody.reviewer.app.github.commands import HELP, Command
from custody.reviewer.app.github.pr_settings import PrSetting, SettingRefused, check_setting, effective
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.findings import Waiver
from custody.reviewer.outcome.untrusted import inert_line
from custody.reviewer.rules.book import build_rulebook
from custody.reviewer.settings import Settings
from github import Github, GithubException

log = logging.getLogger(__name__)

WRITERS = {"admin", "write"}  # GitHub's legacy permission level: maintain reads as write
COMMANDERS = WRITERS | {"maintain", "triage"}  # role names that may give any command
REASON_LIMIT = 500
NO_MODEL_NOTE = " (no language model is configured here, so it changes nothing yet)"
# The one answer to someone who may not give commands: fixed, no mention, nothing of theirs echoed.
NOT_ALLOWED = "Custody takes `/custody` commands only from people with write or triage access to this repository."


@dataclass(frozen=True)
class Rereview:
    """`/custody review`: review the PR's current head again; nothing to say first."""

    reply: str | None = None
    rereview: bool = True


@dataclass(frozen=True)
class Replied:
    """An answer that changes nothing (explain, help)."""

    reply: str
    rereview: bool = False


@dataclass(frozen=True)
class Refused:
    """The command was not carried out; `reason` says why, and nothing was changed."""

    reason: str
    rereview: bool = False

    @property
    def reply(self) -> str:
        return self.reason


@dataclass(frozen=True)
class Waived:
    rule: str
    by: str
    reason: str
    rereview: bool = True

    @property
    def reply(self) -> str:  # the reason is not echoed: it is shown, made inert, in the summary
        return f"Waived `{self.rule}` for this pull request; the reason is recorded and shown in the summary."


@dataclass(frozen=True)
class SettingChanged:
    key: str
    value: str
    by: str
    note: str = ""
    rereview: bool = True

    @property
    def reply(self) -> str:  # key and value are the normalised, allow-listed ones, never the comment's text
        return f"Set `{self.key}` to `{self.value}` for this pull request{self.note}."


CommandResult = Rereview | Replied | Refused | Waived | SettingChanged


@dataclass(frozen=True)
class CommandContext:
    """Everything a verb may use: the client, the job that carried the comment, settings and store."""

    gh: Github
    job: ReviewJob
    settings: Settings
    store: Store

    @property
    def login(self) -> str:
        return self.job.requested_by or ""

    @cached_property
    def permission(self) -> str:
        """The commenter's legacy permission level (admin, write, read, none); asked once."""
        if not self.login:
            return "none"
        try:
            return str(self.gh.get_repo(self.job.repo).get_collaborator_permission(self.login))
        except GithubException as exc:  # not a collaborator of a private repository, or no such user
            log.info("permission of the commenter: GitHub answered %s", exc.status)
            return "none"

    def may_write(self) -> bool:
        return self.permission in WRITERS

    def may_command(self) -> bool:
        """Write, maintain, admin, or triage (which the legacy level shows as read) access."""
        if self.may_write():
            return True
        if self.permission != "read":
            return False
        try:
            return self.gh.get_repo(self.job.repo).get_collaborator_role_name(self.login) in COMMANDERS
        except GithubException:
            return False


def do_review(ctx: CommandContext, command: Command) -> CommandResult:
    return Rereview()


def do_help(ctx: CommandContext, command: Command) -> CommandResult:
    return Replied(HELP)


def do_set(ctx: CommandContext, command: Command) -> CommandResult:
    """`/custody set KEY VALUE`: only by people with write access (asked first), only allow-listed
    keys, all recorded."""
    if not ctx.may_write():
        return Refused("Only people with write access can change settings; nothing was changed.")
    try:
        name, normal = check_setting(command.rule, command.reason, ctx.settings.review_tokens)
    except SettingRefused as refused:
        return Refused(f"Nothing was changed. {refused}")
    ctx.store.add_pr_setting(ctx.job.repo, ctx.job.number, PrSetting(key=name, value=normal, by=ctx.login))
    note = "" if ctx.settings.anthropic_api_key else NO_MODEL_NOTE
    return SettingChanged(name, normal, ctx.login, note)


def do_waive(ctx: CommandContext, command: Command) -> CommandResult:
    rule_id, reason = command.rule, command.reason
    if not rule_id or not reason:
        return Refused("A waiver needs a rule and a reason: `/custody waive RULE <why this is acceptable>`.")
    rules, _ = build_rulebook(RepoConfig())
    if rule_id not in rules.rules:
        return Refused("Custody has no such rule; nothing was waived. `/custody help` says how rules are named.")
    if not ctx.may_write():
        return Refused("Only people with write access can waive a rule; nothing was waived.")
    waiver = Waiver(rule=rule_id, by=ctx.login, reason=reason[:REASON_LIMIT],
                    at=datetime.now(UTC).isoformat(timespec="seconds"))
    ctx.store.add_waiver(ctx.job.repo, ctx.job.number, waiver)
    return Waived(rule_id, ctx.login, waiver.reason)


def do_explain(ctx: CommandContext, command: Command) -> CommandResult:
    return Replied(explain(command.rule, ctx.job, ctx.settings, ctx.store))


def explain(rule_id: str | None, job: ReviewJob | None = None, settings: Settings | None = None,
            store: Store | None = None) -> str:
    """The rule in words; with a model configured, also this PR's finding of it in plain words."""
    rules, _ = build_rulebook(RepoConfig())
    if not rule_id or rule_id not in rules.rules:
        return "Custody has no such rule. " + HELP  # the comment's text is never echoed
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
    # The model read PR text: its words are written inert, like any other untrusted text.
    return f"{text}\n\n**On this pull request:** {inert_line(words, 4_000)}" if words else text


COMMANDS: dict[str, Callable[[CommandContext, Command], CommandResult]] = {
    "review": do_review,
    "explain": do_explain,
    "waive": do_waive,
    "set": do_set,
    "help": do_help,
}


def run_command(ctx: CommandContext, command: Command) -> CommandResult:
    """Every verb, `help` included, needs write, maintain, admin or triage access, checked before
    anything is read from the command or said in reply."""
    if not ctx.may_command():
        return Refused(NOT_ALLOWED)
    return COMMANDS.get(command.verb, do_help)(ctx, command)
