"""The MLflow source reads only the registered models it is given, and never lists the server."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import httpx
import pytest
from custody.reviewer.app.sources.mlflow import (
    NOT_CONFIGURED,
    MlflowRegistry,
    NoRegistry,
    registry_for_installation,
    shared_client,
)
from custody.reviewer.gather.review_input import NO_NAMED_MODEL, ArtifactUnavailable
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.review import run_review
from custody.reviewer.settings import Registries, RegistryTarget, Settings


def registry(paths: list[str]) -> MlflowRegistry:
    def answer(request: httpx.Request) -> httpx.Response:
        paths.append(f"{request.url.path}?{request.url.query.decode()}")
        body: dict[str, Any] = {}
        if request.url.path.endswith("registered-models/get"):
            body = {"registered_model": {"name": request.url.params["name"]}}
        if request.url.path.endswith("registered-models/search"):
            body = {"registered_models": [{"name": "payments-fraud"}, {"name": "hr-attrition"}]}
        return httpx.Response(200, json=body)

    return MlflowRegistry(RegistryTarget("http://mlflow.test"),
                          client=httpx.Client(transport=httpx.MockTransport(answer)))


def test_with_no_name_nothing_is_read_and_nothing_listed() -> None:
    paths: list[str] = []
    with pytest.raises(ArtifactUnavailable, match=NO_NAMED_MODEL):
        registry(paths).load([])
    assert paths == []  # the shared server's other models were never listed


def test_only_the_named_models_are_read() -> None:
    paths: list[str] = []
    loaded = registry(paths).load(["churn-gbm"])
    assert [m.name for m in loaded.models] == ["churn-gbm"]
    assert not [p for p in paths if "search" in p and "model-versions" not in p]
    assert [p.split("?")[0] for p in paths] == ["/api/2.0/mlflow/registered-models/get",
                                                "/api/2.0/mlflow/model-versions/search"]


def test_writes_that_mlflow_refuses_say_its_error_code() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("model-versions/get"):
            return httpx.Response(404, json={"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "no version"})
        return httpx.Response(400, json={"error_code": "INVALID_PARAMETER_VALUE",
                                         "message": "Webhook URL must not resolve to a non-public IP address."})

    mlflow = MlflowRegistry(RegistryTarget("http://mlflow.test"),
                            client=httpx.Client(transport=httpx.MockTransport(answer)))
    assert mlflow.model_version("fraud", "9") is None
    with pytest.raises(ArtifactUnavailable, match="400 for POST registered-models/alias INVALID_PARAMETER_VALUE"):
        mlflow.set_alias("fraud", "champion", "1")
    with pytest.raises(ArtifactUnavailable, match="could not be reached"):
        MlflowRegistry(RegistryTarget("http://127.0.0.1:9")).set_alias("fraud", "champion", "1")
class Servers:
    """Two tenants' MLflow servers and the deployment's shared one, as one recording transport."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append((request.url.host, request.headers.get("authorization")))
        if request.url.path.endswith("registered-models/get"):
            named = f"{request.url.host}:{request.url.params['name']}"
            return httpx.Response(200, json={"registered_model": {"name": named}})
        return httpx.Response(200, json={})


ACME = RegistryTarget("https://mlflow.acme.internal", token="acme-token")
GLOBEX = RegistryTarget("https://mlflow.globex.internal", username="ci", password="globex-password")
TENANTS = Registries(installations={5: ACME}, owners={"globex": GLOBEX})


def tenant_settings(single_tenant: bool = False) -> Settings:
    return Settings(mlflow_tracking_uri="https://mlflow.shared.internal", mlflow_registries=TENANTS,
                    mlflow_single_tenant=single_tenant)


def test_each_installation_reads_only_its_own_registry_with_its_own_credentials() -> None:
    servers = Servers()
    acme = registry_for_installation(tenant_settings(), 5, "acme/churn-model", transport=httpx.MockTransport(servers))
    globex = registry_for_installation(tenant_settings(), 11, "Globex/fraud", transport=httpx.MockTransport(servers))
    assert acme is not None and globex is not None
    assert [m.name for m in acme.load(["churn-gbm"]).models] == ["mlflow.acme.internal:churn-gbm"]
    assert [m.name for m in globex.load(["fraud-xgb"]).models] == ["mlflow.globex.internal:fraud-xgb"]
    assert {host: auth for host, auth in servers.calls} == {
        "mlflow.acme.internal": "Bearer acme-token",
        "mlflow.globex.internal": "Basic " + base64.b64encode(b"ci:globex-password").decode()}


def test_an_installation_with_no_registry_reads_none_and_is_told_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15, Medium 4: the MLflow URL was one per deployment, so every installation read (and
    was shown) the same registry. An installation mapped nowhere never falls back to it."""
    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", "shared-token")
    servers = Servers()
    other = registry_for_installation(tenant_settings(), 7, "initech/model", transport=httpx.MockTransport(servers))
    assert isinstance(other, NoRegistry)
    with pytest.raises(ArtifactUnavailable, match=NOT_CONFIGURED):
        other.load(["churn-gbm"])
    alone = registry_for_installation(Settings(mlflow_tracking_uri="https://mlflow.shared.internal"), 7,
                                      "initech/model", transport=httpx.MockTransport(servers))
    assert isinstance(alone, NoRegistry)  # one URL is not a single-tenant deployment unless it says so
    assert servers.calls == []
    single = registry_for_installation(tenant_settings(single_tenant=True), 7, "initech/model",
                                       transport=httpx.MockTransport(servers))
    assert single is not None and single.load(["m"]).models
    assert set(servers.calls) == {("mlflow.shared.internal", "Bearer shared-token")}
    acme = registry_for_installation(tenant_settings(single_tenant=True), 5, "acme/churn-model",
                                     transport=httpx.MockTransport(servers))
    assert acme is not None and acme.load(["m"]).models  # its own registry wins, with its own token
    assert servers.calls[-1] == ("mlflow.acme.internal", "Bearer acme-token")


def test_a_deployment_without_any_registry_says_nothing() -> None:
    assert registry_for_installation(Settings(), 5, "acme/churn-model") is None


def test_no_registry_is_reported_as_not_checked_in_the_review() -> None:
    source = load_scenario(Path(__file__).parents[3] / "examples" / "churn-retrain")
    source.registry = NoRegistry()
    outcome = run_review(source)
    assert any(s.what == "model registry" and s.why == NOT_CONFIGURED for s in outcome.evidence.skipped)
    assert outcome.evidence.registry is None


def test_one_client_per_registry_and_credentials_for_the_process() -> None:
    """A job per review must not build (and leave open) a connection pool and TLS context each time;
    a registry with other credentials never shares the client, nor does one closed since."""
    acme = RegistryTarget("https://mlflow.acme.internal", token="acme-token")
    first = MlflowRegistry(acme)
    again = MlflowRegistry(RegistryTarget("https://mlflow.acme.internal", token="acme-token"))
    assert first.client is again.client
    other = MlflowRegistry(RegistryTarget("https://mlflow.acme.internal", token="rotated-token"))
    assert other.client is not first.client and other.client.headers["Authorization"] == "Bearer rotated-token"
    first.client.close()
    assert shared_client(acme) is not first.client and not shared_client(acme).is_closed
