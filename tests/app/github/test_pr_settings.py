"""The allow-list of settings a PR comment may change, and how recorded changes fold together."""

from __future__ import annotations

import pytest
from custody.reviewer.app.github.pr_settings import PrSetting, PrSettings, SettingRefused, check_setting, effective


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("model", "off", ("model", "off")), ("Model", " ON ", ("model", "on")), ("model", "false", ("model", "off")),
    ("review-tokens", "20_000", ("review-tokens", "20000")), ("review_tokens", "0", ("review-tokens", "0")),
    ("review-tokens", "150,000", ("review-tokens", "150000")),
])
def test_allow_listed_settings_are_normalised(key: str, value: str, expected: tuple[str, str]) -> None:
    assert check_setting(key, value, review_ceiling=150_000) == expected


@pytest.mark.parametrize(("key", "value", "why"), [
    ("blocking", "false", "`.github/custody.yml`"), ("disable", "hygiene.secret", "`.github/custody.yml`"),
    ("severity", "info", "`.github/custody.yml`"), ("primary_metric", "auc", "`.github/custody.yml`"),
    ("review-tokens", "150001", "only lower"), ("review-tokens", "-1", "negative"),
    ("model", "sometimes", "`on` or `off`"), ("api-key", "x", "cannot be changed from a comment"),
    (None, None, "needs a name and a value"), ("model", "  ", "needs a name and a value"),
])
def test_everything_else_is_refused_with_the_reason(key: str | None, value: str | None, why: str) -> None:
    with pytest.raises(SettingRefused) as refused:
        check_setting(key, value, review_ceiling=150_000)
    assert why in str(refused.value)


def test_the_latest_value_of_each_key_wins() -> None:
    assert effective([]) == PrSettings()
    rows = [PrSetting("model", "off", "ana"), PrSetting("review-tokens", "900", "ana"),
            PrSetting("review-tokens", "500", "bo")]
    chosen = effective(rows)
    assert (chosen.model, chosen.model_off_by, chosen.review_tokens) == (False, "ana", 500)
    assert "@ana" in chosen.model_off_reason()
    assert effective([*rows, PrSetting("model", "on", "bo")]).model is True
