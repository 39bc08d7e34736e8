"""Settings a pull request's comments may change: a short allow-list, each only towards less model use.

Everything that decides a verdict (rules, severities, blocking, paths, agents) is read from
`.github/custody.yml` on the base branch, so a comment, like the pull request itself, cannot weaken
it. A comment may turn the language model off for its pull request, or lower the review's token
budget; nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from custody.reviewer.model.config import Paths, PromotionPolicy, RepoConfig, RuleOverride, RulesConfig, TicketPolicy

ON, OFF = {"on", "true", "yes", "1"}, {"off", "false", "no", "0"}
# Every key of `.github/custody.yml`, so that the refusal says where it lives.
CONFIG_KEYS = {"agents", "enable"}.union(*(m.model_fields for m in (
    RepoConfig, RulesConfig, RuleOverride, Paths, TicketPolicy, PromotionPolicy)))


class SettingRefused(ValueError):
    """A comment asked for a setting that is not on the allow-list, or for a value it does not take."""


@dataclass(frozen=True)
class PrSetting:
    key: str
    value: str
    by: str


@dataclass(frozen=True)
class PrSettings:
    """The effective settings of one pull request: the latest value of each key wins."""

    model: bool = True
    model_off_by: str | None = None
    review_tokens: int | None = None

    def model_off_reason(self) -> str:
        return (f"the language model is turned off for this pull request by @{self.model_off_by} "
                "(`/custody set model off`)")


def _switch(value: str) -> str:
    word = value.strip().lower()
    if word in ON:
        return "on"
    if word in OFF:
        return "off"
    raise SettingRefused("`model` takes `on` or `off`.")


def _tokens(value: str, ceiling: int) -> str:
    try:
        tokens = int(value.strip().replace("_", "").replace(",", ""))
    except ValueError:
        raise SettingRefused("`review-tokens` takes a whole number of tokens.") from None
    if tokens < 0:
        raise SettingRefused("`review-tokens` cannot be negative.")
    if tokens > ceiling:
        raise SettingRefused(f"`review-tokens` can only lower the review's budget, which is {ceiling:,} tokens "
                             "here; raise it in the deployment's `CUSTODY_REVIEW_TOKENS`.")
    return str(tokens)


ALLOWED = {"model": "turn the language model on or off for this pull request",
           "review-tokens": "lower the language model's token budget of each review of this pull request"}


def check_setting(key: str | None, value: str | None, review_ceiling: int) -> tuple[str, str]:
    """The normalised (key, value) a comment may set, or SettingRefused saying why not."""
    name = (key or "").strip().lower().replace("_", "-")
    if not name or value is None or not value.strip():
        raise SettingRefused("A setting needs a name and a value: `/custody set model off`.")
    if name == "model":
        return name, _switch(value)
    if name == "review-tokens":
        return name, _tokens(value, review_ceiling)
    if name.replace("-", "_") in CONFIG_KEYS:
        raise SettingRefused(f"`{name}` is read from `.github/custody.yml` on the base branch; a comment cannot "
                             "change it.")
    listed = ", ".join(f"`{k}` ({why})" for k, why in ALLOWED.items())
    raise SettingRefused(f"That setting cannot be changed from a comment. Comments may set: {listed}.")


def effective(rows: Iterable[PrSetting]) -> PrSettings:
    """Fold the recorded settings, oldest first, into what the next review uses."""
    model, off_by, tokens = True, None, None
    for row in rows:
        if row.key == "model":
            model, off_by = row.value == "on", (None if row.value == "on" else row.by)
        elif row.key == "review-tokens":
            tokens = int(row.value)
    return PrSettings(model=model, model_off_by=off_by, review_tokens=tokens)
