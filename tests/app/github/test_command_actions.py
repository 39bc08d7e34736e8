"""The `/custody` verb table: each verb returns a typed result; the service acts on its type, not its text."""

from __future__ import annotations

from typing import Any, cast

import pytest
from custody.reviewer.app.github.command_actions import (
    COMMANDS,
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
        return self.permissions.get(login, "none")


class FakeGithub:
    def __init__(self, permissions: dict[str, str]) -> None:
        self.repo = FakeRepo(permissions)

    def get_repo(self, name: str) -> FakeRepo:
        return self.repo


def context(store: Store, by: str, permissions: dict[str, str] | None = None) -> CommandContext:
    job = ReviewJob(installation_id=1, repo="acme/models", number=4, head_sha="a" * 40, delivery_id="d-1",
                    trigger="command", command="", requested_by=by)
    gh = FakeGithub(permissions or {"lead": "admin", "dev": "write", "guest": "read"})
    return CommandContext(cast(Any, gh), job, Settings(), store)


def test_every_verb_the_parser_knows_has_an_action() -> None:
    assert set(COMMANDS) == {"review", "explain", "waive", "set", "help"}


def test_review_asks_for_a_rereview_and_says_nothing(store: Store) -> None:
    result = run_command(context(store, "guest"), parse_command("/custody review"))
    assert result == Rereview()
    assert result.reply is None and result.rereview


def test_help_and_unknown_text_reply_without_rereview(store: Store) -> None:
    for line in ("/custody help", "/custody dance"):
        result = run_command(context(store, "guest"), parse_command(line))
        assert result == Replied(HELP) and not result.rereview


def test_a_waiver_by_a_writer_is_recorded_and_reviewed_again(store: Store) -> None:
    result = run_command(context(store, "dev"), parse_command("/custody waive hygiene.secret test key, rotated"))
    assert isinstance(result, Waived) and result.rereview
    assert (result.rule, result.by, result.reason) == ("hygiene.secret", "dev", "test key, rotated")
    assert result.reply.startswith("Waived `hygiene.secret`")
    (waiver,) = store.waivers("acme/models", 4)
    assert (waiver.rule, waiver.by) == ("hygiene.secret", "dev")


@pytest.mark.parametrize(("line", "by", "said"), [
    ("/custody waive hygiene.secret", "dev", "needs a rule and a reason"),
    ("/custody waive no.such.rule because", "dev", "has no rule `no.such.rule`"),
    ("/custody waive hygiene.secret because I say so", "guest", "only people with write access"),
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


def test_an_invalid_setting_is_refused_before_anyone_is_asked_about_permissions(store: Store) -> None:
    ctx = context(store, "lead")
    result = run_command(ctx, parse_command("/custody set temperature 2"))
    assert isinstance(result, Refused) and "Nothing was changed" in result.reply
    assert cast(Any, ctx.gh).repo.asked == []
