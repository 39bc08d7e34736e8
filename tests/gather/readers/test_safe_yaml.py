"""Untrusted YAML: bombs and deep nesting refused fast with a reason, ordinary anchors and merge keys read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from custody.agents.card import AGENT
from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.config import ConfigError, parse_repo_config
from custody.reviewer.gather.readers.cards import read_model_cards
from custody.reviewer.gather.readers.contracts import read_contracts
from custody.reviewer.gather.readers.data_records import read_data_records
from custody.reviewer.gather.readers.pipelines import read_deployed_file, read_shipped_pipelines
from custody.reviewer.gather.readers.safe_yaml import MAX_ALIAS_NODES, MAX_DEPTH, YamlLimitError, _Loader, load_yaml
from custody.reviewer.gather.review_input import ReviewInput
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.cards import ModelCard
from custody.reviewer.model.evidence.diff import Diff
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.review import run_review
from custody.reviewer.rules.book import build_rulebook
from custody.reviewer.rules.loading import rulebook_for
from hypothesis import given, settings
from hypothesis import strategies as st

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)  # 387,420,489 strings once expanded
REFUSED = f"YAML aliases expand beyond the limit ({MAX_ALIAS_NODES:,} nodes)"
COMPOSE = """\
x-defaults: &defaults
  image: app:1.2
  environment: &env {LOG_LEVEL: info, REGION: eu}
  restart: always
services:
  web:
    <<: *defaults
    ports: ["80:8080"]
  worker:
    <<: *defaults
    environment:
      <<: *env
      LOG_LEVEL: debug
"""


def test_a_billion_laughs_is_refused_fast_with_a_clear_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(self: _Loader, node: yaml.Node) -> None:
        raise AssertionError("the bomb was expanded")

    # Fast means refused on the composed node graph: nothing is ever constructed from it.
    monkeypatch.setattr(_Loader, "construct_document", never)
    with pytest.raises(YamlLimitError) as caught:
        load_yaml(LAUGHS, "params.yaml")
    assert (caught.value.what, caught.value.reason) == ("params.yaml", REFUSED)
    assert str(caught.value) == f"params.yaml: {REFUSED}"
    assert isinstance(caught.value, ValueError)  # callers that turn a ValueError into a problem keep working


def test_the_budget_counts_expansion_not_what_is_written() -> None:
    # Twelve-thousand items written down are fine; three aliases of them (36,000 more) are fine; fifty are not.
    items = "base: &base [" + ", ".join(str(n) for n in range(12_000)) + "]\n"
    assert len(load_yaml(items + "copies: [*base, *base, *base]\n", "x.yaml")["copies"]) == 3
    with pytest.raises(YamlLimitError, match="aliases expand beyond the limit"):
        load_yaml(items + f"copies: [{', '.join(['*base'] * 50)}]\n", "x.yaml")


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "&a {self: *a}\n", "&a {<<: *a, x: 1}\n"],
                         ids=["list", "mapping", "merge"])
def test_an_alias_inside_its_own_anchor_is_refused(text: str) -> None:
    with pytest.raises(YamlLimitError, match="refer back into themselves"):
        load_yaml(text, "x.yaml")


@pytest.mark.parametrize("text", [
    "[" * 100_000,  # flow style: never closed, refused before the end is reached
    "".join(f"{' ' * n}k{n}:\n" for n in range(MAX_DEPTH + 5)) + " " * (MAX_DEPTH + 5) + "v\n",  # block style
    "- " * (MAX_DEPTH + 5) + "x\n",
], ids=["flow", "block-mapping", "block-list"])
def test_deep_nesting_is_refused_fast(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # "Fast" counted in scanner calls, not seconds: the loader stops a few calls per level past MAX_DEPTH
    # (flow style scans a little ahead), never at the end of a 100,000-character document.
    scanned = 0
    fetch = _Loader.fetch_more_tokens

    def counting(self: _Loader) -> None:
        nonlocal scanned
        scanned += 1
        fetch(self)

    monkeypatch.setattr(_Loader, "fetch_more_tokens", counting)
    with pytest.raises(YamlLimitError, match=f"nested deeper than {MAX_DEPTH} levels"):
        load_yaml(text, "x.yaml")
    assert scanned < 20 * MAX_DEPTH


def test_nesting_built_from_aliases_is_refused() -> None:
    half = MAX_DEPTH // 2 + 5
    text = f"a: &a {'[' * half}{']' * half}\nb: {'[' * half}*a{']' * half}\n"  # each half fits, together they do not
    with pytest.raises(YamlLimitError, match=r"deeper than \d+ levels once aliases are expanded"):
        load_yaml(text, "x.yaml")


def test_anchors_and_merge_keys_still_load() -> None:
    data = load_yaml(COMPOSE, "docker-compose.yml")
    assert data == yaml.safe_load(COMPOSE)
    assert data["services"]["web"]["image"] == "app:1.2"
    assert data["services"]["worker"]["environment"] == {"LOG_LEVEL": "debug", "REGION": "eu"}
    many = "d: &d {a: 1, b: [1, 2, 3]}\nuses:\n" + "".join(f"  u{n}: *d\n" for n in range(2_000))
    assert len(load_yaml(many, "x.yaml")["uses"]) == 2_000


def test_what_is_not_yaml_is_still_a_yaml_error() -> None:
    assert load_yaml("", "x.yaml") is None
    with pytest.raises(yaml.YAMLError):
        load_yaml("a: [\n", "x.yaml")
    with pytest.raises(yaml.YAMLError):
        load_yaml("a: 1\n---\nb: 2\n", "x.yaml")  # one document, as yaml.safe_load wants
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object:os.system {}\n", "x.yaml")  # the safe loader's tags only


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=30))
def test_ordinary_documents_load_as_yaml_safe_load_does(value: object) -> None:
    text = yaml.safe_dump(value)
    assert load_yaml(text, "x.yaml") == yaml.safe_load(text)


# -- the readers report the refusal as a problem with the file's name -----------------------------

def test_readers_name_the_bombed_file_and_the_reason() -> None:
    contracts, problems = read_contracts(MemorySnapshot({"contracts/a.odcs.yaml": LAUGHS.encode()}), ["contracts/**"])
    assert contracts == [] and [(p.what, p.why) for p in problems] == [("contracts/a.odcs.yaml", REFUSED)]

    card = f"---\nbase_model: x\n{LAUGHS}---\n# Model\n".encode()
    cards, problems = read_model_cards(MemorySnapshot({"MODEL_CARD.md": card, "README.md": card}),
                                       ["MODEL_CARD.md", "README.md"])
    assert [c.path for c in cards] == ["MODEL_CARD.md"]  # read from its prose; a README may be no card at all
    assert sorted((p.what, p.why) for p in problems) == [("MODEL_CARD.md front matter", f"{REFUSED}; prose read"),
                                                         ("README.md", f"front matter refused: {REFUSED}")]

    graphs, problems = read_deployed_file("deployed/x.pipeline.yaml", f"root: {{}}\n{LAUGHS}".encode())
    assert graphs == [] and [(p.what, p.why) for p in problems] == [("deployed/x.pipeline.yaml", REFUSED)]


def test_a_bombed_params_file_is_a_gap_and_the_stages_still_count() -> None:
    dvc = b"stages:\n  train:\n    cmd: python train.py\n    outs: [model.pkl]\n"
    graphs, problems = read_shipped_pipelines(
        MemorySnapshot({"dvc.yaml": dvc, "params.yaml": LAUGHS.encode()}), "head")
    assert [(g.stage_names(), g.params) for g in graphs] == [(["train"], {})]
    assert [(p.what, p.why) for p in problems] == [("params.yaml", REFUSED)]


def test_a_bombed_repo_config_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"^\.github/custody\.yml: YAML aliases expand beyond the limit"):
        parse_repo_config(LAUGHS)


# -- end to end: a PR whose head bombs params.yaml, in a repository whose config is a bomb too ----

def _scenario(folder: Path) -> Path:
    files = {
        "scenario.yml": "repo: acme/forecast\nnumber: 12\ntitle: Tune the model\nbody: New learning rate.\n"
                        "author: ds\nbase_branch: main\nhead_branch: tune\n",
        "base/.github/custody.yml": LAUGHS,
        "base/dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n    deps: [params.yaml]\n",
        "base/params.yaml": "train:\n  lr: 0.1\n",
        "head/.github/custody.yml": LAUGHS,
        "head/dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n    deps: [params.yaml]\n",
        "head/params.yaml": LAUGHS,
        "head/dvc.lock": LAUGHS,
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_pr_with_a_bombed_params_file_is_reviewed_and_the_file_listed_as_not_checked(tmp_path: Path) -> None:
    folder = _scenario(tmp_path)
    started = time.monotonic()
    evidence = gather(load_scenario(folder))
    assert ("params.yaml", REFUSED) in {(s.what, s.why) for s in evidence.skipped}
    # The configuration could not be used: said as a configuration problem, which keeps the check from passing.
    assert [(p.what, p.why) for p in evidence.config_problems] == [
        (".github/custody.yml", f"{REFUSED.split(': ', 1)[-1]}; the built-in defaults were used")]
    assert [g.stage_names() for g in evidence.shipped_pipelines] == [["train"]]
    assert len(evidence.model_dump_json()) < 100_000  # nothing expanded rides in the evidence

    outcome = run_review(load_scenario(folder))
    assert time.monotonic() - started < 30
    assert f"- ✖ params.yaml: {REFUSED}" in outcome.comment
    assert "What was checked" in outcome.comment


def test_a_bombed_rule_pack_is_reported_not_carried() -> None:
    # `check.params` keeps any value: a bomb there validates, and would expand once the rules are serialised.
    params = LAUGHS.replace("\n", "\n      ").rstrip()
    pack = ("pack: p\nversion: '1'\nrules:\n- id: p.x\n  title: t\n  agent: hygiene\n  kind: k\n  severity: low\n"
            f"  check:\n    params:\n      {params}\n")
    config = RepoConfig()
    config.rules.packs = ["builtin", "packs/p.yml"]
    base = MemorySnapshot({"packs/p.yml": pack.encode()})
    source = ReviewInput(pull_request=PullRequest(repo="o/r", number=1), base=base, head=base, diff=Diff(),
                         org_packs=[pack])
    book, problems = rulebook_for(source, config)
    assert "p.x" not in book.rules
    assert [(p.what, p.why) for p in problems] == [
        ("rule pack packs/p.yml", f"packs/p.yml: {REFUSED}"),
        ("organisation rule pack 1", f"organisation pack 1: {REFUSED}"),
    ]


def test_the_card_agent_reports_a_bombed_data_record() -> None:
    records, problems = read_data_records({"dvc.lock": LAUGHS})
    evidence = Evidence(pull_request=PullRequest(repo="o/r", number=1), model_cards=[ModelCard(path="MODEL_CARD.md")],
                        registry=Registry(source="registry/mlflow.json"), data_records=records,
                        data_record_problems=problems)
    result = AGENT.review(evidence, build_rulebook(RepoConfig())[0])
    assert ("dvc.lock", REFUSED) in [(s.what, s.why) for s in result.skipped]


def test_a_document_is_composed_once_and_each_reader_gets_its_own_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    from custody.reviewer.gather import content_cache

    monkeypatch.setattr(content_cache, "_objects", content_cache.Lru(100))  # a fresh process
    composed = 0
    compose = _Loader.get_single_node

    def counting(self: _Loader) -> yaml.Node | None:
        nonlocal composed
        composed += 1
        return compose(self)

    monkeypatch.setattr(_Loader, "get_single_node", counting)
    first = load_yaml(COMPOSE, "docker-compose.yml")
    first["services"]["web"]["ports"].append("443:8443")  # a reader changing what it got
    again = load_yaml(COMPOSE, "docker-compose.yml")
    assert composed == 1 and again["services"]["web"]["ports"] == ["80:8080"]
    # Aliases still share one object inside a copy, as in a fresh load.
    assert again["services"]["web"]["restart"] == again["services"]["worker"]["restart"] == "always"
    for name in ("x.yaml", "y.yaml"):  # a refused document is refused each time, under the name it is read as
        with pytest.raises(YamlLimitError, match="refer back into themselves") as caught:
            load_yaml("a: &a [*a]\n", name)
        assert caught.value.what == name
