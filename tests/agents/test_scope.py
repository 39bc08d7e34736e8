"""The scope agent: promises (tickets, else the PR's own checklist) against what the change ships."""

from __future__ import annotations

from typing import Literal

from custody.agents.scope import AGENT
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.readers.tickets import extract_criteria, ticket_criteria
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.agent_result import AgentResult
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Metric, ModelVersion, RegisteredModel, Registry, Run
from custody.reviewer.model.evidence.tickets import Ticket, TicketRef
from custody.reviewer.review import run_review
from custody.reviewer.rules.book import build_rulebook

from tests.helpers import FIXTURES, REPO


def review(base: dict[str, str], head: dict[str, str], ticket: str | None = None, body: str = "",
           registry: Registry | None = None, title: str = "Ticket", closing: bool = True) -> AgentResult:
    before = MemorySnapshot({k: v.encode() for k, v in base.items()})
    after = MemorySnapshot({k: v.encode() for k, v in head.items()})
    evidence = Evidence(
        pull_request=PullRequest(repo="acme/m", number=1, body=body),
        diff=diff_snapshots(before, after),
        head_texts=head,
        registry=registry,
    )
    if ticket is not None:
        evidence.ticket_refs = [TicketRef(key="7", tracker="github", found_in="body", closing=closing)]
        evidence.tickets = [Ticket(key="7", tracker="github", title=title, body=ticket, source="tickets/7.json",
                                   criteria=ticket_criteria(ticket, "tickets/7.json", title))]
    rules, _ = build_rulebook(RepoConfig())
    result = AGENT.review(evidence, rules)
    for finding in result.findings:
        assert finding.citations
    return result


def found(result: AgentResult, minimum: str = "info") -> list[tuple[str, str, str]]:
    order = ["info", "low", "medium", "high", "critical"]
    return [(f.kind, f.severity, f.subject) for f in result.findings
            if order.index(f.severity) >= order.index(minimum)]


# ---- the PR description as the promise ---------------------------------------------------------
def test_pr_checklist_is_the_promise_when_no_ticket_is_read() -> None:
    body = "Adds the drift job.\n\n## Acceptance criteria\n- [x] `drift_report` added to `monitor/drift.py`\n" \
           "- [ ] Unit tests for the drift report\n"
    head = {"monitor/drift.py": "def drift_report(df):\n    return df\n"}
    result = review({}, head, body=body)
    assert found(result) == [("ticket.unaddressed", "medium", "tests")]


def test_pr_template_questions_are_not_promises() -> None:
    body = "- [x] Did you read the `CONTRIBUTING.md` guideline?\n- [ ] Did you update the CHANGELOG?\n" \
           "- [x] I have performed a self-review of my own code\n"
    result = review({}, {"m.py": "x = 1\n"}, body=body)
    assert found(result) == []
    assert any("template" in s.why for s in result.skipped)


def test_ticked_template_tests_box_is_checked() -> None:
    body = "- [x] Did you write any new necessary tests?\n"
    assert found(review({}, {"m.py": "x = 1\n"}, body=body)) == [("ticket.unaddressed", "medium", "tests")]
    head = {"m.py": "x = 1\n", "tests/test_m.py": "def test_x():\n    assert 1\n"}
    assert found(review({}, head, body=body)) == []


# ---- registry records --------------------------------------------------------------------------
def registry(tags: dict[str, str], metrics: dict[str, float]) -> Registry:
    return Registry(
        source="registry/mlflow.json",
        models=[RegisteredModel(name="churn")],
        versions=[ModelVersion(name="churn", version="1", run_id="r1"),
                  ModelVersion(name="churn", version="2", run_id="r2", tags=tags)],
        runs=[Run(run_id="r1"), Run(run_id="r2", metrics=[Metric(key=k, value=v) for k, v in metrics.items()])],
    )


TICKET_REGISTRY = "### Acceptance criteria\n- [ ] The new version has tag `validation_status` set to `approved`\n" \
                  "- [ ] Training logs metric `auc` on the registered version\n"


def test_registry_criteria_met_by_the_newest_version() -> None:
    reg = registry({"validation_status": "approved"}, {"val_auc": 0.91})
    result = review({}, {"train.py": "x = 1\n"}, ticket=TICKET_REGISTRY, registry=reg)
    assert found(result, "medium") == []
    assert sum("met" in c for c in result.checked) >= 2


def test_registry_criteria_unmet_name_the_version() -> None:
    reg = registry({"validation_status": "pending"}, {})
    result = review({}, {"train.py": "x = 1\n"}, ticket=TICKET_REGISTRY, registry=reg)
    assert found(result, "medium") == [("ticket.unaddressed", "medium", "validation_status"),
                                       ("ticket.unaddressed", "medium", "auc")]
    assert all(any(c.artifact == "registry" and c.locator.endswith("churn/2") for c in f.citations)
               for f in result.findings if f.kind == "ticket.unaddressed")


def test_registry_criteria_without_a_registry_are_not_verifiable() -> None:
    result = review({}, {"train.py": "x = 1\n"}, ticket=TICKET_REGISTRY)
    assert found(result, "medium") == []
    assert sum("registry" in s.why for s in result.skipped) == 2


# ---- naming conventions ------------------------------------------------------------------------
TICKET_NAMING = "### Acceptance criteria\n- [ ] New metric functions are named `compute_<metric>`\n"


def test_naming_convention_checked_as_a_pattern() -> None:
    head = {"metrics.py": "def compute_auc(y, p):\n    return 0\n\n\ndef compute_f1(y, p):\n    return 0\n"}
    assert found(review({}, head, ticket=TICKET_NAMING), "medium") == []
    head = {"metrics.py": "def compute_auc(y, p):\n    return 0\n\n\ndef f1_score(y, p):\n    return 0\n"}
    assert found(review({}, head, ticket=TICKET_NAMING), "medium") == [("ticket.unaddressed", "medium", "f1_score")]


def test_naming_convention_with_no_governed_name_is_not_verifiable() -> None:
    result = review({}, {"README.md": "x\n"}, ticket=TICKET_NAMING)
    assert found(result, "medium") == []
    assert any("compute_<metric>" in s.why for s in result.skipped)


# ---- tests -------------------------------------------------------------------------------------
TICKET_TESTS = "### Acceptance criteria\n- [ ] `clip_scores` in `scoring/clip.py`\n- [ ] Add unit tests for it\n"
CODE = {"scoring/clip.py": "def clip_scores(s):\n    return s\n"}


def test_tests_criterion_met_by_a_new_test_function() -> None:
    head = {**CODE, "tests/test_clip.py": "def test_clip():\n    assert clip_scores([1])\n"}
    assert found(review({}, head, ticket=TICKET_TESTS), "medium") == []


def test_a_new_skip_marker_does_not_meet_a_tests_criterion() -> None:
    base = {"tests/test_clip.py": "def test_clip():\n    assert True\n"}
    head = {**CODE, "tests/test_clip.py": "import pytest\n\n\n@pytest.mark.skip(reason='later')\ndef test_clip():\n"
                                          "    assert True\n"}
    result = review(base, head, ticket=TICKET_TESTS)
    assert found(result, "medium") == [("ticket.unaddressed", "medium", "tests")]
    assert "skip" in result.findings[0].message


# ---- out of scope ------------------------------------------------------------------------------
TICKET_ALERT = "### Acceptance criteria\n- [ ] Lower the drift alert threshold `max_drift` to 0.15\n"


def test_untraced_gate_change_is_medium_and_disclosure_does_not_make_it_requested() -> None:
    base = {"config/monitor.yaml": "alerts:\n  max_drift: 0.2\ngates:\n  min_auc: 0.80\n"}
    head = {"config/monitor.yaml": "alerts:\n  max_drift: 0.15\ngates:\n  min_auc: 0.70\n"}
    result = review(base, head, ticket=TICKET_ALERT, body="Also relaxed min_auc to 0.70 while at it.")
    assert found(result, "medium") == [("ticket.out_of_scope", "medium", "gates.min_auc")]
    finding = result.findings[0]
    assert finding.path == "config/monitor.yaml" and finding.line == 4


def test_traced_gate_change_is_quiet() -> None:
    base = {"config/monitor.yaml": "alerts:\n  max_drift: 0.2\n"}
    head = {"config/monitor.yaml": "alerts:\n  max_drift: 0.15\n"}
    assert found(review(base, head, ticket=TICKET_ALERT)) == []


def test_untraced_module_is_low_and_docs_tests_are_ignored() -> None:
    base = {"monitor/drift.py": "MAX = 1\n", "billing/invoice.py": "def total():\n    return 1\n",
            "README.md": "old\n"}
    head = {"monitor/drift.py": "MAX = 1\n\n\ndef max_drift():\n    return 0.15\n",
            "billing/invoice.py": "def total():\n    return 2\n", "README.md": "new\n",
            "tests/test_drift.py": "def test_drift():\n    assert 1\n"}
    result = review(base, head, ticket=TICKET_ALERT, title="Drift alerts fire too late")
    assert found(result) == [("ticket.out_of_scope", "low", "billing/invoice.py")]


def test_a_moved_threshold_is_not_a_change() -> None:
    base = {"train.py": "ACTIVE_THRESHOLD = 1000\n\n\ndef main():\n    pass\n", "config.yaml": "seed: 1\n"}
    head = {"train.py": "def main():\n    pass\n", "config.yaml": "seed: 1\nthresholds:\n  active: 1000\n"}
    result = review(base, head, ticket="### Acceptance criteria\n- [ ] Read the seed and the thresholds from "
                                       "`config.yaml`\n")
    assert found(result, "medium") == []


def test_a_registered_model_name_is_not_a_record() -> None:
    ticket = "### Acceptance criteria\n- [ ] The retrained model is registered as a new version of `churn`\n"
    result = review({}, {"train.py": "x = 1\n"}, ticket=ticket, registry=registry({}, {}))
    assert found(result, "medium") == []
    assert any("names a registered model" in s.why for s in result.skipped)


def test_a_threshold_changed_in_code_is_a_gate() -> None:
    base = {"serve/score.py": "def decide(p):\n    return p >= 0.5\n"}
    head = {"serve/score.py": "def decide(p):\n    return p >= 0.35\n"}
    ticket = "Scoring decisions should be easier to follow."
    result = review(base, head, ticket=ticket, title="Explain scoring decisions")
    assert found(result, "medium") == [("ticket.out_of_scope", "medium", "p")]
    assert result.findings[0].line == 2 and "0.5" in result.findings[0].message


def test_a_gate_the_ticket_talks_about_in_its_own_words_is_traced() -> None:
    base = {"monitor.yaml": "drift_threshold: 0.1\n"}
    head = {"monitor.yaml": "drift_threshold: 0.2\n"}
    ticket = "The drift monitor raises too many false alarms on weekends; make it less sensitive."
    assert found(review(base, head, ticket=ticket, title="Drift monitor too noisy")) == []
    ticket = "The drift monitor should also report the feature names."
    assert found(review(base, head, ticket=ticket, title="Drift report"), "medium") == \
        [("ticket.out_of_scope", "medium", "drift_threshold")]


def test_an_unticked_generic_item_outside_a_criteria_section_is_declared_not_done() -> None:
    body = "Adds the drift job.\n\n- [x] `drift_report` in `monitor/drift.py`\n- [ ] Tests added\n"
    head = {"monitor/drift.py": "def drift_report(df):\n    return df\n"}
    result = review({}, head, body=body)
    assert found(result) == []
    assert any("declared not done" in s.why for s in result.skipped)
    body = "- [ ] `drift_alert` in `monitor/drift.py`\n"  # an unticked item that names something is a promise
    assert found(review({}, head, body=body)) == [("ticket.unaddressed", "medium", "drift_alert")]


def test_methods_are_governed_only_by_a_convention_about_methods() -> None:
    head = {"metrics.py": "def compute_auc(y, p):\n    return 0\n\n\nclass Auc:\n    def update(self, y):\n"
                          "        pass\n"}
    assert found(review({}, head, ticket=TICKET_NAMING), "medium") == []


def test_an_alert_limit_in_infrastructure_is_a_gate_too() -> None:
    base = {"k8s/alerts.yaml": "groups:\n  - rules:\n      - alert: HighErrorRate\n        expr: error_rate > 0.05\n"}
    head = {"k8s/alerts.yaml": "groups:\n  - rules:\n      - alert: HighErrorRate\n        expr: error_rate > 0.2\n"}
    ticket = "### Acceptance criteria\n- [ ] Dashboards show the kubernetes latency per model\n"
    result = review(base, head, ticket=ticket, title="Latency dashboards")
    assert found(result, "medium") == [("ticket.out_of_scope", "medium", "error_rate")]


def test_hyperparameters_are_not_gates() -> None:
    base = {"params.yaml": "train:\n  max_depth: 6\n"}
    head = {"params.yaml": "train:\n  max_depth: 8\n"}
    result = review(base, head, ticket="Retrain on the March window.", title="March retrain")
    assert found(result) == [("ticket.out_of_scope", "low", "params.yaml")]


def test_a_value_the_ticket_fixes_must_be_the_value_shipped() -> None:
    base = {"pricing/surge.py": "CAP = 3.0\n"}
    ticket = "### Acceptance criteria\n- [ ] `CAP` set to 2.5 in `pricing/surge.py`\n"
    assert found(review(base, {"pricing/surge.py": "CAP = 2.5\n"}, ticket=ticket, title="Surge cap")) == []
    result = review(base, {"pricing/surge.py": "CAP = 2.0\n"}, ticket=ticket, title="Surge cap")
    assert found(result) == [("ticket.unaddressed", "medium", "CAP")]
    assert result.findings[0].line == 1


def test_qualified_names_and_calls_are_found_by_their_last_part() -> None:
    ticket = "### Acceptance criteria\n- [ ] AUC computed with `sklearn.metrics.roc_auc_score`\n" \
             "- [ ] `fit_model(X, y, seed=7)` seeds the booster\n"
    head = {"train.py": "from sklearn.metrics import roc_auc_score\n\n\ndef fit_model(x, y, seed):\n"
                        "    return roc_auc_score(y, x)\n"}
    assert found(review({}, head, ticket=ticket, title="AUC"), "medium") == []
    head = {"train.py": "def fit(x, y):\n    return 0\n"}
    assert [f[2] for f in found(review({}, head, ticket=ticket, title="AUC"), "medium")] == \
        ["sklearn.metrics.roc_auc_score", "fit_model(X, y, seed=7)"]


def test_a_gate_of_the_component_the_ticket_discusses_is_traced() -> None:
    base = {"fraud/serving.yaml": "score_threshold: 0.5\n"}
    head = {"fraud/serving.yaml": "score_threshold: 0.7\n"}
    ticket = "Fraud alerts have too many false positives; analysts cannot keep up."
    assert found(review(base, head, ticket=ticket, title="Fraud alert noise")) == []


def test_product_names_in_prose_are_not_names_to_find() -> None:
    ticket = "### Acceptance criteria\n- [ ] Works with PyTorch and TensorFlow models\n"
    result = review({}, {"serve.py": "x = 1\n"}, ticket=ticket, title="Serve any model")
    assert found(result, "medium") == []


def test_a_module_is_traced_by_the_function_its_change_sits_in() -> None:
    base = {"lib/engine.py": "class Runner:\n    def validation_step(self, batch):\n        x = 1\n        return x\n"}
    head = {"lib/engine.py": "class Runner:\n    def validation_step(self, batch):\n        x = 2\n        return x\n"}
    ticket = "Our `validation_step` averages per-batch accuracies; accumulate counts instead."
    assert found(review(base, head, ticket=ticket, title="Validation accuracy")) == []
    ticket = "Accumulate counts instead of averaging per-batch accuracies."
    assert found(review(base, head, ticket=ticket, title="Accuracy")) == \
        [("ticket.out_of_scope", "low", "lib/engine.py")]


def test_a_function_edited_inside_addresses_a_criterion_that_names_it() -> None:
    base = {"io/load.py": "def load_data(path):\n    rows = read(path)\n    return rows\n"}
    head = {"io/load.py": "def load_data(path):\n    rows = read(path) or []\n    return rows\n"}
    ticket = "### Acceptance criteria\n- [ ] `load_data` no longer crashes on empty files\n"
    assert found(review(base, head, ticket=ticket, title="Empty files crash loading")) == []


def test_a_prose_criterion_none_of_whose_words_change_is_low() -> None:
    ticket = "### Acceptance criteria\n- [ ] Support multiclass targets\n- [ ] Faster scoring of batches\n"
    head = {"scoring/batch.py": "def score_batches(rows):\n    return [r for r in rows]\n"}
    result = review({}, head, ticket=ticket, title="Scoring")
    assert found(result) == [("ticket.unaddressed", "low", "multiclass targets")]


def test_a_criterion_that_forbids_something_leaves_no_trace_to_look_for() -> None:
    ticket = "### Acceptance criteria\n- [ ] Reason texts never blame the applicant\n"
    result = review({}, {"scoring/reasons.py": "R = 'x'\n"}, ticket=ticket, title="Reasons")
    assert [f for f in found(result) if f[0] == "ticket.unaddressed"] == []


def test_stage_naming_convention_over_the_stages_the_pipeline_gains() -> None:
    from custody.reviewer.model.evidence.pipeline import PipelineGraph, Stage

    def graph(where: Literal["head", "base"], *names: str) -> PipelineGraph:
        return PipelineGraph(name="dvc", where=where, format="dvc", source="dvc.yaml",
                             stages=[Stage(name=n, locator=f"dvc.yaml#L{i + 2}") for i, n in enumerate(names)])

    ticket = "### Acceptance criteria\n- [ ] New DVC stages are named in snake_case\n"
    head = {"dvc.yaml": "stages:\n  prepare: {}\n  trainModel: {}\n"}
    before = MemorySnapshot({"dvc.yaml": b"stages:\n  prepare: {}\n"})
    evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1),
                        diff=diff_snapshots(before, MemorySnapshot({k: v.encode() for k, v in head.items()})),
                        head_texts=head, base_pipelines=[graph("base", "prepare")],
                        shipped_pipelines=[graph("head", "prepare", "trainModel")],
                        ticket_refs=[TicketRef(key="7", tracker="github", found_in="body")],
                        tickets=[Ticket(key="7", tracker="github", title="DVC", body=ticket, source="t",
                                        criteria=extract_criteria(ticket, "t"))])
    rules, _ = build_rulebook(RepoConfig())
    result = AGENT.review(evidence, rules)
    assert [(f.kind, f.subject, f.line) for f in result.findings if f.severity == "medium"] == \
        [("ticket.unaddressed", "trainModel", 3)]


def test_registry_criterion_follows_the_version_the_pr_names() -> None:
    reg = registry({"validation_status": "approved"}, {"auc": 0.9})  # version 2 has it, version 1 not
    ticket = "### Acceptance criteria\n- [ ] The new version has tag `validation_status` set to `approved`\n"
    before = MemorySnapshot({})
    evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1, body="Registers churn version 1."),
                        diff=diff_snapshots(before, MemorySnapshot({"train.py": b"x = 1\n"})),
                        head_texts={"train.py": "x = 1\n"}, registry=reg,
                        ticket_refs=[TicketRef(key="7", tracker="github", found_in="body")],
                        tickets=[Ticket(key="7", tracker="github", title="Churn", body=ticket, source="t",
                                        criteria=extract_criteria(ticket, "t"))])
    rules, _ = build_rulebook(RepoConfig())
    result = AGENT.review(evidence, rules)
    assert [f.subject for f in result.findings if f.severity == "medium"] == ["validation_status"]
    assert "version 1" in result.findings[0].message


# ---- prose tickets -----------------------------------------------------------------------------
# janezd/baycomp#8 (MIT), verbatim; see tests/fixtures/tickets/prose/README.md.
TICKET_PROSE = ("Hi, I think it would be useful to have a ```random_state``` parameter to the ```two_on_multiple``` "
                "function, so we can provide reproducible code. I will submit a pull request with this modification.")
MULTIPLE = "def two_on_multiple(x, y, rope=0, *, runs=1, **kwargs):\n    return test(x, y, rope, **kwargs)\n"


def test_a_prose_ask_for_a_named_parameter_the_change_has_is_met() -> None:
    head = {"multiple.py": MULTIPLE.replace("runs=1,", "runs=1, random_state=None,")}
    result = review({"multiple.py": MULTIPLE}, head, ticket=TICKET_PROSE, title="Add random state to two_on_multiple")
    assert found(result) == []
    assert any("met, the change has random_state" in c for c in result.checked)


def test_a_prose_ask_for_a_named_parameter_the_change_lacks_is_unaddressed() -> None:
    head = {"multiple.py": MULTIPLE.replace("runs=1,", "runs=1, seed=None,")}
    result = review({"multiple.py": MULTIPLE}, head, ticket=TICKET_PROSE, title="Add random state to two_on_multiple")
    assert found(result) == [("ticket.unaddressed", "medium", "random_state")]
    assert result.findings[0].citations[0].locator == "tickets/7.json#L1"


def test_a_prose_promise_naming_nothing_is_only_unverifiable() -> None:
    # explodinggradients/ragas#1907's expected behaviour: no name to look for, so no finding at all.
    ticket = ("**Expected behaviour**\nI would like to see scores for both factual_correctness for precision and "
              "recall in the resulting dataframe.\n")
    result = review({"evaluation.py": "x = 1\n"}, {"evaluation.py": "x = 2\n"}, ticket=ticket)
    assert [f for f in found(result) if f[0] == "ticket.unaddressed"] == []
    assert any(s.what == "criterion tickets/7.json#L2" and "names nothing" in s.why for s in result.skipped)


# ---- an input the ticket asks to derive from, added and ignored ----------------------------------
REALWORLD = REPO / "benchmark" / "realworld"


def scope_findings(folder: str) -> list[tuple[str, str, str, str]]:
    verdict = run_review(load_scenario(REALWORLD / folder)).verdict
    return [(f.rule, f.kind, f.severity, f.subject) for f in verdict.findings if f.agent == "scope"]


def test_a_parameter_the_ticket_asks_to_derive_from_but_the_change_never_reads_is_unaddressed() -> None:
    # category_encoders #395 → PR #398: `input_features` added to two `get_feature_names_out` and ignored.
    verdict = run_review(load_scenario(REALWORLD / "rw14-ce-04-feature-names-out-partial")).verdict
    [finding] = [f for f in verdict.findings if f.rule == "scope.parameter-unread"]
    assert (finding.kind, finding.severity, finding.subject) == ("ticket.unaddressed", "medium", "input_features")
    assert [c.locator for c in finding.citations] == [
        "tickets/395.md#L8", "category_encoders/quantile_encoder.py#L347", "category_encoders/utils.py#L366"]
    assert (finding.path, finding.line) == ("category_encoders/quantile_encoder.py", 347)


def test_a_parameter_the_change_adds_and_uses_is_quiet() -> None:
    # category_encoders #291 → PR #479 adds `index_start` and threads it through; skorch #957 → PR #971.
    assert scope_findings("rw14-ce-01-ordinal-index-start") == []
    assert scope_findings("rw14-skorch-01-global-caching-override") == []


def test_a_parameter_a_closed_ticket_states_its_need_in_and_nothing_mentions_is_low() -> None:
    # imbalanced-learn #990 → PR #1000: the need is `min_frequency`; the change adds `categorical_encoder`.
    assert ("scope.ticket-parameter-unmentioned", "ticket.unaddressed", "low", "min_frequency") in scope_findings(
        "rw14-imb-01-smotenc-categorical-encoder")


def test_a_named_parameter_is_judged_only_for_a_ticket_the_pr_closes_and_only_when_nothing_mentions_it() -> None:
    folder = REALWORLD / "rw14-imb-01-smotenc-categorical-encoder"
    path = "imblearn/over_sampling/_smote/base.py"
    base, head = {path: (folder / "base" / path).read_text()}, {path: (folder / "head" / path).read_text()}
    text = (FIXTURES / "tickets" / "prose" / "imbalanced-learn-990.md").read_text().split("\n", 2)[2]
    rule = "scope.ticket-parameter-unmentioned"
    assert [f.subject for f in review(base, head, text).findings if f.rule == rule] == ["min_frequency"]
    assert [f for f in review(base, head, text, closing=False).findings if f.rule == rule] == []
    said = "Closes #7. An encoder with `min_frequency` is supported."
    assert [f for f in review(base, head, text, body=said).findings if f.rule == rule] == []
