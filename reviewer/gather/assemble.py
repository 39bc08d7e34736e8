"""Gather: turn a review input (PR, trees, sources) into one evidence document."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import TypeVar

from custody.reviewer.gather.config import load_config
from custody.reviewer.gather.model_changes import mark_added, model_changes, model_sources
from custody.reviewer.gather.moves import gather_moves
from custody.reviewer.gather.readers.card_prose import stated_version
from custody.reviewer.gather.readers.cards import read_model_cards
from custody.reviewer.gather.readers.checkpoint_docs import unlisted_checkpoints
from custody.reviewer.gather.readers.cli_options import absl_defined, absl_flags, imports_cli, script_options
from custody.reviewer.gather.readers.code_changes import added_lines, is_config_path, key_changes
from custody.reviewer.gather.readers.codeowners import LOCATIONS as CODEOWNERS_LOCATIONS
from custody.reviewer.gather.readers.codeowners import parse_codeowners
from custody.reviewer.gather.readers.component_docs import component_doc_arguments
from custody.reviewer.gather.readers.config_reads import stale_config_reads
from custody.reviewer.gather.readers.contracts import read_contracts
from custody.reviewer.gather.readers.data_records import read_data_records
from custody.reviewer.gather.readers.dbt import DbtRead, read_dbt_project
from custody.reviewer.gather.readers.dead_parameters import dead_parameters
from custody.reviewer.gather.readers.design import NOT_DESIGN, read_design_docs
from custody.reviewer.gather.readers.doc_commands import doc_commands
from custody.reviewer.gather.readers.doc_config_blocks import doc_config_blocks
from custody.reviewer.gather.readers.doc_config_blocks import mark_new as mark_new_keys
from custody.reviewer.gather.readers.doc_snippet_calls import refused_snippet_calls
from custody.reviewer.gather.readers.doc_snippets import unimported_snippet_names
from custody.reviewer.gather.readers.doc_values import doc_values
from custody.reviewer.gather.readers.endpoints import host_moves, local_address_replaced, port_moves, scheme_flips
from custody.reviewer.gather.readers.frame_schemas import read_frame_schemas
from custody.reviewer.gather.readers.hydra import hydra_commands, mark_new
from custody.reviewer.gather.readers.markdown_blocks import is_markdown
from custody.reviewer.gather.readers.mlflow_code import (
    model_uris,
    registered_names,
    section_uri_slips,
    shared_artifact_paths,
)
from custody.reviewer.gather.readers.pipelines import read_shipped_pipelines
from custody.reviewer.gather.readers.project_scripts import script_slips
from custody.reviewer.gather.readers.python_defaults import changed_defaults
from custody.reviewer.gather.readers.signatures import logged_signatures, read_signatures
from custody.reviewer.gather.readers.tickets import link_tickets
from custody.reviewer.gather.readers.unread_parameters import unread_parameters
from custody.reviewer.gather.readers.zoo_tables import read_zoo_tables
from custody.reviewer.gather.review_input import ArtifactUnavailable, ReviewInput
from custody.reviewer.gather.snapshot import Snapshot, matching, read_text
from custody.reviewer.model.config import CONFIG_PATH, RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.cards import DataRecord
from custody.reviewer.model.evidence.common import Degraded, Skipped, file_locator
from custody.reviewer.model.evidence.design import ChangedDefault, DocConfigBlock, HydraCommand, ScriptOptions
from custody.reviewer.model.evidence.tickets import TicketRef

log = logging.getLogger(__name__)
ABSL_IMPORT = re.compile(r"^\s*(?:from\s+absl(?:\.\w+)*\s+import|import\s+absl)\b", re.M)
T = TypeVar("T")

# Files whose whole text agents may compare, besides the changed ones.
WELL_KNOWN_TEXTS = [
    "params.yaml", "params.yml", "requirements*.txt", "pyproject.toml", "setup.cfg",
    "environment.yml", "conda.yaml", "dvc.yaml", "deploy/**", "config/**", "configs/**",
    "**/MLmodel", ".github/workflows/*",
    "**/*.dvc", "dvc.lock", "**/*snapshot*.yaml", "**/*snapshot*.yml", "**/*snapshot*.json",  # data records
]
MAX_TEXT_BYTES = 256 * 1024
RUN_FILES = ["justfile", "Justfile", "**/justfile", "Makefile", "**/Makefile", "docker-compose*.y*ml",
             "**/docker-compose*.y*ml", "compose.y*ml", ".env.example", ".env.sample", "**/.env.example", "Procfile"]
MAX_TEXTS = 400
# Linked tickets read per review: each costs a tracker request, and a description with thousands
# of `#N` must not spend the installation's API budget. The rest are disclosed as not checked.
MAX_TICKETS_FOLLOWED = 10
MAX_PYTHON = 400
MAX_YAML = 200  # YAML files read for keys merged in from another config (only when a PR deletes one)
MAX_DOCS = 200  # Markdown files read for what they state of a value the PR changes


def gather(source: ReviewInput) -> Evidence:
    """Read every artifact; whatever cannot be read becomes a coverage gap, never a crash."""
    skipped: list[Skipped] = list(source.skipped)
    config, config_source, config_problems = _config(source)
    pr = source.pull_request
    head_paths = source.head.paths()
    evidence = Evidence(
        pull_request=pr,
        config=config,
        config_source=config_source,
        diff=source.diff,
        head_files=head_paths,
        base_files=source.base.paths(),
        config_problems=config_problems,
        # the readers below see only the first MAX_PYTHON Python files and MAX_DOCS docs
        python_complete=len(_python_paths(head_paths)) <= MAX_PYTHON,
        docs_complete=len(_doc_paths(head_paths)) <= MAX_DOCS,
    )
    evidence.code_owners = _safely("CODEOWNERS", skipped, lambda: _owners(source, skipped), [])
    no_refs: list[TicketRef] = []
    refs = _safely("ticket links", skipped, lambda: link_tickets(pr, config), no_refs)
    evidence.ticket_refs = _followed(refs, skipped)
    for ref in evidence.ticket_refs:
        if source.tickets is None:
            skipped.append(Skipped(what=f"ticket {ref.key}", why="no ticket source is configured"))
            continue
        try:
            evidence.tickets.append(source.tickets.fetch(ref))
        except ArtifactUnavailable as exc:
            skipped.append(Skipped(what=f"ticket {ref.key}", why=str(exc)))
        except Exception as exc:  # a reader bug must not sink the review
            log.exception("ticket %s", ref.key)
            skipped.append(Skipped(what=f"ticket {ref.key}", why=f"unreadable ({type(exc).__name__})"))

    paths = config.paths
    head, base = source.head, source.base
    linked_docs = [p for p in head_paths if p.endswith(".md") and p in (pr.body or "")]
    evidence.model_cards = _pair("model cards", skipped, lambda: read_model_cards(head, paths.model_cards))
    evidence.base_model_cards = _pair("model cards at base", [], lambda: read_model_cards(base, paths.model_cards))
    evidence.design_docs = _pair(
        "design docs", skipped, lambda: read_design_docs(head, paths.design_docs, linked_docs)
    )
    evidence.contracts = _pair("data contracts", skipped, lambda: read_contracts(head, paths.contracts))
    if evidence.contracts:  # code schemas only matter against a contract
        evidence.base_contracts = _pair("data contracts at base", [], lambda: read_contracts(base, paths.contracts))
        evidence.frame_schemas = _pair("pandera schemas", skipped, lambda: read_frame_schemas(head))
        evidence.base_frame_schemas = _pair("pandera schemas at base", [], lambda: read_frame_schemas(base))
    evidence.shipped_pipelines = _pair("pipeline graph at head", skipped, lambda: read_shipped_pipelines(head, "head"))
    evidence.base_pipelines = _pair("pipeline graph at base", [], lambda: read_shipped_pipelines(base, "base"))
    evidence.model_signatures = _pair("model signatures", skipped, lambda: read_signatures(head))
    dbt = _safely("dbt models", skipped, lambda: read_dbt_project(head), DbtRead())
    evidence.dbt_models, evidence.dbt_unreadable = dbt.models, dbt.unreadable
    skipped.extend(dbt.problems)
    if dbt.models or dbt.unreadable:
        base_dbt = _safely("dbt models at base", [], lambda: read_dbt_project(base), DbtRead())
        evidence.base_dbt_models, evidence.base_dbt_unreadable = base_dbt.models, base_dbt.unreadable

    if source.deployed is not None:
        evidence.deployed_pipelines = _pair("deployed pipeline graph", skipped, source.deployed.graphs)
    if source.registry is not None:
        names = _registry_models(evidence)
        try:
            evidence.registry = source.registry.load(names)
            registry = evidence.registry
            evidence.model_signatures += _safely("logged model signatures", skipped,
                                                 lambda: logged_signatures(registry), [])
            skipped.extend(Skipped(what="model registry", why=p) for p in evidence.registry.problems)
        except ArtifactUnavailable as exc:
            skipped.append(Skipped(what="model registry", why=str(exc)))
        except Exception as exc:
            log.exception("registry")
            skipped.append(Skipped(what="model registry", why=f"unreadable ({type(exc).__name__})"))

    evidence.head_texts = _texts(source, head_paths)
    no_records: tuple[list[DataRecord], list[Skipped]] = ([], [])
    evidence.data_records, evidence.data_record_problems = _safely(
        "data records", skipped, lambda: read_data_records(evidence.head_texts), no_records)
    stated = stated_version(pr.body or "")
    evidence.pr_version = source.version or (stated[0] if stated else None)
    evidence.moves = list(source.moves) if source.moves is not None else _safely(
        "alias and stage moves", skipped, lambda: gather_moves(
            evidence, lambda p: read_text(source.base, p, limit=MAX_TEXT_BYTES)), [])
    head_python = _python_texts(source.head, head_paths, evidence.head_texts)
    evidence.model_sources = _safely("model sources", skipped, lambda: mark_added(
        model_sources(head_python, evidence.shipped_pipelines),
        model_sources(_python_texts(source.base, evidence.base_files, {}), evidence.base_pipelines)), [])
    model_files = {s.path for s in evidence.model_sources}
    evidence.model_changes = _safely("model changes", skipped, lambda: model_changes(
        source.diff.files, evidence.head_texts, lambda p: read_text(source.base, p, limit=MAX_TEXT_BYTES),
        model_files), [])
    evidence.stale_config_reads = _safely("deleted configuration keys", skipped, lambda: stale_config_reads(
        source.diff.files, lambda p: read_text(source.base, p, limit=MAX_TEXT_BYTES), evidence.head_texts,
        head_python, lambda: _yaml_texts(source.head, head_paths)), [])
    evidence.dead_parameters = _safely("parameters without effect", skipped, lambda: dead_parameters(
        source.diff.files, lambda p: read_text(source.base, p, limit=MAX_TEXT_BYTES), evidence.head_texts,
        head_python, complete=evidence.python_complete), [])
    if evidence.tickets:  # an unread parameter is judged only against what a ticket asks
        evidence.unread_parameters = _safely("unread parameters", skipped, lambda: unread_parameters(
            source.diff.files, lambda p: read_text(source.base, p, limit=MAX_TEXT_BYTES), evidence.head_texts), [])
    evidence.changed_defaults = _safely("changed code values", skipped,
                                        lambda: _changed_defaults(source, evidence), [])
    changed_names = {c.name for c in evidence.changed_defaults}
    # The head tree's docs, read once and only if one of the three readers below wants them.
    docs = functools.cache(lambda: _docs(source.head, head_paths))
    evidence.doc_values = _safely("documented values", skipped,
                                  lambda: doc_values(docs(), changed_names) if changed_names else [], [])
    if scheme_flips(source.diff.files, {}):  # the repository's other mentions are read only for a flip
        evidence.scheme_flips = _safely("local service addresses", skipped, lambda: scheme_flips(
            source.diff.files, {**docs(), **_run_files(source.head, head_paths), **evidence.head_texts}), [])
    # A port "named nowhere" is a claim about the whole tree: judged only when every Python file and doc was read.
    if evidence.python_complete and evidence.docs_complete and port_moves(source.diff.files, {}):
        evidence.port_moves = _safely("local service ports", skipped, lambda: port_moves(
            source.diff.files, {**docs(), **_run_files(source.head, head_paths), **head_python,
                                **evidence.head_texts}), [])
    if evidence.registry is not None:  # a URI is judged against the registered aliases only
        evidence.model_uris = _safely("model URIs", skipped, lambda: model_uris(
            source.diff.files, evidence.head_texts, head_python), [])
    evidence.shared_artifact_paths = _safely("logged model paths", skipped, lambda: shared_artifact_paths(
        source.diff.files, evidence.head_texts), [])
    evidence.doc_model_slips = _safely("model URIs in docs", skipped, lambda: section_uri_slips(
        source.diff.files, evidence.head_texts, registered_names(
            head_python, [m.name for m in evidence.registry.models] if evidence.registry else [])), [])
    evidence.script_slips = _safely("documented entry points", skipped, lambda: script_slips(
        source.diff.files, evidence.head_texts), [])
    evidence.snippet_names = _safely("doc examples", skipped, lambda: unimported_snippet_names(
        source.diff.files, evidence.head_texts, head_paths, lambda p: read_text(source.head, p, limit=MAX_TEXT_BYTES)),
        [])
    evidence.snippet_calls = _safely("doc example calls", skipped, lambda: refused_snippet_calls(
        source.diff.files, evidence.head_texts, head_paths, lambda p: read_text(source.head, p, limit=MAX_TEXT_BYTES)),
        [])
    if evidence.registry is not None:  # rows are compared with registered runs only
        evidence.zoo_rows = _safely("model-zoo tables", skipped,
                                    lambda: read_zoo_tables(source.diff.files, evidence.head_texts), [])
    evidence.unlisted_checkpoints = _safely("checkpoint addresses", skipped, lambda: unlisted_checkpoints(
        source.diff.files, evidence.head_texts, lambda p: read_text(source.base, p, limit=MAX_TEXT_BYTES), docs,
        docs_complete=evidence.docs_complete), [])
    if local_address_replaced(source.diff.files):  # the docs are read only when a local address was replaced
        evidence.host_moves = _safely("moved service hosts", skipped, lambda: host_moves(
            [k for f in source.diff.files if is_config_path(f.path) and f.status != "deleted"
             for k in key_changes(f, evidence.head_texts.get(f.path))],
            {**docs(), **_run_files(source.head, head_paths)},
            lambda: {p: t for p, t in {**_yaml_texts(source.head, head_paths), **evidence.head_texts}.items()
                     if is_config_path(p)}), [])
    # Scripts that may declare command-line options: the docs are read for their commands only if there are.
    clis = {p: t for p, t in head_python.items() if imports_cli(t) or ABSL_IMPORT.search(t)}
    if clis or any(g.options is not None for g in evidence.shipped_pipelines):  # only flows whose options are known
        evidence.doc_commands = _safely("documented commands", skipped, lambda: doc_commands(docs(), head_paths), [])
    if clis and any(c.flags for c in evidence.doc_commands):
        evidence.script_options = _safely("script options", skipped,
                                          lambda: _script_options(source, evidence, head_python, clis), [])
    evidence.component_doc_arguments = _safely("component READMEs", skipped, lambda: component_doc_arguments(
        source.diff.files, lambda p: read_text(source.head, p, limit=MAX_TEXT_BYTES),
        lambda p: read_text(source.base, p, limit=MAX_TEXT_BYTES)), [])
    if any("hydra.main" in text for text in head_python.values()):
        evidence.hydra_commands = _safely("documented Hydra commands", skipped, lambda: _hydra_commands(
            source, head_python, docs()), [])
    if any(f.path.lower().endswith((".md", ".markdown", ".mdx", ".yaml", ".yml")) for f in source.diff.files):
        evidence.doc_config_blocks = _safely("documented config files", skipped, lambda: _doc_config_blocks(
            source, docs()), [])
    evidence.skipped = skipped
    return evidence


def _script_options(source: ReviewInput, evidence: Evidence, python: dict[str, str],
                    clis: dict[str, str]) -> list[ScriptOptions]:
    """The declared options of each script a documented command passes options to, where all are known
    (absl flags: only when every Python file of the head was read, since any module may define one)."""
    out: dict[str, ScriptOptions] = {}
    for command in evidence.doc_commands:
        path = command.script_path if command.flags else None
        if path is None or path not in clis or path in out:
            continue
        read = script_options(path, clis[path]) or absl_flags(path, clis[path])
        if read is not None:
            base_text = read_text(source.base, path, limit=MAX_TEXT_BYTES)
            base = (script_options(path, base_text) or absl_flags(path, base_text)) if base_text is not None else None
            read.base_options = base.options if base is not None else None
            if not read.complete:  # absl flags are global: a flag the repository's other modules define counts
                if not evidence.python_complete:
                    continue
                read.options = sorted({*read.options, *(name for p, t in python.items() if p != path
                                                         for name in absl_defined(t))})
            out[path] = read
    return list(out.values())


def _changed_defaults(source: ReviewInput, evidence: Evidence) -> list[ChangedDefault]:
    """Literal values the PR changes in the Python files it modifies."""
    out: list[ChangedDefault] = []
    for f in source.diff.files:
        if f.binary or f.status not in ("modified", "renamed") or not f.path.endswith(".py"):
            continue
        head = evidence.head_texts.get(f.path)
        base = read_text(source.base, f.old_path or f.path, limit=MAX_TEXT_BYTES)
        if head is not None and base is not None:
            out += changed_defaults(f.path, base, head)
    return out


def _hydra_commands(source: ReviewInput, head_python: dict[str, str], docs: dict[str, str]) -> list[HydraCommand]:
    """The docs' Hydra commands at head, each broken override marked new unless the base's docs gave it,
    equally broken, against the base's configuration."""
    head_paths = source.head.paths()
    head = hydra_commands(docs, head_python, head_paths, lambda p: read_text(source.head, p, limit=MAX_TEXT_BYTES),
                          _all_python(head_paths))
    if not any(c.broken for c in head):
        return head
    base_paths = source.base.paths()
    base = hydra_commands(_docs(source.base, base_paths), _python_texts(source.base, base_paths, {}), base_paths,
                          lambda p: read_text(source.base, p, limit=MAX_TEXT_BYTES), _all_python(base_paths))
    return mark_new(head, base, _added_locators(source))


def _doc_config_blocks(source: ReviewInput, docs: dict[str, str]) -> list[DocConfigBlock]:
    """The docs' copies of config files at head, each key the file lacks marked new unless the base's
    copy wrote it, the base's file lacking it too."""
    head_paths = source.head.paths()
    head = doc_config_blocks(docs, _yaml_texts(source.head, head_paths))
    if not any(b.missing for b in head):
        return head
    base_paths = source.base.paths()
    base_configs = _yaml_texts(source.base, base_paths)
    return mark_new_keys(head, doc_config_blocks(_docs(source.base, base_paths), base_configs), base_configs,
                         _added_locators(source))


def _added_locators(source: ReviewInput) -> set[str]:
    """The locators of the lines the PR adds to its text files, and the path of each file it adds (whose
    patch may be cut short)."""
    lines = {file_locator(f.path, n) for f in source.diff.files if not f.binary for n in added_lines(f)}
    return lines | {f.path for f in source.diff.files if f.status == "added"}


def _run_files(head: Snapshot, head_paths: list[str]) -> dict[str, str]:
    """Files that start or point at local services: task runners, compose files, env templates."""
    out: dict[str, str] = {}
    for path in matching(head_paths, RUN_FILES)[:MAX_DOCS]:
        text = read_text(head, path, limit=MAX_TEXT_BYTES)
        if text is not None:
            out[path] = text
    return out


def _docs(head: Snapshot, head_paths: list[str]) -> dict[str, str]:
    """The head tree's Markdown docs (not changelogs, licences or generated reports), up to the cap."""
    docs: dict[str, str] = {}
    for path in _doc_paths(head_paths)[:MAX_DOCS]:
        text = read_text(head, path, limit=MAX_TEXT_BYTES)
        if text is not None:
            docs[path] = text
    return docs


def _doc_paths(paths: list[str]) -> list[str]:
    """The tree's Markdown docs that may state something of the code: not changelogs, licences or reports."""
    return [p for p in paths if is_markdown(p) and not NOT_DESIGN.search(p)]


def _python_paths(paths: list[str]) -> list[str]:
    return [p for p in paths if p.endswith(".py")]


def _followed(refs: list[TicketRef], skipped: list[Skipped]) -> list[TicketRef]:
    """The linked tickets to read: all of them up to the cap, else closing references first."""
    if len(refs) <= MAX_TICKETS_FOLLOWED:
        return refs
    ordered = sorted(refs, key=lambda ref: not ref.closing)  # stable: text order within each group
    followed, rest = ordered[:MAX_TICKETS_FOLLOWED], ordered[MAX_TICKETS_FOLLOWED:]
    named = ", ".join(ref.key for ref in rest[:MAX_TICKETS_FOLLOWED])
    skipped.append(Skipped(
        what=f"{len(rest)} more linked ticket(s)",
        why=f"only the first {MAX_TICKETS_FOLLOWED} ticket references are read; not read: {named}"
            + (", …" if len(rest) > MAX_TICKETS_FOLLOWED else "")))
    return followed


def _owners(source: ReviewInput, skipped: list[Skipped]) -> list[str]:
    """Owners of every changed path (old and new names of a rename), per the base branch's file."""
    for path in CODEOWNERS_LOCATIONS:
        text = read_text(source.base, path)
        if text is None:
            continue
        owners = parse_codeowners(text)
        skipped += [Skipped(what=f"base/{path}", why=problem) for problem in owners.problems[:20]]
        changed = [p for f in source.diff.files for p in (f.path, f.old_path) if p]
        return owners.owners_of_all(changed)
    return []


def config_text(source: ReviewInput) -> tuple[str | None, str | None]:
    """The base branch's custody.yml, and where it was read from."""
    text = source.config_text
    if text is not None:
        return text, f"base:{CONFIG_PATH}"
    text = read_text(source.base, CONFIG_PATH)
    return text, (f"base/{CONFIG_PATH}" if text is not None else None)


def _config(source: ReviewInput) -> tuple[RepoConfig, str | None, list[Degraded]]:
    """Every valid part of the configuration; each part that is not is dropped alone and said."""
    text, origin = config_text(source)
    loaded = load_config(text)
    return loaded.config, origin, [issue.degraded() for issue in loaded.issues]


def _registry_models(evidence: Evidence) -> list[str]:
    """Which registered models to read: named by the base branch only (its promotion policy, which
    the config already comes from, else its model cards). The PR's own cards never pick them, so a
    PR cannot have Custody publish another team's records by naming their model in a card."""
    promo = evidence.config.promotion
    if promo and promo.registered_model:
        return [promo.registered_model]
    return sorted({c.model_name.value for c in evidence.base_model_cards if c.model_name})


def _texts(source: ReviewInput, head_paths: list[str]) -> dict[str, str]:
    wanted = [f.path for f in source.diff.files if not f.binary and f.status != "deleted"]
    wanted += matching(head_paths, WELL_KNOWN_TEXTS)
    texts: dict[str, str] = {}
    for path in dict.fromkeys(wanted):
        if len(texts) >= MAX_TEXTS:
            break
        text = read_text(source.head, path, limit=MAX_TEXT_BYTES)
        if text is not None:
            texts[path] = text
    return texts


def _yaml_texts(tree: Snapshot, paths: list[str]) -> dict[str, str]:
    """A tree's YAML files (up to MAX_YAML of them), for keys a config may merge in from another."""
    texts: dict[str, str] = {}
    for path in [p for p in paths if p.lower().endswith((".yaml", ".yml"))][:MAX_YAML]:
        text = read_text(tree, path, limit=MAX_TEXT_BYTES)
        if text is not None:
            texts[path] = text
    return texts


def _all_python(paths: list[str]) -> bool:
    """Whether `_python_texts` lists every Python file of a tree (not only the first MAX_PYTHON)."""
    return sum(1 for p in paths if p.endswith(".py")) <= MAX_PYTHON


def _python_texts(tree: Snapshot, paths: list[str], known: dict[str, str]) -> dict[str, str]:
    """A tree's Python files (up to MAX_PYTHON of them), for where it trains, saves or registers a model."""
    texts: dict[str, str] = {}
    for path in _python_paths(paths)[:MAX_PYTHON]:
        text = known.get(path) if path in known else read_text(tree, path, limit=MAX_TEXT_BYTES)
        if text is not None:
            texts[path] = text
    return texts


def _safely(what: str, skipped: list[Skipped], fn: Callable[[], T], default: T) -> T:
    try:
        return fn()
    except Exception as exc:
        log.exception("%s", what)
        skipped.append(Skipped(what=what, why=f"unreadable ({type(exc).__name__})"))
        return default


def _pair(what: str, skipped: list[Skipped], fn: Callable[[], tuple[list[T], list[Skipped]]]) -> list[T]:
    empty: tuple[list[T], list[Skipped]] = ([], [])
    found, problems = _safely(what, skipped, fn, empty)
    skipped.extend(problems)
    return found
