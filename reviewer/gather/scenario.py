"""Read a frozen scenario folder (`scenario-format.md`) into a review input."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.readers.pipelines import read_deployed_files
from custody.reviewer.gather.readers.registry import parse_mlflow_snapshot
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml
from custody.reviewer.gather.readers.tickets import read_ticket_file
from custody.reviewer.gather.review_input import ArtifactUnavailable, ReviewInput
from custody.reviewer.gather.snapshot import DirSnapshot
from custody.reviewer.model.evidence.common import Skipped
from custody.reviewer.model.evidence.pipeline import PipelineGraph
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.model.evidence.tickets import Ticket, TicketRef
from pydantic import ValidationError

MAX_ARTIFACT_BYTES = 16 * 1024 * 1024


def yaml_position(exc: yaml.YAMLError) -> str:
    """`line:column:` of a YAML error (1-based), or nothing when the parser gave no place."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return f"{mark.line + 1}:{mark.column + 1}:" if mark is not None else ""


def yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    return str(problem) if problem else type(exc).__name__


class ScenarioError(ValueError):
    """The folder is not a usable scenario; the message is one line for stderr."""


def load_scenario(folder: Path) -> ReviewInput:
    folder = Path(folder)
    spec_path = folder / "scenario.yml"
    if not folder.exists():
        raise ScenarioError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise ScenarioError(f"{folder}: not a folder (a scenario is a folder with scenario.yml and head/)")
    if not spec_path.is_file():
        raise ScenarioError(f"{folder}: no scenario.yml")
    if not (folder / "head").is_dir():
        raise ScenarioError(f"{folder}: no head/ folder")
    try:
        spec = load_yaml(spec_path.read_text(encoding="utf-8"), str(spec_path))
    except YamlLimitError as exc:
        raise ScenarioError(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{spec_path}: not valid YAML (not UTF-8 text at byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{spec_path}:{yaml_position(exc)} not valid YAML ({yaml_problem(exc)})") from exc
    if not isinstance(spec, dict):
        raise ScenarioError(f"{spec_path}: must be a mapping")
    try:
        pr = PullRequest.model_validate(_pr_fields(spec))
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ScenarioError(
            f"{spec_path}: {'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
        ) from exc
    base = DirSnapshot(folder / "base" if (folder / "base").is_dir() else None)
    head = DirSnapshot(folder / "head")
    return ReviewInput(
        pull_request=pr,
        base=base,
        head=head,
        diff=diff_snapshots(base, head),
        tickets=FolderTickets(folder / "tickets"),
        registry=SnapshotRegistry(folder / "registry") if (folder / "registry").is_dir() else None,
        deployed=FolderDeployed(folder / "deployed") if (folder / "deployed").is_dir() else None,
    )


def _pr_fields(spec: dict[str, Any]) -> dict[str, Any]:
    fields = {k: spec.get(k) for k in PullRequest.model_fields if spec.get(k) is not None}
    for key in ("title", "body", "author", "head_branch", "base_branch", "milestone"):
        if key in fields and not isinstance(fields[key], str):
            fields[key] = str(fields[key])
    labels = spec.get("labels")
    if labels is not None and not isinstance(labels, list):
        raise ScenarioError("scenario.yml: labels must be a list")
    for key in ("created_at", "merged_at"):
        value = fields.get(key)
        if isinstance(value, str):
            try:
                fields[key] = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError as exc:
                raise ScenarioError(f"scenario.yml: {key} is not an ISO 8601 time: {value[:40]!r}") from exc
    return fields


class FolderTickets:
    """Tickets stored as `<key>.json` (GitHub or Jira REST) or `<key>.md`; JSON wins."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def fetch(self, ref: TicketRef) -> Ticket:
        key = ref.key.split("#")[-1] if ref.tracker == "github" else ref.key
        for suffix in (".json", ".md"):
            path = self.folder / f"{key}{suffix}"
            if path.is_file():
                if path.stat().st_size > MAX_ARTIFACT_BYTES:
                    raise ArtifactUnavailable(f"tickets/{path.name} is too large to read")
                return read_ticket_file(f"tickets/{path.name}", path.read_bytes(), ref)
        raise ArtifactUnavailable(f"no file for ticket {ref.key} under tickets/")


class SnapshotRegistry:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, model_names: list[str]) -> Registry:
        path = self.folder / "mlflow.json"
        if not path.is_file():
            raise ArtifactUnavailable("registry/ holds no mlflow.json")
        if path.stat().st_size > MAX_ARTIFACT_BYTES:
            raise ArtifactUnavailable("registry/mlflow.json is too large to read")
        try:
            data = json.loads(path.read_bytes())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ArtifactUnavailable(f"registry/mlflow.json is not valid JSON: {exc}") from exc
        return parse_mlflow_snapshot(data, source="registry/mlflow.json")


class FolderDeployed:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def graphs(self) -> tuple[list[PipelineGraph], list[Skipped]]:
        files: list[tuple[str, bytes]] = []
        skipped: list[Skipped] = []
        for path in sorted(self.folder.iterdir()):
            if not path.is_file() or path.is_symlink():
                continue
            rel = f"deployed/{path.name}"
            if path.stat().st_size > MAX_ARTIFACT_BYTES:
                skipped.append(Skipped(what=rel, why="too large to read"))
                continue
            files.append((rel, path.read_bytes()))
        graphs, problems = read_deployed_files(files)  # lineage events of every file make one graph
        return graphs, skipped + problems
