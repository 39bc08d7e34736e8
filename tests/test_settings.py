"""Settings from the environment: defaults without any, each published name read, and a bad value stops
start-up with the variable's name instead of a trace."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from custody.reviewer.settings import (
    BUDGET,
    Registries,
    RegistryTarget,
    Settings,
    custody_home,
    loopback_host,
    parse_registries,
)

NAMES = [
    "CUSTODY_PRIVATE_KEY", "CUSTODY_PRIVATE_KEY_PATH", "CUSTODY_WEBHOOK_SECRET", "CUSTODY_APP_ID",
    "CUSTODY_GITHUB_API_URL", "CUSTODY_DATABASE_URL", "CUSTODY_QUEUE_URL", "ANTHROPIC_API_KEY", "CUSTODY_MODEL",
    "CUSTODY_MLFLOW_URI", "MLFLOW_TRACKING_URI", "CUSTODY_JIRA_URL", "CUSTODY_JIRA_EMAIL", "CUSTODY_JIRA_TOKEN",
    "CUSTODY_API_TOKEN", "CUSTODY_GITHUB_CLIENT_ID", "CUSTODY_GITHUB_CLIENT_SECRET", "CUSTODY_GITHUB_URL",
    "CUSTODY_PUBLIC_URL", "CUSTODY_GITHUB_REQUEST_INTERVAL", "CUSTODY_GITHUB_WRITE_INTERVAL",
    "CUSTODY_REVIEW_TOKENS", "CUSTODY_AGENT_TOKENS", "CUSTODY_MONTHLY_TOKENS", "CUSTODY_COMMANDS_PER_PR",
]
# Stands for the App's PEM private key (not a key: secret scanners must not trip on the test suite).
PEM = "pem-text-of-the-app-key\nsecond-line\n"


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)


def test_without_any_variable_the_defaults_apply() -> None:
    assert Settings.from_env() == Settings()
    settings = Settings()
    assert settings.github_api_url == "https://api.github.com"
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith("custody.db")
    assert (settings.review_tokens, settings.monthly_tokens) == (BUDGET.review_tokens, BUDGET.monthly_tokens)
    assert settings.github_request_interval is None and settings.commands_per_pr == 10


def test_the_home_is_read_when_settings_are_built_not_at_import(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    # The home was read once at import, so a test (or a process) setting CUSTODY_HOME afterwards
    # still got `.custody/` in the current folder: the test suite wrote its databases into the repository.
    monkeypatch.setenv("CUSTODY_HOME", str(tmp_path / "elsewhere"))
    settings = Settings()
    assert custody_home() == tmp_path / "elsewhere"
    assert (settings.database_url, settings.queue_url) == (f"sqlite:///{tmp_path / 'elsewhere' / 'custody.db'}",
                                                           f"sqlite:///{tmp_path / 'elsewhere' / 'queue.db'}")
    assert Settings.from_env().database_url == settings.database_url
    for unset in ("", None):  # the product's default, as the README says: `.custody/` where it runs
        if unset is None:
            monkeypatch.delenv("CUSTODY_HOME")
        else:
            monkeypatch.setenv("CUSTODY_HOME", unset)
        assert custody_home() == Path(".custody")
        assert Settings().database_url == "sqlite:///.custody/custody.db"
        assert Settings().queue_url == "sqlite:///.custody/queue.db"


def test_the_test_suite_keeps_custody_home_out_of_the_repository(custody_home_folder: Path) -> None:
    repo = Path(__file__).resolve().parents[1]
    assert Settings().database_url == f"sqlite:///{custody_home_folder / 'custody.db'}"
    assert repo not in custody_home_folder.parents


def test_every_published_variable_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    values = {
        "CUSTODY_WEBHOOK_SECRET": "s3cret", "CUSTODY_APP_ID": "12345", "CUSTODY_PRIVATE_KEY": PEM,
        "CUSTODY_GITHUB_API_URL": "https://ghe.acme.internal/api/v3/", "CUSTODY_DATABASE_URL": "postgresql://db/c",
        "CUSTODY_QUEUE_URL": "redis://q:6379/0", "ANTHROPIC_API_KEY": "sk-ant-x", "CUSTODY_MODEL": "claude-x",
        "MLFLOW_TRACKING_URI": "http://mlflow:5000", "CUSTODY_JIRA_URL": "https://acme.atlassian.net",
        "CUSTODY_JIRA_EMAIL": "bot@acme.com", "CUSTODY_JIRA_TOKEN": "jt", "CUSTODY_API_TOKEN": "at",
        "CUSTODY_GITHUB_CLIENT_ID": "Iv1.abc", "CUSTODY_GITHUB_CLIENT_SECRET": "cs",
        "CUSTODY_GITHUB_URL": "https://ghe.acme.internal/", "CUSTODY_PUBLIC_URL": "https://custody.acme.internal/",
        "CUSTODY_GITHUB_REQUEST_INTERVAL": "0", "CUSTODY_GITHUB_WRITE_INTERVAL": "1.5",
        "CUSTODY_COMMANDS_PER_PR": "3",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    settings = Settings.from_env()
    assert settings.private_key == PEM and settings.app_id == "12345"
    assert settings.github_api_url == "https://ghe.acme.internal/api/v3"  # trailing slash dropped
    assert settings.github_web_url == "https://ghe.acme.internal" and settings.public_url.endswith("internal")
    assert settings.mlflow_tracking_uri == "http://mlflow:5000"
    assert (settings.github_request_interval, settings.github_write_interval) == (0.0, 1.5)
    assert settings.commands_per_pr == 3 and settings.model == "claude-x"
    monkeypatch.setenv("CUSTODY_MLFLOW_URI", "http://ours:5000")
    assert Settings.from_env().mlflow_tracking_uri == "http://ours:5000"  # Custody's own name wins


def test_secrets_never_show_in_the_repr() -> None:
    settings = Settings(private_key=PEM, anthropic_api_key="sk-ant-x", jira_token="jt", api_token="at",
                        github_client_secret="cs", webhook_secret="ws")
    hidden = [f.name for f in dataclasses.fields(Settings) if not f.repr]
    assert set(hidden) == {"webhook_secret", "private_key", "anthropic_api_key", "jira_token", "api_token",
                           "github_client_secret", "mlflow_webhook_secret"}
    shown = repr(settings)
    assert "github_api_url=" in shown
    for name in hidden:
        assert f"{name}=" not in shown
    assert "pem-text" not in shown and "sk-ant-x" not in shown


def test_an_empty_variable_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTODY_MODEL", "")
    monkeypatch.setenv("CUSTODY_REVIEW_TOKENS", "")
    monkeypatch.setenv("CUSTODY_PUBLIC_URL", "")
    assert Settings.from_env() == Settings()


def test_the_private_key_may_come_from_a_file_and_the_variable_wins(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "app.pem"
    path.write_text(PEM, encoding="utf-8")
    monkeypatch.setenv("CUSTODY_PRIVATE_KEY_PATH", str(path))
    assert Settings.from_env().private_key == PEM
    monkeypatch.setenv("CUSTODY_PRIVATE_KEY", "inline")
    assert Settings.from_env().private_key == "inline"


def test_an_unreadable_key_file_is_named_not_a_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTODY_PRIVATE_KEY_PATH", str(tmp_path / "missing.pem"))
    with pytest.raises(ValueError, match=r"^CUSTODY_PRIVATE_KEY_PATH cannot be read \(No such file or directory\)"):
        Settings.from_env()
    binary = tmp_path / "key.der"
    binary.write_bytes(b"\x30\x82\xff\xfe")
    monkeypatch.setenv("CUSTODY_PRIVATE_KEY_PATH", str(binary))
    with pytest.raises(ValueError, match=r"cannot be read \(UnicodeDecodeError\)"):
        Settings.from_env()


@pytest.mark.parametrize(("name", "value", "message"), [
    ("CUSTODY_REVIEW_TOKENS", "many", "CUSTODY_REVIEW_TOKENS must be a whole number, not 'many'"),
    ("CUSTODY_AGENT_TOKENS", "-5", "CUSTODY_AGENT_TOKENS must be positive, not -5"),
    ("CUSTODY_COMMANDS_PER_PR", "0", "CUSTODY_COMMANDS_PER_PR must be positive, not 0"),
    ("CUSTODY_MONTHLY_TOKENS", "1.5e6", "CUSTODY_MONTHLY_TOKENS must be a whole number"),
    ("CUSTODY_GITHUB_REQUEST_INTERVAL", "soon", "CUSTODY_GITHUB_REQUEST_INTERVAL must be a number of seconds"),
    ("CUSTODY_GITHUB_WRITE_INTERVAL", "61", "CUSTODY_GITHUB_WRITE_INTERVAL must be between 0 and 60 seconds"),
    ("CUSTODY_GITHUB_WRITE_INTERVAL", "-1", "must be between 0 and 60 seconds, not -1.0"),
])
def test_a_bad_number_stops_start_up_with_its_name(monkeypatch: pytest.MonkeyPatch, name: str, value: str,
                                                   message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        Settings.from_env()


def test_counts_may_group_digits_with_underscores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTODY_MONTHLY_TOKENS", "2_000_000")
    assert Settings.from_env().monthly_tokens == 2_000_000


def test_a_long_bad_value_is_cut_in_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTODY_REVIEW_TOKENS", "x" * 500)
    with pytest.raises(ValueError) as raised:
        Settings.from_env()
    assert "x" * 41 not in str(raised.value)


REGISTRIES_YAML = """
installations:
  "5": {uri: "https://mlflow.acme.internal/", token: "acme-token"}
owners:
  Globex: {uri: "https://mlflow.globex.internal", username: ci, password: "globex-password"}
"""


def test_registries_from_a_yaml_file_or_inline_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "registries.yml"
    path.write_text(REGISTRIES_YAML, encoding="utf-8")
    monkeypatch.setenv("CUSTODY_MLFLOW_REGISTRIES_FILE", str(path))
    settings = Settings.from_env()
    acme = RegistryTarget("https://mlflow.acme.internal", token="acme-token")
    assert settings.mlflow_registries.of(5, "anyone/repo") == acme
    assert settings.mlflow_registries.of(11, "globex/fraud") == RegistryTarget(
        "https://mlflow.globex.internal", "ci", "globex-password")
    assert settings.mlflow_registries.of(7, "initech/model") is None and not settings.mlflow_single_tenant
    monkeypatch.setenv("CUSTODY_MLFLOW_REGISTRIES", '{"installations": {"9": {"uri": "https://m.test"}}}')
    monkeypatch.setenv("CUSTODY_MLFLOW_SINGLE_TENANT", "true")
    inline = Settings.from_env()
    assert inline.mlflow_registries == Registries({9: RegistryTarget("https://m.test")}) and inline.mlflow_single_tenant
    assert "acme-token" not in repr(settings)  # credentials stay out of logs and tracebacks


@pytest.mark.parametrize("text", [
    "- just a list",
    "installations: {five: {uri: https://m.test}}",
    "installations: {'5': {url: https://m.test}}",
    "owners: {acme: {uri: 'file:///etc/passwd'}}",
    "owners: {acme: {uri: https://m.test, token: 5}}",
    "registries: {}",
    "installations: {'5': {uri: https://m.test, token: 'secret-in-error'}, '6': 7}",
])
def test_a_malformed_registry_map_stops_start_up_without_naming_a_secret(text: str) -> None:
    with pytest.raises(ValueError, match="CUSTODY_MLFLOW_REGISTRIES") as raised:
        parse_registries(text, "CUSTODY_MLFLOW_REGISTRIES")
    assert "secret-in-error" not in str(raised.value)


def test_counts_must_be_positive_whole_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTODY_COMMANDS_PER_INSTALLATION", "0")
    with pytest.raises(ValueError, match="CUSTODY_COMMANDS_PER_INSTALLATION must be positive"):
        Settings.from_env()
    monkeypatch.setenv("CUSTODY_COMMANDS_PER_INSTALLATION", "45")
    assert Settings.from_env().commands_per_installation == 45


@pytest.mark.parametrize(("host", "loopback"), [
    ("localhost", True), ("LOCALHOST", True), ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True),
    ("[::1]", True), ("10.0.0.5", False), ("redis.internal", False), ("", False)])
def test_one_loopback_test_serves_the_queue_and_the_cookies(host: str, loopback: bool) -> None:
    assert loopback_host(host) is loopback
