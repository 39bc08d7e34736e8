"""The MLflow source reads only the registered models it is given, and never lists the server."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from custody.reviewer.app.sources.mlflow import MlflowRegistry
from custody.reviewer.gather.review_input import NO_NAMED_MODEL, ArtifactUnavailable
from custody.reviewer.settings import Settings


def registry(paths: list[str]) -> MlflowRegistry:
    def answer(request: httpx.Request) -> httpx.Response:
        paths.append(f"{request.url.path}?{request.url.query.decode()}")
        body: dict[str, Any] = {}
        if request.url.path.endswith("registered-models/get"):
            body = {"registered_model": {"name": request.url.params["name"]}}
        if request.url.path.endswith("registered-models/search"):
            body = {"registered_models": [{"name": "payments-fraud"}, {"name": "hr-attrition"}]}
        return httpx.Response(200, json=body)

    return MlflowRegistry(Settings(mlflow_tracking_uri="http://mlflow.test"),
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

    mlflow = MlflowRegistry(Settings(mlflow_tracking_uri="http://mlflow.test"),
                            client=httpx.Client(transport=httpx.MockTransport(answer)))
    assert mlflow.model_version("fraud", "9") is None
    with pytest.raises(ArtifactUnavailable, match="400 for POST registered-models/alias INVALID_PARAMETER_VALUE"):
        mlflow.set_alias("fraud", "champion", "1")
    with pytest.raises(ArtifactUnavailable, match="could not be reached"):
        MlflowRegistry(Settings(mlflow_tracking_uri="http://127.0.0.1:9")).set_alias("fraud", "champion", "1")
