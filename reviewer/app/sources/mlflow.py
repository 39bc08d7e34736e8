"""The MLflow registry over its REST API; it gathers the same objects the snapshot holds and shares its parser."""

from __future__ import annotations

import contextlib
import os
import threading
from typing import Any

import httpx
from custody.reviewer.gather.readers.registry import parse_mlflow_snapshot
from custody.reviewer.gather.review_input import NO_NAMED_MODEL, ArtifactUnavailable, RegistrySource
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.settings import RegistryTarget, Settings

API = "/api/2.0/mlflow"
TIMEOUT_S = 10.0
MAX_VERSIONS = 200


NOT_CONFIGURED = "no model registry is configured for this installation"


def shared_target(settings: Settings) -> RegistryTarget:
    """The deployment's one registry (MLFLOW_TRACKING_URI), with MLflow's own auth variables."""
    if not settings.mlflow_tracking_uri:
        raise ValueError("no MLflow tracking URI is configured")
    return RegistryTarget(settings.mlflow_tracking_uri.rstrip("/"), os.environ.get("MLFLOW_TRACKING_USERNAME"),
                          os.environ.get("MLFLOW_TRACKING_PASSWORD"), os.environ.get("MLFLOW_TRACKING_TOKEN"))


class NoRegistry:
    """An installation with no registry of its own: nothing is read, and the review says so."""

    def load(self, model_names: list[str]) -> Registry:
        raise ArtifactUnavailable(NOT_CONFIGURED)


def registry_for_installation(settings: Settings, installation: int, repo: str,
                              transport: httpx.BaseTransport | None = None) -> RegistrySource | None:
    """The registry this installation may read: its own (by id, else by the repository's owner),
    the deployment's one registry only if the deployment is single-tenant, else none (said in the
    review as not checked). None when the deployment has no registry at all."""
    own = settings.mlflow_registries.of(installation, repo)
    if own is not None:
        return MlflowRegistry(own, transport=transport)
    if settings.mlflow_tracking_uri and settings.mlflow_single_tenant:
        return MlflowRegistry(shared_target(settings), transport=transport)
    if settings.mlflow_registries or settings.mlflow_tracking_uri:
        return NoRegistry()
    return None


# One client per registry and credentials for the process: a review per job must not build (and
# leave open) a connection pool and TLS context each time. httpx clients are safe across threads.
_clients: dict[RegistryTarget, httpx.Client] = {}
_clients_lock = threading.Lock()


def shared_client(target: RegistryTarget) -> httpx.Client:
    """The process's client for `target` (its URI and its own credentials, never another's)."""
    with _clients_lock:
        client = _clients.get(target)
        if client is None or client.is_closed:
            client = _clients[target] = _new_client(target)
        return client


def _new_client(target: RegistryTarget, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT_S, auth=_auth(target), headers=_headers(target), transport=transport)


class MlflowRegistry:
    def __init__(self, target: RegistryTarget, client: httpx.Client | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        """Reads `target` with its own credentials only: never another registry's."""
        self.base = target.uri.rstrip("/")
        if client is None:
            client = _new_client(target, transport) if transport is not None else shared_client(target)
        self.client = client

    def _get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        try:
            answer = self.client.get(f"{self.base}{API}/{path}", params=params)
        except httpx.HTTPError as exc:
            raise ArtifactUnavailable(f"the MLflow server could not be reached ({type(exc).__name__})") from exc
        if answer.status_code == 404:
            return {}
        if answer.status_code >= 400:
            code = ""
            with contextlib.suppress(ValueError):
                code = str(answer.json().get("error_code", ""))
            raise ArtifactUnavailable(f"MLflow answered {answer.status_code} {code} for {path}".strip())
        try:
            body: dict[str, Any] = answer.json()
        except ValueError as exc:
            raise ArtifactUnavailable(f"MLflow answered {path} with something that is not JSON") from exc
        return body

    def _send(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """A write (or a delete); any refusal raises ArtifactUnavailable naming MLflow's error code."""
        try:
            answer = self.client.request(method, f"{self.base}{API}/{path}", json=body)
        except httpx.HTTPError as exc:
            raise ArtifactUnavailable(f"the MLflow server could not be reached ({type(exc).__name__})") from exc
        if answer.status_code >= 400:
            message = ""
            with contextlib.suppress(ValueError, AttributeError):
                found = answer.json()
                message = f"{found.get('error_code', '')}: {str(found.get('message', ''))[:300]}"
            raise ArtifactUnavailable(f"MLflow answered {answer.status_code} for {method} {path} {message}".strip())
        with contextlib.suppress(ValueError):
            data = answer.json()
            return data if isinstance(data, dict) else {}
        return {}

    def model_version(self, name: str, version: str) -> dict[str, Any] | None:
        found = self._get("model-versions/get", {"name": name, "version": version}).get("model_version")
        return found if isinstance(found, dict) else None

    def run(self, run_id: str) -> dict[str, Any] | None:
        found = self._get("runs/get", {"run_id": run_id}).get("run")
        return found if isinstance(found, dict) else None

    def set_alias(self, name: str, alias: str, version: str) -> None:
        self._send("POST", "registered-models/alias", {"name": name, "alias": alias, "version": version})

    def aliases(self, name: str) -> dict[str, str]:
        """The registered model's aliases now (alias -> version)."""
        found = self._get("registered-models/get", {"name": name}).get("registered_model") or {}
        return {str(a.get("alias")): str(a.get("version")) for a in found.get("aliases", []) if isinstance(a, dict)}

    def create_webhook(self, name: str, url: str, events: list[tuple[str, str]], secret: str) -> dict[str, Any]:
        """A registry webhook (MLflow 3, SQL backends); MLflow keeps the secret and signs with it."""
        body = {"name": name, "url": url, "secret": secret, "status": "ACTIVE",
                "events": [{"entity": entity.upper(), "action": action.upper()} for entity, action in events]}
        found = self._send("POST", "webhooks", body).get("webhook")
        return found if isinstance(found, dict) else {}

    def webhooks(self) -> list[dict[str, Any]]:
        found = self._get("webhooks", {"max_results": 100}).get("webhooks")
        return [w for w in found if isinstance(w, dict)] if isinstance(found, list) else []

    def delete_webhook(self, webhook_id: str) -> None:
        self._send("DELETE", f"webhooks/{webhook_id}")

    def test_webhook(self, webhook_id: str, event: tuple[str, str]) -> dict[str, Any]:
        """MLflow posts its example payload for `event` to the webhook's URL and says what came back."""
        body = {"event": {"entity": event[0].upper(), "action": event[1].upper()}}
        found = self._send("POST", f"webhooks/{webhook_id}/test", body).get("result")
        return found if isinstance(found, dict) else {}

    def load(self, model_names: list[str]) -> Registry:
        """Only the models named (by the base branch): the server may be shared by every
        installation, so with no name nothing is read, and nothing is ever listed."""
        if not model_names:
            raise ArtifactUnavailable(NO_NAMED_MODEL)
        models: list[dict[str, Any]] = []
        for name in model_names:
            found = self._get("registered-models/get", {"name": name}).get("registered_model")
            if found:
                models.append(found)
        versions: list[dict[str, Any]] = []
        for model in models:
            escaped = str(model["name"]).replace("'", "\\'")
            found = self._get("model-versions/search", {"filter": f"name='{escaped}'",
                                                        "max_results": MAX_VERSIONS})
            versions.extend(found.get("model_versions", []))
        runs = []
        for run_id in sorted({str(v["run_id"]) for v in versions if v.get("run_id")}):
            run = self._get("runs/get", {"run_id": run_id}).get("run")
            if run:
                runs.append(run)
        snapshot = {"registered_models": models, "model_versions": versions, "runs": runs}
        return parse_mlflow_snapshot(snapshot, source=self.base)


def _auth(target: RegistryTarget) -> httpx.BasicAuth | None:
    return httpx.BasicAuth(target.username, target.password) if target.username and target.password else None


def _headers(target: RegistryTarget) -> dict[str, str]:
    return {"Authorization": f"Bearer {target.token}"} if target.token else {}
