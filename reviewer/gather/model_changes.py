"""Whether the repository ships a model, and whether a change changes the model or only its wording.

A card is due where the tree trains, saves or registers a model (or a pipeline stage writes one), and
a card goes stale only when the model itself changes: its weights or checkpoint, its architecture, its
training data or features, or hyperparameters. Comments, docstrings, formatting, key order and a pure
rename (of a file, an identifier or a config key) change nothing a card states.
"""

from __future__ import annotations

import ast
import functools
import json
import re
import tomllib
from collections import Counter
from collections.abc import Callable
from typing import Any

import yaml
from custody.reviewer.gather.content_cache import remembered
from custody.reviewer.gather.python_source import parse_python
from custody.reviewer.gather.readers.safe_yaml import load_yaml
from custody.reviewer.model.digest import digest
from custody.reviewer.model.evidence.diff import FileChange
from custody.reviewer.model.evidence.model_changes import Aspect, ModelChange, ModelSource
from custody.reviewer.model.evidence.pipeline import PipelineGraph

# Code whose change may change the model: training, features, pipelines, their parameters.
MODEL_CODE = re.compile(
    r"""(?ix)
    (^|/)(train|training|model|models|features?|pipeline|dags?|pseudo_?label|labels?|preprocess\w*|
          conf|configs?|hparams|hyperparams?)                                            # code and configs
    | (^|/)(dvc\.yaml|params\.ya?ml|MLproject)$                                          # DVC stages, params
    """
)
# Docs, tests and CI describe or check the model; changing them changes nothing the card states.
NOT_MODEL_CODE = re.compile(
    r"""(?ix)
    (^|/)(tests?|docs?|\.github|ci|\.circleci|notebooks?|examples?)/   # test, doc, CI and example folders
    | (^|/)(test_[^/]*|[^/]*_test\.py|conftest\.py|setup\.py)$          # test files, packaging
    | \.(md|rst|txt|ipynb|lock)$                                       # prose, notebooks, lock files
    """
)
WEIGHT_FILE = r"\.(?:pt|pth|ckpt|bin|safetensors|h5|keras|onnx|pkl|joblib|tflite|pb|gguf|msgpack|cbm|ubj)\b"
# A checkpoint URL or file named in a literal: the weights change wherever in the code this changes.
CHECKPOINT = re.compile(rf"""(?ix) ["'](?:https?://[^"'\s]+|[\w./-]+){WEIGHT_FILE}[^"'\s]*["'] """)
CHECKPOINT_UNQUOTED = re.compile(rf"(?ix) https?://\S+{WEIGHT_FILE} | [\w.-]*/[\w./-]*{WEIGHT_FILE}")  # configs
WEIGHTS = re.compile(
    rf"""(?ix)
    https?://\S+{WEIGHT_FILE} | [\w./-]+{WEIGHT_FILE}                      # a checkpoint URL or file
    | \b(?:load_state_dict|torch\.load|load_model|hf_hub_download)\s*\(   # loading weights
    | \b\w*(?:checkpoint|_ckpt|weights)\b\s*[:=]\s*["'][^"']+["']          # a checkpoint named by role
    """
)
# The model a run starts from, named by its role or loaded by name.
BASE_MODEL = re.compile(
    r"""(?ix)
    \b\w*(?:base_model|pretrained\w*|model_name_or_path|_model|model_name|model_id|backbone|encoder)\b
      \s*[:=]\s*["'][^"']+["']
    | \bfrom_pretrained\s*\(\s*["'][^"']+["']
    """
)
ARCHITECTURE = re.compile(
    r"""(?ix)
    \b(?:nn|layers|keras\.layers|tf\.keras\.layers)\.[A-Z]\w*\s*\(                # a layer
    | \b(?:n_layers?|num_layers|hidden_size|d_model|n_heads?|num_heads|num_attention_heads|n_embd|n_state|
           n_mels|n_vocab|n_ctx|embed_dim|architecture|arch|depth|width)\b\s*[:=]   # a dimension
    """
)
DATA = re.compile(
    r"""(?ix)
    [\w./-]*\.(?:csv|parquet|jsonl|tsv|tfrecords?|arrow|feather|npz|npy)\b | (?:^|[\s"'=:(])(?:\.?/)?data/
    | \b(?:load_dataset|read_csv|read_parquet|ImageFolder|DataLoader|Dataset)\s*\(
    | \b\w*(?:dataset|train_file|train_csv|data_path|data_dir|corpus)\w*\s*[:=]
    """
)
FEATURES = re.compile(r"(?ix) \b\w*(?:features?|columns?|cols|inputs)\w*\s*[:=]\s*[\[({]")
HYPERPARAMETER = re.compile(
    r"""(?x)
    (?:^|[\s,(])-{0,2}(?P<key>[A-Za-z_][\w.-]*)["']?\s*(?:[:=]|\s)\s*(?P<value>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    \b(?!\s*[\w.(])
    """
)
# Names hyperparameters go by (the key holds one of these words): a changed `max_retries = 3` is no model change.
HP_KEY = re.compile(
    r"""(?ix)
    lr|learning|rate|epoch|batch|decay|dropout|momentum|warmup|layer|hidden|head|depth|estimator|leaves|leaf|
    alpha|lambda|beta|gamma|reg|l1|l2|temperature|seed|len|size|dim|units|threshold|smoothing|clip|patience|
    steps|iter|ratio|child|subsample|colsample|lag|window|horizon|^k$|^top_k|^n_|^num_|features?|bins|mels|
    vocab|ctx|embed|kernel|stride|filters|channels|classes|labels|weight|margin|tau|eps|shrinkage|boost
    """
)
TRAIN_FILE = re.compile(r"(?i)(?:^|/)(?:train|training|fit|finetune|fine_tune)[\w-]*\.py$")
TRAINS = re.compile(r"\.fit\(|\bTrainer\(|\.train\(|\bxgb\.train\(|\blgb\.train\(|\bmlflow\.start_run\(")
SAVES = re.compile(
    r"""(?x)
    \b(?:mlflow\.\w+\.log_model|log_model|save_model|save_pretrained|torch\.save|joblib\.dump|pickle\.dump|
       save_weights|save_checkpoint)\s*\(
    """
)
REGISTERS = re.compile(r"\b(?:register_model|create_model_version|push_to_hub)\s*\(|\bregistered_model_name\s*=")
MODEL_ARTIFACT = re.compile(rf"(?ix) {WEIGHT_FILE}$ | (^|/)(models?|checkpoints?|weights)(/|$)")
CONFIG_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
MAX_FILES = 400
MAX_BYTES = 256 * 1024


def is_model_path(path: str) -> bool:
    return MODEL_CODE.search(path) is not None and NOT_MODEL_CODE.search(path) is None


# -- does the repository ship a model? -----------------------------------------------------------------

def _file_sources(path: str, text: str) -> tuple[ModelSource, ...]:
    first: dict[str, ModelSource] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        code = line.split("#", 1)[0]
        for how, pattern in (("registers", REGISTERS), ("saves", SAVES), ("trains", TRAINS)):
            match = pattern.search(code)
            if match and how not in first:
                first[how] = ModelSource(path=path, line=number, how=how, detail=_call(match.group(0)))
    if "trains" not in first and TRAIN_FILE.search(path) and ("import" in text or "def " in text):
        first["trains"] = ModelSource(path=path, how="trains", detail="training entry point")
    return tuple(first.values())


def model_sources(texts: dict[str, str], pipelines: list[PipelineGraph]) -> list[ModelSource]:
    """Every place a tree trains, saves or registers a model, and the pipeline stages that write one."""
    found: list[ModelSource] = []
    for path, text in sorted(texts.items())[:MAX_FILES]:
        if not path.endswith(".py") or NOT_MODEL_CODE.search(path) or len(text) > MAX_BYTES:
            continue
        # Each file's sources once per content and process; copies, since mark_added sets `added` on them.
        cached = remembered("model-sources-of-file", digest(path, text), functools.partial(_file_sources, path, text))
        found += [source.model_copy() for source in cached]
    for graph in pipelines:
        for stage in graph.stages:
            outs = [o for o in stage.outputs if MODEL_ARTIFACT.search(o)]
            # A stage that reads a model (export, evaluate, package) converts one; it does not make one.
            if outs and not any(MODEL_ARTIFACT.search(i) for i in stage.inputs):
                found.append(ModelSource(path=graph.source, how="pipeline",
                                         detail=f"stage {stage.name} writes {outs[0]}"))
    return found


def _call(text: str) -> str:
    """`joblib.dump (` as `joblib.dump()`, `registered_model_name =` as `registered_model_name`."""
    text = text.strip()
    return text.rstrip("( ") + "()" if text.endswith("(") else text.rstrip("= ")


def mark_added(head: list[ModelSource], base: list[ModelSource]) -> list[ModelSource]:
    """Mark what the PR brings: shipping a model (saving, registering, a pipeline's model output) where the
    base tree shipped none, or training where the base tree neither trained nor shipped. Renames and
    rewrites of code that already did it bring nothing."""
    base_ships = any(s.how != "trains" for s in base)
    base_any = bool(base)
    for source in head:
        source.added = not base_any if source.how == "trains" else not base_ships
    return head


# -- does a change change the model? -------------------------------------------------------------------

class _Canonical(ast.NodeTransformer):
    """Drops docstrings and, when renaming, names every identifier by the order it first appears in."""

    def __init__(self, rename: bool) -> None:
        self.rename = rename
        self.names: dict[str, str] = {}

    def _name(self, name: str) -> str:
        return self.names.setdefault(name, f"n{len(self.names)}") if self.rename else name

    def generic_visit(self, node: ast.AST) -> ast.AST:
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]  # type: ignore[attr-defined]
        for field in ("id", "arg", "name", "attr"):
            value = getattr(node, field, None)
            if isinstance(value, str):
                setattr(node, field, self._name(value))
        return super().generic_visit(node)


def _python_same(before: str, after: str) -> bool:
    """Equal code once comments, docstrings and layout are gone, or once every identifier is renamed alike."""
    try:
        old, new = parse_python(before), parse_python(after)
    except (SyntaxError, ValueError, RecursionError):
        return False
    for rename in (False, True):
        if ast.dump(_Canonical(rename).visit(old)) == ast.dump(_Canonical(rename).visit(new)):
            return True
    return False


def _flatten(data: Any, prefix: str = "", out: dict[str, str] | None = None, depth: int = 0) -> dict[str, str]:
    out = {} if out is None else out
    if depth > 50:
        return out
    if isinstance(data, dict):
        for key, value in data.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out, depth + 1)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _flatten(value, f"{prefix}[{index}]", out, depth + 1)
    else:
        out[prefix] = json.dumps(data, default=str)
    return out


def _load_config(path: str, text: str) -> Any:
    if path.endswith(".toml"):
        return tomllib.loads(text)
    return json.loads(text) if path.endswith(".json") else load_yaml(text, path)


def _config_change(path: str, before: str, after: str) -> tuple[bool, list[str]] | None:
    """(changed at all, the keys whose values changed); None when either side does not parse."""
    try:
        old, new = _flatten(_load_config(path, before)), _flatten(_load_config(path, after))
    except (ValueError, yaml.YAMLError, RecursionError, tomllib.TOMLDecodeError):
        return None
    if old == new:
        return False, []  # formatting, comments, key order
    removed = {k: v for k, v in old.items() if k not in new}
    gained = {k: v for k, v in new.items() if k not in old}
    changed = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
    if not changed and Counter(removed.values()) == Counter(gained.values()):
        return False, []  # keys renamed, every value kept
    return True, [f"{k}: {new.get(k, old.get(k))}" for k in changed + sorted(gained) + sorted(removed)]


def _aspect_of(line: str) -> Aspect | None:
    checks: list[tuple[Aspect, Callable[[str], bool]]] = [
        ("weights", lambda t: WEIGHTS.search(t) is not None),
        ("base_model", lambda t: BASE_MODEL.search(t) is not None),
        ("architecture", lambda t: ARCHITECTURE.search(t) is not None),
        ("data", lambda t: DATA.search(t) is not None),
        ("features", lambda t: FEATURES.search(t) is not None),
        ("hyperparameters", lambda t: any(HP_KEY.search(m["key"]) for m in HYPERPARAMETER.finditer(t))),
    ]
    return next((aspect for aspect, check in checks if check(line)), None)


def model_changes(diff: list[FileChange], head: dict[str, str], base_text: Callable[[str], str | None],
                  model_files: set[str]) -> list[ModelChange]:
    """The changed files whose change changes the model, each with its first changed line that shows how.

    `model_files` are files that train, save or register a model (besides the paths that look like model code).
    """
    found: list[ModelChange] = []
    for change in diff:
        if change.binary or change.generated or change.status == "deleted" or NOT_MODEL_CODE.search(change.path):
            continue
        model_code = is_model_path(change.path) or change.path in model_files
        after = head.get(change.path)
        before = base_text(change.old_path or change.path) if change.status != "added" else ""
        if after is None or before is None:
            continue
        key = digest(change.content_key(), after, before, str(model_code))
        hit = remembered("model-change-of-file", key,
                         functools.partial(_model_change, change, after, before, model_code))
        if hit is not None:
            found.append(hit.model_copy())
    return found


def _model_change(change: FileChange, after: str, before: str, model_code: bool) -> ModelChange | None:
    """How this file's change changes the model, if it does."""
    if change.path.endswith(".py") and change.status != "added" and _python_same(before, after):
        return None  # comments, docstrings, layout or a pure rename
    keyed: list[tuple[int | None, str]] = []
    if change.path.endswith(CONFIG_SUFFIXES) and change.status != "added":
        config = _config_change(change.path, before, after)
        if config is not None and not config[0]:
            return None
        keyed = [(None, key) for key in config[1]] if config else []
    lines = [(line.number, line.text) for hunk in change.hunks for line in hunk.added] + \
            [(None, line.text) for hunk in change.hunks for line in hunk.removed] + keyed
    hit: ModelChange | None = None
    for number, text in lines:
        code = text.split("#", 1)[0] if change.path.endswith(".py") else text
        checkpoint = CHECKPOINT if change.path.endswith(".py") else CHECKPOINT_UNQUOTED
        aspect = _aspect_of(code) if model_code else ("weights" if checkpoint.search(code) else None)
        if aspect is None:
            continue
        hit = ModelChange(path=change.path, line=number, aspect=aspect, detail=text.strip()[:160])
        break
    if hit is None and model_code and lines:
        hit = ModelChange(path=change.path, line=lines[0][0], aspect="training_code",
                          detail=lines[0][1].strip()[:160])
    return hit
