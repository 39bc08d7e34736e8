"""Settings from the environment: numbers checked, and the per-installation registries parsed."""

from __future__ import annotations

from pathlib import Path

import pytest
from custody.reviewer.settings import Registries, RegistryTarget, Settings, parse_registries

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
