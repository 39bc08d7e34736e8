"""custody.yml as read from the base branch: each broken part dropped alone and said with its line."""

from __future__ import annotations

import pytest
import yaml
from custody.reviewer.gather.config import (
    ConfigError,
    ConfigIssue,
    LoadedConfig,
    describe,
    did_you_mean,
    line_of,
    load_config,
    model_at,
    parse_repo_config,
    unit_of,
    validate_config,
    yaml_error_line,
    yaml_error_text,
)
from custody.reviewer.model.config import MAX_CONFIG_BYTES, Bound, RepoConfig, RuleOverride, TicketPolicy
from pydantic import ValidationError

# A configuration as a team writes it (the example of docs/configuration.md, trimmed).
GOOD = """\
tickets:
  required: true
  trackers: [github, jira]
promotion:
  registered_model: fraud-detector
  production_alias: champion
  primary_metric: val_auc
  min_improvement: 0.005
  guardrails:
    latency_p95_ms: {max: 120}
rules:
  disable: [hygiene.unpinned-dependency]
  overrides:
    card.metric-matches-run: {severity: high, blocking: true}
"""


def test_a_broken_config_keeps_every_valid_part() -> None:
    loaded = load_config("rule:\n  disable: [x]\ntickets: {required: true, trackers: [github, linear]}\n"
                         "promotion:\n  registered_model: m\n  min_improvement: lots\n  guardrails:\n"
                         "    latency: {max: 3}\n    f1: {minimum: 0.7}\n")
    config = loaded.config
    assert config.tickets.required and config.tickets.trackers == ["github"]
    assert config.promotion is not None and config.promotion.registered_model == "m"
    assert config.promotion.min_improvement is None and list(config.promotion.guardrails) == ["latency"]
    messages = {str(i) for i in loaded.issues}
    assert ".github/custody.yml:1: unknown key `rule`; did you mean `rules`?; it was ignored" in messages
    assert any(m.startswith(".github/custody.yml:3: tickets.trackers.1") for m in messages)
    assert any(m.startswith(".github/custody.yml:6: promotion.min_improvement") for m in messages)
    assert any(m.startswith(".github/custody.yml:9: unknown key `minimum`") and "did you mean `min`" in m
               for m in messages)


def test_a_yaml_error_names_line_and_column() -> None:
    [issue] = load_config("tickets:\n  required: [true\n").issues
    assert issue.line == 3 and "column" in issue.message and "defaults were used" in issue.message


def test_a_good_configuration_has_no_issues_and_parses_strictly() -> None:
    loaded = load_config(GOOD)
    assert loaded.issues == []
    config = parse_repo_config(GOOD.encode())
    assert config == loaded.config
    assert config.promotion is not None and config.promotion.guardrails["latency_p95_ms"].max == 120


def test_no_file_or_an_empty_file_gives_the_defaults() -> None:
    for text in (None, "", "# nothing yet\n"):
        loaded = load_config(text)
        assert loaded.config == RepoConfig() and loaded.issues == []


def test_a_file_that_is_not_a_mapping_is_said_and_the_defaults_used() -> None:
    [issue] = load_config("- tickets\n- rules\n").issues
    assert issue.message.startswith("must be a mapping of keys") and issue.line == 1
    assert load_config("- tickets\n").config == RepoConfig()


def test_an_oversized_file_is_not_parsed() -> None:
    [issue] = load_config("#" * (MAX_CONFIG_BYTES + 1)).issues
    assert issue.message == "larger than 256 KiB; the built-in defaults were used" and issue.line is None


def test_a_yaml_bomb_is_refused_with_the_reader_reason() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    [issue] = load_config(bomb).issues
    assert issue.message.endswith("; the built-in defaults were used")
    with pytest.raises(ConfigError):
        parse_repo_config(bomb)


def test_strict_parsing_names_up_to_five_problems() -> None:
    text = "".join(f"extra{i}: 1\n" for i in range(8))
    with pytest.raises(ConfigError) as raised:
        parse_repo_config(text)
    message = str(raised.value)
    assert message.count("unknown key") == 5 and message.startswith(".github/custody.yml:1: unknown key `extra0`")


def test_two_bad_items_of_one_list_are_both_dropped_and_the_good_ones_kept() -> None:
    loaded = load_config("tickets:\n  trackers: [linear, github, asana, jira]\n")
    assert loaded.config.tickets.trackers == ["github", "jira"]
    assert sorted(i.line or 0 for i in loaded.issues) == [2, 2]
    assert {i.dotted for i in loaded.issues} == {"tickets.trackers.0", "tickets.trackers.2"}


def test_a_bad_override_is_dropped_whole_and_its_neighbours_kept() -> None:
    loaded = load_config("rules:\n  overrides:\n    card.exists: {severity: urgent, blocking: true}\n"
                         "    scope.criteria: {blocking: false}\n")
    assert list(loaded.config.rules.overrides) == ["scope.criteria"]
    [issue] = loaded.issues
    assert issue.dotted == "rules.overrides.card.exists" and issue.line == 3
    assert "(got 'urgent')" in issue.message


def test_a_validated_mapping_is_not_changed_in_place() -> None:
    data = {"tickets": {"trackers": ["linear"]}, "team": "x"}
    validate_config(data)
    assert data == {"tickets": {"trackers": ["linear"]}, "team": "x"}
    assert validate_config(None).issues == []


def test_an_issue_reads_with_and_without_a_line_and_becomes_a_degradation() -> None:
    placed = ConfigIssue(".github/custody.yml", "bad", ("rules", "overrides", "x"), 7)
    assert str(placed) == ".github/custody.yml:7: bad"
    assert placed.degraded().model_dump() == {"what": "`rules.overrides.x`", "why": "bad",
                                              "where": ".github/custody.yml:7"}
    whole = ConfigIssue(".github/custody.yml", "too big")
    assert str(whole) == ".github/custody.yml: too big"
    assert whole.degraded().model_dump() == {"what": ".github/custody.yml", "why": "too big",
                                             "where": ".github/custody.yml"}


def test_line_of_follows_keys_and_list_items_and_stops_where_the_path_ends() -> None:
    root = yaml.compose(GOOD)
    assert line_of(root, ("promotion", "guardrails", "latency_p95_ms", "max")) == 10
    assert line_of(root, ("tickets", "trackers", 1)) == 3
    assert line_of(root, ("tickets", "trackers", 9)) == 3  # past the list's end: the list's line
    assert line_of(root, ("rules", "nope", "deeper")) == 11
    assert line_of(None, ("rules",)) is None
    assert LoadedConfig(RepoConfig(), root=root).line_of(("rules",)) == 11


def test_did_you_mean_offers_only_a_close_word() -> None:
    assert did_you_mean("tickts", ["tickets", "rules"]) == "; did you mean `tickets`?"
    assert did_you_mean("zzz", ["tickets", "rules"]) == ""


def test_model_at_walks_through_optionals_dicts_and_lists() -> None:
    assert model_at(RepoConfig, ("promotion", "guardrails", "auc")) is Bound
    assert model_at(RepoConfig, ("rules", "overrides", "card.exists")) is RuleOverride
    assert model_at(RepoConfig, ("tickets",)) is TicketPolicy
    assert model_at(RepoConfig, ("tickets", "trackers")) is None
    assert model_at(RepoConfig, ("nope",)) is None
    assert model_at(RepoConfig, ("on_error", "x")) is None


def test_errors_are_described_in_the_words_of_the_yaml() -> None:
    with pytest.raises(ValidationError) as raised:
        RepoConfig.model_validate({"paths": {"model_card": []}, "on_error": "explode"})
    words = sorted(describe(e, RepoConfig) for e in raised.value.errors())
    assert words[0].startswith("on_error: Input should be 'neutral' or 'fail' (got 'explode')")
    assert words[1] == "unknown key `model_card` in paths; did you mean `model_cards`?"


def test_the_unit_dropped_is_a_whole_override_or_the_deepest_existing_key() -> None:
    data = {"rules": {"overrides": {"x": {"severity": 1}}}, "tickets": {"trackers": ["a", "b"]}}
    assert unit_of(("rules", "overrides", "x", "severity"), data) == ("rules", "overrides", "x")
    assert unit_of(("tickets", "trackers", 1), data) == ("tickets", "trackers", 1)
    assert unit_of(("tickets", "trackers", 5), data) == ("tickets", "trackers")
    assert unit_of(("promotion", "x"), data) == ()


def test_yaml_errors_give_their_line_when_the_parser_knows_it() -> None:
    with pytest.raises(yaml.YAMLError) as raised:
        yaml.safe_load("a: [1\n")
    assert yaml_error_line(raised.value) == 2
    line, text = yaml_error_text(raised.value)
    assert line == 2 and text.startswith("not valid YAML at line 2, column 1: ")
    assert yaml_error_line(yaml.YAMLError()) is None
    assert yaml_error_text(yaml.YAMLError()) == (None, "not valid YAML: not valid YAML")
