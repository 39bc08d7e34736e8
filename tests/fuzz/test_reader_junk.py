"""Junk into every reader: a value, or the project's own error or problem list; never a crash, hang or blow-up."""

from __future__ import annotations

import json
import multiprocessing
import resource
import time
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from custody.reviewer.gather.config import ConfigError, parse_repo_config
from custody.reviewer.gather.readers.cards import read_model_cards
from custody.reviewer.gather.readers.contracts import read_contracts
from custody.reviewer.gather.readers.data_records import read_data_records
from custody.reviewer.gather.readers.design import read_design_docs
from custody.reviewer.gather.readers.diff import parse_unified_diff
from custody.reviewer.gather.readers.pipelines import read_deployed_file, read_shipped_pipelines
from custody.reviewer.gather.readers.registry import parse_mlflow_snapshot
from custody.reviewer.gather.readers.tickets import read_ticket_file
from custody.reviewer.gather.review_input import ArtifactUnavailable, ReviewInput
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import Diff
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.tickets import TicketRef
from custody.reviewer.rules.book import Check, Rule, RuleBook, load_pack_text
from custody.reviewer.rules.expressions import run_expression_rules
from custody.reviewer.rules.loading import rulebook_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CARD_PATTERNS = ["MODEL_CARD.md", "README.md", "**/model_card.json"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=15), children, max_size=5),
    max_leaves=40,
)
# YAML three ways: arbitrary text, arbitrary documents, and documents shaped like the real thing with junk inside.
yaml_docs = json_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True))
yaml_text = st.text(max_size=2000) | yaml_docs | st.text(alphabet="-:[]{}&*!|>#'\"?,\n  ab01", max_size=400)


def shaped(keys: list[str]) -> st.SearchStrategy[str]:
    """A YAML mapping with the keys a reader looks for and junk values: past the first isinstance checks."""
    return st.fixed_dictionaries({}, optional={k: json_values for k in keys}).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True))


# -- isolation: a loader that hangs or balloons must fail the test, not the machine ---------------

def _child(conn: Any, memory: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        value = fn(*args)
        conn.send(("ok", value if isinstance(value, str) else type(value).__name__))
    except MemoryError:
        conn.send(("memory", "MemoryError"))
    except BaseException as exc:
        conn.send(("raised", type(exc).__name__))


def bounded(fn: Callable[..., Any], *args: Any, seconds: float = 10.0, extra_mb: int = 400) -> tuple[str, str, float]:
    """Run `fn(*args)` in a forked child with a memory ceiling: (outcome, type name, seconds taken)."""
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    memory = max(usage * 3, 1 << 30) + extra_mb * (1 << 20)  # room for the forked interpreter, then the budget
    parent, child = multiprocessing.get_context("fork").Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=_child, args=(child, memory, fn, args), daemon=True)
    started = time.monotonic()
    process.start()
    child.close()
    try:
        if not parent.poll(seconds):
            return "timeout", "", time.monotonic() - started
        outcome, name = parent.recv()
        return outcome, name, time.monotonic() - started
    except EOFError:  # killed by the kernel: out of memory the hard way
        return "died", "", time.monotonic() - started
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        parent.close()


# -- the diff --------------------------------------------------------------------------------------

diff_lines = st.lists(st.one_of(
    st.sampled_from(["diff --git a/x.py b/x.py", "--- a/x.py", "+++ b/x.py", "--- /dev/null", "+++ /dev/null",
                     "new file mode 100644", "deleted file mode 100644", "rename from a", "rename to b",
                     "Binary files a/m.bin and b/m.bin differ", "\\ No newline at end of file",
                     "@@ -1,3 +1,4 @@", "@@ -0,0 +1 @@", "@@ -5 +5,0 @@ def f():", "@@ -a,b +c,d @@"]),
    st.builds(lambda s, t: s + t, st.sampled_from(["+", "-", " ", "@@ -", ""]), st.text(max_size=40)),
), max_size=60).map("\n".join)


@given(text=st.text(max_size=3000) | diff_lines)
@FUZZ
def test_diff_parser_answers_a_diff_or_a_value_error(text: str) -> None:
    try:
        diff = parse_unified_diff(text)
    except ValueError as exc:
        assert str(exc).startswith("the diff could not be parsed")
        return
    assert isinstance(diff, Diff)
    for change in diff.files:
        for hunk in change.hunks:
            assert all(line.number >= 0 for line in [*hunk.added, *hunk.removed])


def test_a_100000_line_diff_parses_in_bounded_time() -> None:
    lines = ["diff --git a/big.py b/big.py", "--- a/big.py", "+++ b/big.py", "@@ -0,0 +1,100000 @@"]
    lines += [f"+x = {n}" for n in range(100_000)]
    started = time.monotonic()
    diff = parse_unified_diff("\n".join(lines) + "\n")
    took = time.monotonic() - started
    (change,) = diff.files
    assert change.additions == 100_000
    assert change.truncated and sum(len(h.added) for h in change.hunks) == 20_000  # the per-file budget holds
    assert took < 20, f"{took:.1f}s"


# -- configuration and rule packs --------------------------------------------------------------

@given(text=yaml_text | shaped(["tickets", "promotion", "paths", "rules"]) | st.binary(max_size=500))
@FUZZ
def test_repo_config_answers_a_config_or_a_config_error(text: str | bytes) -> None:
    try:
        assert isinstance(parse_repo_config(text), RepoConfig)
    except ConfigError as exc:
        assert ".github/custody.yml" in str(exc)


PACK_RULE = st.fixed_dictionaries({}, optional={k: json_values for k in
                                                ["id", "title", "agent", "kind", "severity", "check", "scope"]})
pack_text = yaml_text | st.fixed_dictionaries(
    {"pack": json_values, "version": json_values, "rules": st.lists(PACK_RULE, max_size=3)}
).map(yaml.safe_dump)


@given(text=pack_text)
@FUZZ
def test_rule_pack_answers_a_pack_or_a_value_error_naming_the_file(text: str) -> None:
    try:
        load_pack_text(text, "junk.yml")
    except ValueError as exc:
        assert str(exc).startswith("junk.yml")


@given(repo_pack=pack_text, org_pack=pack_text, config=shaped(["rules"]))
@FUZZ
def test_rulebook_reports_bad_packs_as_problems_and_never_raises(repo_pack: str, org_pack: str, config: str) -> None:
    try:
        parsed = parse_repo_config(config)
    except ConfigError:
        parsed = RepoConfig()
    parsed.rules.packs = [*parsed.rules.packs, "packs/junk.yml", "org"]
    base = MemorySnapshot({"packs/junk.yml": repo_pack.encode()})
    source = ReviewInput(pull_request=PullRequest(repo="o/r", number=1), base=base, head=base, diff=Diff(),
                         org_packs=[org_pack])
    book, problems = rulebook_for(source, parsed)
    assert isinstance(book, RuleBook)
    assert all(p.what and p.why for p in problems)


# -- artifact readers -------------------------------------------------------------------------

card_text = st.text(max_size=2000) | st.builds(
    lambda meta, body: f"---\n{meta}---\n{body}", yaml_docs | shaped(["model-index", "base_model", "license",
                                                                      "datasets", "model_version"]),
    st.text(max_size=500))


@given(card=card_text, toolkit=st.text(max_size=500) | json_values.map(json.dumps), raw=st.binary(max_size=300))
@FUZZ
def test_model_cards_are_read_or_reported(card: str, toolkit: str, raw: bytes) -> None:
    snapshot = MemorySnapshot({"MODEL_CARD.md": card.encode(), "README.md": raw, "m/model_card.json": toolkit.encode()})
    cards, problems = read_model_cards(snapshot, CARD_PATTERNS)
    assert len(cards) <= 3 and all(p.what for p in problems)


@given(text=yaml_text | shaped(["kind", "schema", "name", "version"]), raw=st.binary(max_size=300))
@FUZZ
def test_data_contracts_are_read_or_reported(text: str, raw: bytes) -> None:
    snapshot = MemorySnapshot({"contracts/a.odcs.yaml": text.encode(), "contracts/b.yml": raw})
    contracts, problems = read_contracts(snapshot, ["contracts/**"])
    assert all(c.path.startswith("contracts/") for c in contracts)
    assert all(p.what.startswith("contracts/") for p in problems)


@given(text=st.text(max_size=3000) | st.text(alphabet="`|-:>#()[]{}=.→ \nab_1", max_size=1500))
@FUZZ
def test_design_docs_are_read(text: str) -> None:
    docs, problems = read_design_docs(MemorySnapshot({"docs/design/a.md": text.encode()}), ["docs/design/**"], [])
    # A doc, or (NUL bytes make it binary) the one problem saying why not.
    assert [d.path for d in docs] + [p.what for p in problems] == ["docs/design/a.md"]


@given(lock=yaml_text, pointer=yaml_text | shaped(["outs", "md5", "rows"]), listed=json_values.map(json.dumps))
@FUZZ
def test_data_records_read_what_they_can(lock: str, pointer: str, listed: str) -> None:
    records, problems = read_data_records({"dvc.lock": lock, "data/sales.dvc": pointer, "data/snapshot.json": listed,
                                           "README.md": lock})
    assert all(r.locator in {"dvc.lock", "data/sales.dvc", "data/snapshot.json"} for r in records)
    assert all(p.what in {"dvc.lock", "data/sales.dvc", "data/snapshot.json"} and p.why for p in problems)


@given(dvc=yaml_text | shaped(["stages"]), params=yaml_text, kubeflow=yaml_text | shaped(["root", "components"]),
       dag=st.text(max_size=500))
@FUZZ
def test_shipped_pipelines_are_read_or_reported(dvc: str, params: str, kubeflow: str, dag: str) -> None:
    snapshot = MemorySnapshot({"dvc.yaml": dvc.encode(), "params.yaml": params.encode(),
                               "k.pipeline.yaml": kubeflow.encode(), "dags/train_dag.py": f"DAG\n{dag}".encode()})
    graphs, problems = read_shipped_pipelines(snapshot, "head")
    assert len(graphs) + len(problems) <= 4  # one answer a file; an unreadable params.yaml leaves dvc.yaml's stages
    assert all(p.what in snapshot.paths() and p.why for p in problems)


@given(name=st.sampled_from(["x.pipeline.yaml", "events.ndjson", "airflow-tasks.json", "marquez-lineage.json",
                             "lineage.json", "unknown.txt"]),
       data=st.binary(max_size=500) | json_values.map(lambda v: json.dumps(v).encode())
       | st.lists(json_values, max_size=4).map(lambda vs: "\n".join(json.dumps(v) for v in vs).encode()))
@FUZZ
def test_deployed_graphs_are_read_or_reported(name: str, data: bytes) -> None:
    graphs, problems = read_deployed_file(name, data)
    assert bool(graphs) != bool(problems)  # graphs, or the reason there are none


@given(name=st.sampled_from(["tickets/1.json", "tickets/PROJ-1.json", "tickets/1.md"]),
       data=st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode())
       | st.fixed_dictionaries({}, optional={k: json_values for k in
                                             ["number", "title", "body", "labels", "state", "html_url"]})
       .map(lambda v: json.dumps(v).encode())
       | st.fixed_dictionaries({"key": st.just("PROJ-1"), "fields": st.fixed_dictionaries(
           {}, optional={k: json_values for k in ["summary", "description", "status", "labels"]})})
       .map(lambda v: json.dumps(v).encode()))
@FUZZ
def test_ticket_files_are_read_or_unavailable(name: str, data: bytes) -> None:
    try:
        ticket = read_ticket_file(name, data, TicketRef(key="PROJ-1", tracker="jira", found_in="body"))
    except ArtifactUnavailable as exc:
        assert name in str(exc)
        return
    assert ticket.source == name


@pytest.mark.parametrize("payload", [
    {"key": "PROJ-1", "fields": {"labels": True}},  # TypeError: 'bool' object is not iterable
    {"number": 1, "labels": 1},  # TypeError: 'int' object is not iterable
    {"number": 1, "labels": [{"name": 1}]},  # ValidationError: Ticket.labels
    {"number": 1, "html_url": 1},  # ValidationError: Ticket.url
    {"number": 1, "state": []},  # ValidationError: Ticket.state
    {"key": "PROJ-1", "fields": {"status": {"name": []}}},  # ValidationError: Ticket.state
], ids=["jira-labels-bool", "github-labels-int", "github-label-name-int", "github-url-int", "github-state-list",
        "jira-status-list"])
def test_wrong_typed_ticket_fields_are_unavailable_not_a_crash(payload: dict[str, Any]) -> None:
    with pytest.raises(ArtifactUnavailable, match=r"^tickets/1\.json: "):
        read_ticket_file("tickets/1.json", json.dumps(payload).encode(),
                         TicketRef(key="PROJ-1", tracker="jira", found_in="body"))


@given(data=json_values | st.fixed_dictionaries({}, optional={
    k: st.lists(json_values, max_size=3) | json_values for k in ["registered_models", "model_versions", "runs"]}))
@FUZZ
def test_registry_snapshot_is_read_or_a_value_error(data: Any) -> None:
    try:
        registry = parse_mlflow_snapshot(data, "registry/mlflow.json")
    except ValueError as exc:
        assert not isinstance(data, dict) and "registry/mlflow.json" in str(exc)
        return
    assert isinstance(data, dict) and registry.source == "registry/mlflow.json"


# -- bombs --------------------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""  # nine levels of nine: 387,420,489 strings once expanded, a few hundred bytes as written


def _bombed_config() -> Any:
    return parse_repo_config(BILLION_LAUGHS)


def _bombed_pack() -> Any:
    return load_pack_text(f"pack: p\nversion: '1'\nrules: []\n{BILLION_LAUGHS}", "bomb.yml")


def _bombed_card() -> Any:
    return read_model_cards(MemorySnapshot({"MODEL_CARD.md": f"---\n{BILLION_LAUGHS}---\n# m\n".encode()}),
                            CARD_PATTERNS)


def _bombed_contract() -> Any:
    return read_contracts(MemorySnapshot({"contracts/a.odcs.yaml": BILLION_LAUGHS.encode()}), ["contracts/**"])


def _bombed_records() -> Any:
    return read_data_records({"dvc.lock": BILLION_LAUGHS})


def _bombed_dvc() -> Any:
    return read_shipped_pipelines(MemorySnapshot({"dvc.yaml": f"stages: {{}}\n{BILLION_LAUGHS}".encode()}), "head")


def _bombed_params() -> Any:
    return read_shipped_pipelines(MemorySnapshot({"dvc.yaml": b"stages: {}\n",
                                                  "params.yaml": BILLION_LAUGHS.encode()}), "head")


def _bombed_kubeflow() -> Any:
    return read_deployed_file("x.pipeline.yaml", f"root: {{}}\n{BILLION_LAUGHS}".encode())


def _bombed_config_in_evidence() -> Any:
    # custody.yml keeps unknown top-level keys (extra="allow"): a bomb accepted there would expand when serialised.
    config = parse_repo_config(BILLION_LAUGHS)
    return str(len(Evidence(pull_request=PullRequest(repo="o/r", number=1), config=config).model_dump_json()))


@pytest.mark.slow
@pytest.mark.parametrize("loader", [
    _bombed_config, _bombed_pack, _bombed_card, _bombed_contract, _bombed_dvc, _bombed_kubeflow, _bombed_records,
    _bombed_params, _bombed_config_in_evidence,
], ids=lambda f: f.__name__[8:])
def test_a_billion_laughs_is_refused_or_read_quickly_in_bounded_memory(loader: Callable[[], Any]) -> None:
    outcome, name, took = bounded(loader, seconds=10, extra_mb=300)
    assert outcome in {"ok", "raised"}, f"{loader.__name__}: {outcome} {name} after {took:.1f}s"
    assert outcome == "ok" or name in {"ConfigError", "ValueError"}, name


# -- catastrophic regular expressions in a rule pack -------------------------------------------

EVIL_TEXT = "a" * 50_000 + "b"


def _review_with(rule: Rule, body: str = EVIL_TEXT) -> str:
    evidence = Evidence(pull_request=PullRequest(repo="o/r", number=7, body=body))
    result = run_expression_rules(evidence, RuleBook([rule]))
    return f"checked={result.checked} skipped={[s.why for s in result.skipped]} findings={len(result.findings)}"


def _cel_redos() -> str:
    return _review_with(Rule(id="org.redos", title="t", agent="hygiene", kind="org.redos", severity="low",
                             check=Check(cel='evidence.pull_request.body.matches("(a+)+$")')))


def _rego_redos() -> str:
    # Short enough not to crash the engine, long enough to backtrack for hours (26 characters take 4 s).
    policy = ('package custody.redos\nimport rego.v1\n'
              'deny contains "m" if { regex.match("(a+)+$", input.pull_request.body) }\n')
    return _review_with(Rule(id="org.redos", title="t", agent="hygiene", kind="org.redos", severity="low",
                             check=Check(rego=policy)), body="a" * 40 + "b")


def _rego_long_input() -> str:
    # A harmless pattern, a long (GitHub allows 65,536 characters) description: the matcher recurses per character.
    policy = ('package custody.long\nimport rego.v1\n'
              'deny contains "m" if { regex.match("^a*b$", input.pull_request.body) }\n')
    return _review_with(Rule(id="org.redos", title="t", agent="hygiene", kind="org.redos", severity="low",
                             check=Check(rego=policy)))


@pytest.mark.slow
@pytest.mark.parametrize(("review", "expected", "extra_mb"), [
    # re2 answers in linear time: the rule was evaluated and found no match, the string ends in "b".
    (_cel_redos, "checked=['rule org.redos'] skipped=[] findings=0", 400),
    # Rego's matcher backtracks, and recurses per character: the policy runs in a child, stopped or contained.
    # That child starts afresh, and its allocator (snmalloc) reserves 256 GB of address space before anything else.
    (_rego_redos, "checked=[] skipped=['its Rego policy took longer than 2 s and was stopped'] findings=0",
     300_000),
    (_rego_long_input, "checked=[] skipped=['its Rego policy crashed the policy engine (killed by SIGSEGV)'] "
                       "findings=0", 300_000),
], ids=["cel", "rego-catastrophic", "rego-long-input"])
def test_a_catastrophic_regex_in_a_rule_does_not_hang_the_review(review: Callable[[], str], expected: str,
                                                                  extra_mb: int) -> None:
    outcome, answer, took = bounded(review, seconds=20, extra_mb=extra_mb)
    assert outcome == "ok", f"{review.__name__}: {outcome} {answer} after {took:.1f}s"
    assert answer == expected, answer
    assert took < 10
