"""Intent from model cards: the claims a card makes about one registered model version."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class MetricClaim(BaseModel):
    name: str  # as the card writes it ("Macro F1", "AUC", "val_auc")
    value: float
    text: str  # the value exactly as written ("0.913", "91.3%", "1.9M")
    decimals: int | None = None  # precision the card writes, for rounding comparisons
    dataset: str | None = None
    split: str | None = None
    source: Literal["model-index", "model_index", "prose", "table", "list", "toolkit", "eval_results"] = "model-index"
    locator: str
    alias_of: str = ""  # model-index `type`, when `name` is a display name ("Macro F1" of type f1)
    section_model: str | None = Field(
        default=None, description="In a card documenting several models, the model named by the heading over this "
                                  "claim; null in a single model's card.")
    item_model: str | None = Field(
        default=None, description="In a list of models, one per item, the model the item that states this claim "
                                  "opens with (`ViT-g/14`).")
    item: str | None = None  # that item's text, whose words may tell the model's registered versions apart


class ZooRow(BaseModel):
    """A row of a doc's model-zoo table: the checkpoints it links, the cells naming its model, its numbers."""

    path: str
    line: int
    table: int  # the line of the table's first row: rows with the same value share a table
    identity: list[str]  # the row's words, lowercased: its model's name, its resolution (`convnext-t`, `384x384`)
    checkpoints: list[str] = Field(default_factory=list)  # file names of the weight files it links
    metrics: list[MetricClaim] = Field(default_factory=list)  # its numbers, named by their column
    added: bool = False  # the change adds or edits this row


class DatasetClaim(BaseModel):
    name: str
    role: str | None = None  # "train", "eval", ... when the card says
    digest: str | None = None
    rows: int | None = None
    rows_text: str | None = None  # the count as written ("1.9M"), for rounding comparisons
    locator: str


class DataRecord(BaseModel):
    """What the repository's own data records (a DVC pointer, dvc.lock, a snapshot list) say of a dataset."""

    name: str  # the snapshot's name: the pointer's file stem, or the list entry's name
    digest: str | None = None
    rows: int | None = None
    locator: str


class FieldClaim(BaseModel):
    value: str
    locator: str
    section_model: str | None = Field(
        default=None, description="In a card documenting several models, the model named by the heading over this "
                                  "claim (the claim is about that model); null in a single model's card.")


class ModelCard(BaseModel):
    path: str
    format: Literal["huggingface", "model_card_toolkit", "markdown"] = "huggingface"
    model_name: FieldClaim | None = None
    version: FieldClaim | None = None  # the registered version it describes, when it names one
    alias: FieldClaim | None = None
    stage: FieldClaim | None = None
    metrics: list[MetricClaim] = Field(default_factory=list)
    datasets: list[DatasetClaim] = Field(default_factory=list)
    license: FieldClaim | None = None
    base_model: FieldClaim | None = None
    intended_use: FieldClaim | None = None
    owners: list[FieldClaim] = Field(default_factory=list)
    text: str = ""  # the body, for agents that look for statements in prose
    placeholders: int = 0  # template markers left in it ("[More Information Needed]", "{{ ... }}")
    unfilled: bool = False  # a template left unfilled: most of its content lines are placeholders
