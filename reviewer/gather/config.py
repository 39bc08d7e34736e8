"""The repository configuration, `.github/custody.yml`, read from the base branch."""

from __future__ import annotations

import yaml
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.model.config import CONFIG_PATH, MAX_CONFIG_BYTES, RepoConfig
from pydantic import ValidationError


def yaml_error_line(exc: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML error points at, when it says."""
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


class ConfigError(ValueError):
    """The configuration could not be used; the message is safe to show in the PR."""


def parse_repo_config(text: str | bytes | None) -> RepoConfig:
    """Parse custody.yml; raise ConfigError with a user-facing reason when it is unusable."""
    if text is None:
        return RepoConfig()
    if len(text) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{CONFIG_PATH} is larger than {MAX_CONFIG_BYTES // 1024} KiB")
    try:
        data = load_yaml(text, CONFIG_PATH)
    except YamlLimitError as exc:
        raise ConfigError(str(exc)) from exc
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        raise ConfigError(f"{CONFIG_PATH} is not valid YAML{f' at line {line}' if line else ''}") from exc
    if data is None:
        return RepoConfig()
    if not isinstance(data, dict):
        raise ConfigError(f"{CONFIG_PATH} must be a mapping at the top level")
    try:
        return RepoConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise ConfigError(f"{CONFIG_PATH} is invalid: {problems}") from exc
