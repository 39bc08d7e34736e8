"""Files handed between the steps of a Cloud Build configuration.

Every step of a Cloud Build runs in the shared `/workspace`, in the folder its `dir` names (relative to
`/workspace`; the root when it has none). A file a step writes with a relative output path lands under
that step's folder; a later step that names the same file relative to another folder looks somewhere
else. That is reported when nothing else puts a file there: no step writes it, the repository does not
contain it, and no step copies or moves files of that name.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from custody.agents.code_checks import Hit
from custody.reviewer.gather.readers.safe_yaml import YamlLimitError, load_yaml_node

RULE = "hygiene.build-step-path"
# The top-level keys of a Cloud Build configuration (cloud.google.com/build/docs/build-config-file-schema).
BUILD_KEYS = {"steps", "timeout", "queueTtl", "logsBucket", "options", "substitutions", "tags", "serviceAccount",
              "secrets", "availableSecrets", "artifacts", "images", "logsBucketName"}
OUTPUT_FLAGS = {"--output", "-o", "--out", "--output-file", "--output_file", "--output-path", "--output_path",
                "--package-path", "--package_path", "--outfile"}
COPIERS = {"cp", "mv", "rsync", "install", "ln", "tar", "unzip", "gsutil", "gcloud", "curl", "wget"}
FILE_NAME = re.compile(r"[\w.\-]+\.[A-Za-z][\w]{0,9}")
NOT_RELATIVE = re.compile(r"^(/|~|\$|[a-z][a-z0-9+.\-]*://)", re.IGNORECASE)
MAX_BYTES = 256 * 1024


@dataclass
class _Token:
    value: str
    line: int


@dataclass
class _Step:
    index: int
    name: str
    folder: str | None  # None: the step moves about (`cd`) or its dir is substituted at build time
    tokens: list[_Token]
    line: int


def stranded_outputs(path: str, text: str, added: set[int], repository: set[str]) -> Iterator[Hit]:
    """A later step reading, from another folder, a file an earlier step wrote under its own `dir`."""
    steps = _steps(path, text)
    if not steps:
        return
    base = posixpath.dirname(path)
    written: dict[str, tuple[_Step, _Token]] = {}  # resolved path -> the step and the token that writes it
    for step in steps:
        if step.folder is None:
            continue
        for i in range(len(step.tokens)):
            output = _output(step.tokens, i)
            if output and not NOT_RELATIVE.match(output.value) and FILE_NAME.fullmatch(
                    posixpath.basename(output.value)):
                written.setdefault(_resolve(step.folder, output.value), (step, output))
    names = {posixpath.basename(p) for p in written}
    copied = {posixpath.basename(t.value.split("=", 1)[-1]) for s in steps if _copies(s) for t in s.tokens}
    for step in steps:
        if step.folder is None:
            continue
        for token in step.tokens:
            value = token.value.split("=", 1)[1] if token.value.startswith("-") and "=" in token.value else token.value
            name = posixpath.basename(value)
            if name not in names or name in copied or NOT_RELATIVE.match(value):
                continue
            resolved = _resolve(step.folder, value)
            if resolved in written or resolved in repository or posixpath.join(base, resolved) in repository:
                continue
            source = next(((s, t) for p, (s, t) in written.items() if posixpath.basename(p) == name
                           and s.index < step.index), None)
            if source is None:
                continue
            writer, write = source
            if token.line not in added and write.line not in added:
                continue
            produced = next(p for p, (s, _) in written.items() if s is writer and posixpath.basename(p) == name)
            yield Hit(RULE, name,
                      f"Step {writer.index} of {path} (`{writer.name}`, dir `{writer.folder or '.'}`) writes "
                      f"`{write.value}` as `{produced}` (line {write.line}), but step {step.index} "
                      f"(`{step.name}`, dir `{step.folder or '.'}`) reads `{value}`, which is `{resolved}` "
                      f"(line {token.line}): no step writes that file and the repository has none, so the step "
                      f"cannot find it. Name it `{posixpath.relpath(produced, step.folder or '.')}` there.",
                      path, token.line)
            return


def _resolve(folder: str, value: str) -> str:
    return posixpath.normpath(posixpath.join(folder, value))


def _output(tokens: list[_Token], i: int) -> _Token | None:
    """The output path an output flag at `i` names (`--output x` or `--output=x`), with its line."""
    flag, _, attached = tokens[i].value.partition("=")
    if flag not in OUTPUT_FLAGS:
        return None
    if attached:
        return _Token(attached, tokens[i].line)
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return following if following and not following.value.startswith("-") else None


def _copies(step: _Step) -> bool:
    return any(posixpath.basename(t.value) in COPIERS for t in step.tokens) or posixpath.basename(step.name) in {
        "gsutil", "gcloud"} or "gsutil" in step.name


def _steps(path: str, text: str) -> list[_Step]:
    """The steps of a Cloud Build configuration, or none when the file is not one."""
    if not path.lower().endswith((".yaml", ".yml")) or len(text) > MAX_BYTES or "steps" not in text:
        return []
    try:
        data, node = load_yaml_node(text, path)
    except (yaml.YAMLError, YamlLimitError, ValueError):
        return []
    if not (isinstance(data, dict) and isinstance(node, yaml.MappingNode) and set(data) <= BUILD_KEYS
            and isinstance(data.get("steps"), list) and data["steps"]):
        return []
    step_nodes = next((v for k, v in node.value if k.value == "steps"), None)
    if not isinstance(step_nodes, yaml.SequenceNode):
        return []
    steps = []
    for index, (raw, step_node) in enumerate(zip(data["steps"], step_nodes.value, strict=True), 1):
        if not (isinstance(raw, dict) and isinstance(raw.get("name"), str) and isinstance(step_node, yaml.MappingNode)):
            return []
        tokens = [*_tokens(step_node, "args"), *_tokens(step_node, "script")]
        where = posixpath.normpath(re.sub(r"^/workspace/?", "", str(raw.get("dir") or "")) or ".")
        where = "" if where == "." else where
        # None: where this step runs is not known from the file
        folder = None if where.startswith(("/", "..")) or "$" in where or any(
            t.value in {"cd", "pushd", "popd"} for t in tokens) else where
        steps.append(_Step(index, raw["name"], folder, tokens, step_node.start_mark.line + 1))
    return steps


def _tokens(step: yaml.MappingNode, key: str) -> list[_Token]:
    """Shell words of a step's `args` (a list) or `script` (a string), each with its line."""
    value = next((v for k, v in step.value if k.value == key), None)
    scalars = value.value if isinstance(value, yaml.SequenceNode) else [value] if value is not None else []
    out = []
    for scalar in scalars:
        if not isinstance(scalar, yaml.ScalarNode):
            continue
        first = scalar.start_mark.line + 1 + (1 if scalar.style in {"|", ">"} else 0)
        for offset, line in enumerate(str(scalar.value).splitlines() or [""]):
            try:
                words = shlex.split(line, comments=True)
            except ValueError:
                words = line.split()
            for word in words:
                for part in re.split(r"\s*(?:&&|\|\||;|\|)\s*", word):
                    if part:
                        out.append(_Token(part, first + offset))
    return out
