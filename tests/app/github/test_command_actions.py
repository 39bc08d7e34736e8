"""The `/custody` verb table: each verb returns a typed result; the service acts on its type, not its text."""

from __future__ import annotations

from typing import Any, cast

import pytest
from custody.reviewer.app.github.command_actions import (
    COMMANDS,
    NOT_ALLOWED,
    CommandContext,
    Refused,
    Replied,
    Rereview,
    SettingChanged,
    Waived,
    run_command,
)
from custody.reviewer.app.github.commands import HELP, parse_command
from custody.reviewer.app.queue.jobs import ReviewJob
from custody.reviewer.app.store import Store
from custody.reviewer.settings import Settings


class FakeRepo:
    def __init__(self, permissions: dict[str, str]) -> None:
        self.permissions = permissions
        self.asked: list[str] = []

    def get_collaborator_permission(self, login: str) -> str:
        self.asked.append(login)
        role = self.permissions.get(login, "none")
        return {"maintain": "write", "triage": "read"}.get(role, role)  # GitHub's legacy levels

    def get_collaborator_role_name(self, login: str) -> str:
        self.asked.append(login)
        return self.permissions.get(login, "none")


class FakeGithub:
    def __init__(self, permissions: dict[str, str]) -> None:
        self.repo = FakeRepo(permissions)

    def get_repo(self, name: str) -> FakeRepo:
        return self.repo


def context(store: Store, by: str, permissions: dict[str, str] | None = None) -> CommandContext:
    job = ReviewJob(installation_id=1, repo="acme/models", number=4, head_sha="a" * 40, delivery_id="d-1",
                    trigger="command", command="", requested_by=by)
    gh = FakeGithub(permissions or {"lead": "admin", "dev": "write", "keeper": "maintain", "triager": "triage",
                                    "guest": "read"})
    return CommandContext(cast(Any, gh), job, Settings(), store)


def test_every_verb_the_parser_knows_has_an_action() -> None:
    assert set(COMMANDS) == {"review", "explain", "waive", "set", "help"}


def test_review_asks_for_a_rereview_and_says_nothing(store: Store) -> None:
    result = run_command(context(store, "triager"), parse_command("/custody review"))
    assert result == Rereview()
    assert result.reply is None and result.rereview


def test_help_and_unknown_text_reply_without_rereview(store: Store) -> None:
    for line in ("/custody help", "/custody dance"):
        result = run_command(context(store, "triager"), parse_command(line))
        assert result == Replied(HELP) and not result.rereview


@pytest.mark.parametrize("line", ["/custody review", "/custody help", "/custody explain hygiene.secret",
                                  "/custody set model off", "/custody set temperature @org/everyone",
                                  "/custody waive hygiene.secret [click](https://evil.example)"])
@pytest.mark.parametrize("by", ["guest", "stranger", ""])
def test_every_verb_needs_write_or_triage_access_and_the_refusal_is_fixed(store: Store, line: str, by: str) -> None:
    # Issue 15, Medium 6: review, explain and help needed no permission, and `set` answered (echoing
    # the comment) before its check; a refused user now gets one fixed line and nothing is done.
    result = run_command(context(store, by), parse_command(line))
    assert result == Refused(NOT_ALLOWED) and not result.rereview
    assert store.waivers("acme/models", 4) == [] and store.pr_settings("acme/models", 4) == []


@pytest.mark.parametrize("by", ["lead", "dev", "keeper", "triager"])
def test_write_maintain_admin_and_triage_may_give_commands(store: Store, by: str) -> None:
    assert run_command(context(store, by), parse_command("/custody review")) == Rereview()


def test_a_waiver_by_a_writer_is_recorded_and_reviewed_again(store: Store) -> None:
    result = run_command(context(store, "dev"), parse_command("/custody waive hygiene.secret test key, rotated"))
    assert isinstance(result, Waived) and result.rereview
    assert (result.rule, result.by, result.reason) == ("hygiene.secret", "dev", "test key, rotated")
    assert result.reply.startswith("Waived `hygiene.secret`")
    (waiver,) = store.waivers("acme/models", 4)
    assert (waiver.rule, waiver.by) == ("hygiene.secret", "dev")


@pytest.mark.parametrize(("line", "by", "said"), [
    ("/custody waive hygiene.secret", "dev", "needs a rule and a reason"),
    ("/custody waive no.such.rule because", "dev", "has no such rule"),
    ("/custody waive hygiene.secret because I say so", "triager", "Only people with write access"),
])
def test_refused_waivers_record_nothing(store: Store, line: str, by: str, said: str) -> None:
    result = run_command(context(store, by), parse_command(line))
    assert isinstance(result, Refused) and not result.rereview
    assert said in result.reply
    assert store.waivers("acme/models", 4) == []


def test_a_setting_by_a_writer_is_recorded_and_says_no_model_is_configured(store: Store) -> None:
    result = run_command(context(store, "lead"), parse_command("/custody set model off"))
    assert isinstance(result, SettingChanged) and result.rereview
    assert (result.key, result.value, result.by) == ("model", "off", "lead")
    assert "no language model" in result.reply
    assert [(s.key, s.value) for s in store.pr_settings("acme/models", 4)] == [("model", "off")]


def test_an_invalid_setting_by_a_writer_is_refused_and_asks_github_once(store: Store) -> None:
    ctx = context(store, "lead")
    result = run_command(ctx, parse_command("/custody set temperature 2"))
    assert isinstance(result, Refused) and "Nothing was changed" in result.reply
    assert cast(Any, ctx.gh).repo.asked == ["lead"]


@pytest.mark.parametrize("line", ["/custody set model @acme/everyone", "/custody set @acme/everyone on",
                                  "/custody set review-tokens ![x](https://t.example/p.gif)",
                                  "/custody waive no.such.rule @acme/everyone", "/custody explain no.such.rule",
                                  "/custody waive hygiene.secret see [docs](https://evil.example) @acme/everyone"])
def test_replies_never_echo_the_command(store: Store, line: str) -> None:
    # Issue 15, Medium 7: `/custody set` and unknown rules were echoed back in the App's voice.
    result = run_command(context(store, "lead"), parse_command(line))
    assert result.reply is not None
    for word in ("@acme", "https://", "![", "evil", "no.such.rule", "see ["):
        assert word not in result.reply
