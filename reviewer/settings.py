"""Settings from the environment: the names `product.md` publishes, with embedded defaults."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from custody.reviewer.llm.budget import Limits

SPRINT_CALENDARS = ("windows", "milestones")
BUDGET = Limits()  # the budgets' defaults live with the budgets


def _env(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None


def custody_home() -> Path:
    """Where the default SQLite files, the demo's files and the disk cache live: `CUSTODY_HOME`,
    else `.custody` in the current folder. Read when asked, not once at import, so a process (or
    a test) that sets it before building its settings is obeyed."""
    return Path(_env("CUSTODY_HOME") or ".custody")


def _env_count(name: str, default: int) -> int:
    """A positive whole number from the environment; a bad one stops start-up with its name."""
    value = _env(name)
    if value is None:
        return default
    try:
        count = int(value.replace("_", ""))
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value[:40]!r}") from None
    if count <= 0:
        raise ValueError(f"{name} must be positive, not {count}")
    return count


def loopback_host(host: str) -> bool:
    """`localhost`, or an address on the loopback network (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = (_env(name) or default).strip().lower()
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value[:40]!r}")
    return value


def _env_date(name: str, default: date) -> date:
    value = _env(name)
    if value is None:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} must be a date (YYYY-MM-DD), not {value[:40]!r}") from None


def _env_seconds(name: str) -> float | None:
    value = _env(name)
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {value[:40]!r}") from None
    if not 0 <= seconds <= 60:
        raise ValueError(f"{name} must be between 0 and 60 seconds, not {seconds}")
    return seconds


PACING_MODES = ("installation", "process")


@dataclass(frozen=True)
class RegistryTarget:
    """One model registry (an MLflow server) and the credentials Custody reads it with."""

    uri: str
    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Registries:
    """Which installation reads which registry: by installation id, else by the repository's owner
    (organisation or user). Nobody else's registry is ever read: an installation listed nowhere has
    none, unless the deployment says it is single-tenant (then the one MLFLOW_TRACKING_URI serves all)."""

    installations: dict[int, RegistryTarget] = field(default_factory=dict)
    owners: dict[str, RegistryTarget] = field(default_factory=dict)  # lower-case owner login

    def of(self, installation: int, repo: str) -> RegistryTarget | None:
        found = self.installations.get(installation)
        return found if found is not None else self.owners.get(repo.partition("/")[0].lower())

    def __bool__(self) -> bool:
        return bool(self.installations or self.owners)


REGISTRY_FIELDS = {"uri", "username", "password", "token"}


def parse_registries(text: str, where: str) -> Registries:
    """`{installations: {"5": {uri, token | username + password}}, owners: {acme: {...}}}` as JSON
    or YAML; a malformed entry stops start-up, naming where it is but never a credential."""
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        raise ValueError(f"{where} is neither JSON nor YAML") from None
    if not isinstance(data, dict) or set(data) - {"installations", "owners"}:
        raise ValueError(f"{where} must be a mapping with `installations` and/or `owners`")

    def target(entry: object, name: str) -> RegistryTarget:
        if not isinstance(entry, dict) or not isinstance(entry.get("uri"), str) or set(entry) - REGISTRY_FIELDS or \
                not all(isinstance(v, str) for v in entry.values()):
            raise ValueError(f"{where}: {name} needs a `uri` and at most `username`, `password`, `token` (strings)")
        if not entry["uri"].startswith(("http://", "https://")):
            raise ValueError(f"{where}: {name}'s uri must be http(s)")
        return RegistryTarget(entry["uri"].rstrip("/"), entry.get("username"), entry.get("password"),
                              entry.get("token"))

    installations: dict[int, RegistryTarget] = {}
    for key, entry in (data.get("installations") or {}).items():
        if not str(key).isdigit():
            raise ValueError(f"{where}: installation ids are numbers, not {str(key)[:40]!r}")
        installations[int(key)] = target(entry, f"installation {key}")
    owners = {str(key).lower(): target(entry, f"owner {key}") for key, entry in (data.get("owners") or {}).items()}
    return Registries(installations, owners)


def _registries() -> Registries:
    inline, path = _env("CUSTODY_MLFLOW_REGISTRIES"), _env("CUSTODY_MLFLOW_REGISTRIES_FILE")
    if inline is not None:
        return parse_registries(inline, "CUSTODY_MLFLOW_REGISTRIES")
    if path is not None:
        return parse_registries(Path(path).read_text(encoding="utf-8"), "CUSTODY_MLFLOW_REGISTRIES_FILE")
    return Registries()


@dataclass(frozen=True)
class Settings:
    webhook_secret: str | None = field(default=None, repr=False)  # the HMAC key of every delivery
    app_id: str | None = None
    private_key: str | None = field(default=None, repr=False)
    github_api_url: str = "https://api.github.com"
    database_url: str = field(default_factory=lambda: f"sqlite:///{custody_home() / 'custody.db'}")
    queue_url: str = field(default_factory=lambda: f"sqlite:///{custody_home() / 'queue.db'}")
    anthropic_api_key: str | None = field(default=None, repr=False)
    model: str = "claude-sonnet-4-6"
    mlflow_tracking_uri: str | None = None
    # The secret MLflow signs its registry webhooks with (`custody mlflow connect` registers it);
    # unset, `POST /mlflow/webhook` refuses every delivery.
    mlflow_webhook_secret: str | None = field(default=None, repr=False)
    # Per-installation registries; the one MLFLOW_TRACKING_URI above serves an installation only
    # when the deployment says it is single-tenant (CUSTODY_MLFLOW_SINGLE_TENANT=true).
    mlflow_registries: Registries = field(default_factory=Registries)
    mlflow_single_tenant: bool = False
    jira_url: str | None = None
    jira_email: str | None = None
    jira_token: str | None = field(default=None, repr=False)
    api_token: str | None = field(default=None, repr=False)
    # "Sign in with GitHub" for the dashboard: the App's OAuth client, GitHub's web address (derived
    # from the API's when unset) and this deployment's public address (for the callback URL).
    github_client_id: str | None = None
    github_client_secret: str | None = field(default=None, repr=False)
    github_web_url: str | None = None
    public_url: str | None = None
    max_body_bytes: int = 25 * 1024 * 1024
    # `/custody` command jobs queued per pull request in ten minutes; the rest are acknowledged and
    # dropped, so comment spam cannot occupy the workers.
    commands_per_pr: int = 10
    # ... and per installation, so one account's commenters cannot fill every worker either.
    commands_per_installation: int = 30
    # Pauses PyGithub keeps between calls, to stay under GitHub's secondary rate limits; None keeps
    # PyGithub's own (0.25 s between requests, 1 s between writes). GHES or a stand-in may use 0.
    github_request_interval: float | None = None
    github_write_interval: float | None = None
    # "installation": one budget per installation shared by every worker (the store or Redis holds
    # it), writes one at a time the write interval apart, and GitHub's Retry-After and
    # X-RateLimit-Reset obeyed; the request interval is not applied. "process": PyGithub's own
    # pauses per client only, as before (kept to compare with).
    github_pacing: str = "installation"
    # Language-model token budgets: per review, per agent within a review, per installation and month.
    review_tokens: int = BUDGET.review_tokens
    agent_tokens: int = BUDGET.agent_tokens
    monthly_tokens: int = BUDGET.monthly_tokens
    # The organisation's one sprint calendar: fixed windows (`sprint_days` long, counted from
    # `sprint_start`) or the PRs' milestones; never both, so no sprint axis mixes the two.
    sprint_calendar: str = "windows"
    sprint_days: int = 14
    sprint_start: date = date(2026, 1, 5)

    @classmethod
    def from_env(cls) -> Settings:
        key = _env("CUSTODY_PRIVATE_KEY")
        key_path = _env("CUSTODY_PRIVATE_KEY_PATH")
        if key is None and key_path is not None:
            try:
                key = Path(key_path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
                raise ValueError(f"CUSTODY_PRIVATE_KEY_PATH cannot be read ({reason}): {key_path[:200]!r}") from None
        defaults = cls()
        return cls(
            webhook_secret=_env("CUSTODY_WEBHOOK_SECRET"),
            app_id=_env("CUSTODY_APP_ID"),
            private_key=key,
            github_api_url=(_env("CUSTODY_GITHUB_API_URL") or defaults.github_api_url).rstrip("/"),
            database_url=_env("CUSTODY_DATABASE_URL") or defaults.database_url,
            queue_url=_env("CUSTODY_QUEUE_URL") or defaults.queue_url,
            anthropic_api_key=_env("ANTHROPIC_API_KEY"),
            model=_env("CUSTODY_MODEL") or defaults.model,
            mlflow_tracking_uri=_env("CUSTODY_MLFLOW_URI") or _env("MLFLOW_TRACKING_URI"),
            mlflow_webhook_secret=_env("CUSTODY_MLFLOW_WEBHOOK_SECRET"),
            mlflow_registries=_registries(),
            mlflow_single_tenant=(_env("CUSTODY_MLFLOW_SINGLE_TENANT") or "").lower() in {"1", "true", "yes"},
            jira_url=_env("CUSTODY_JIRA_URL"),
            jira_email=_env("CUSTODY_JIRA_EMAIL"),
            jira_token=_env("CUSTODY_JIRA_TOKEN"),
            api_token=_env("CUSTODY_API_TOKEN"),
            github_client_id=_env("CUSTODY_GITHUB_CLIENT_ID"),
            github_client_secret=_env("CUSTODY_GITHUB_CLIENT_SECRET"),
            github_web_url=(_env("CUSTODY_GITHUB_URL") or "").rstrip("/") or None,
            public_url=(_env("CUSTODY_PUBLIC_URL") or "").rstrip("/") or None,
            github_request_interval=_env_seconds("CUSTODY_GITHUB_REQUEST_INTERVAL"),
            github_write_interval=_env_seconds("CUSTODY_GITHUB_WRITE_INTERVAL"),
            github_pacing=_env_choice("CUSTODY_GITHUB_PACING", PACING_MODES, defaults.github_pacing),
            review_tokens=_env_count("CUSTODY_REVIEW_TOKENS", defaults.review_tokens),
            agent_tokens=_env_count("CUSTODY_AGENT_TOKENS", defaults.agent_tokens),
            monthly_tokens=_env_count("CUSTODY_MONTHLY_TOKENS", defaults.monthly_tokens),
            commands_per_pr=_env_count("CUSTODY_COMMANDS_PER_PR", defaults.commands_per_pr),
            sprint_calendar=_env_choice("CUSTODY_SPRINT_CALENDAR", SPRINT_CALENDARS, defaults.sprint_calendar),
            sprint_days=_env_count("CUSTODY_SPRINT_DAYS", defaults.sprint_days),
            sprint_start=_env_date("CUSTODY_SPRINT_START", defaults.sprint_start),
            commands_per_installation=_env_count("CUSTODY_COMMANDS_PER_INSTALLATION",
                                                 defaults.commands_per_installation),
        )
