"""Model signatures: the columns a logged model expects (MLflow `MLmodel` files, `mlflow.log-model.history`)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SignatureColumn(BaseModel):
    name: str
    type: str | None = None  # MLflow colspec type: double, long, string, boolean, datetime, ...
    required: bool = True


class ModelSignature(BaseModel):
    source: str  # the MLmodel path, or the registry run that logged the model
    inputs: list[SignatureColumn] = Field(default_factory=list)
    locator: str
