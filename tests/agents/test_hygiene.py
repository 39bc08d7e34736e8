"""The hygiene agent on small trees diffed the same way a scenario is."""

from __future__ import annotations

from custody.agents.hygiene import AGENT
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook


def review(base: dict[str, str], head: dict[str, str]) -> list[tuple[str, str, int | None]]:
    before = MemorySnapshot({k: v.encode() for k, v in base.items()})
    after = MemorySnapshot({k: v.encode() for k, v in head.items()})
    evidence = Evidence(
        pull_request=PullRequest(repo="acme/m", number=1),
        diff=diff_snapshots(before, after),
        head_texts=head,
    )
    rules, _ = build_rulebook(RepoConfig())
    result = AGENT.review(evidence, rules)
    for finding in result.findings:
        assert finding.citations and finding.citations[0].artifact == "diff"
    return [(f.rule, f.subject, f.line) for f in result.findings]


def test_unpinned_requirement_in_a_pinned_file() -> None:
    base = {"requirements.txt": "joblib==1.4.2\npandas==2.2.3\n"}
    head = {"requirements.txt": "imbalanced-learn\njoblib==1.4.2\npandas==2.2.3\n"}
    assert review(base, head) == [("hygiene.unpinned-dependency", "imbalanced-learn", 1)]


def test_unpinned_requirement_where_nothing_is_pinned_is_quiet() -> None:
    base = {"requirements.txt": "joblib\npandas>=2\n"}
    head = {"requirements.txt": "joblib\npandas>=2\nscikit-learn\n"}
    assert review(base, head) == []


def test_pinned_or_hashed_requirement_is_quiet() -> None:
    base = {"requirements.txt": "joblib==1.4.2\n"}
    head = {"requirements.txt": "joblib==1.4.2\nnumpy==2.1.0 --hash=sha256:abc\ntorch @ https://x/y.whl\n"}
    assert review(base, head) == []


def test_secrets_are_found_and_placeholders_are_not() -> None:
    head = {
        "train.py": 'AWS = "AKIAIOSFODNN7EXAMPLQ"\n',
        "conf.py": 'api_key = "Zx81kPq0vLr7Tn2wYb5sQe9H"\n',
        "safe.py": 'api_key = os.environ["API_KEY"]\ntoken = "xxxxxxxxxxxxxxxxxxxx"\n',
    }
    found = review({}, head)
    assert ("hygiene.secret", "AWS access key", 1) in found
    assert ("hygiene.secret", "hard-coded credential", 1) in found
    assert not [f for f in found if f[0] == "hygiene.secret" and f[2] is None]
    assert len([f for f in found if f[0] == "hygiene.secret"]) == 2


def test_every_armoured_private_key_is_a_secret() -> None:
    head = {"deploy/pkcs8.pem": "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkq\n"
                                "-----END ENCRYPTED PRIVATE KEY-----\n",
            "deploy/signing.asc": "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQdGBGU2k3sBEAC\n"
                                  "-----END PGP PRIVATE KEY BLOCK-----\n",
            "deploy/public.pem": "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0B\n-----END PUBLIC KEY-----\n"}
    found = [f for f in review({}, head) if f[0] == "hygiene.secret"]
    assert [(f[1], f[2]) for f in found] == [("private key", 1), ("private key", 1)]


def test_unseeded_split_only_when_the_file_seeds_nothing() -> None:
    unseeded = {"train.py": "from sklearn.model_selection import train_test_split\nX, y = train_test_split(df)\n"}
    seeded = {"train.py": "import numpy as np\nnp.random.seed(0)\nX, y = train_test_split(df)\n"}
    assert review({}, unseeded) == [("hygiene.unseeded-randomness", "train_test_split", 2)]
    assert review({}, seeded) == []


def test_skip_marker_and_deleted_test_file() -> None:
    base = {"tests/test_a.py": "def test_a():\n    assert True\n", "tests/test_b.py": "def test_b():\n    pass\n"}
    head = {"tests/test_a.py": "import pytest\n\n@pytest.mark.skip\ndef test_a():\n    assert True\n"}
    found = review(base, head)
    assert ("hygiene.disabled-test", "skip marker", 3) in found
    assert ("hygiene.disabled-test", "tests/test_b.py", None) in found


def test_conditional_skip_is_quiet() -> None:
    head = {"tests/test_a.py": "import pytest\n\n@pytest.mark.skipif(True, reason='x')\ndef test_a():\n    pass\n"}
    assert review({}, head) == []


def test_fit_on_test_data() -> None:
    head = {"train.py": "import numpy as np\nnp.random.seed(1)\nscaler.fit(X_test)\nmodel.fit(X_train, y_train)\n"}
    assert review({}, head) == [("hygiene.fit-on-test", "X_test", 3)]


def test_python_defects_on_added_lines_only() -> None:
    base = {"m.py": "def old(x=[]):\n    return x\n"}
    head = {"m.py": "def old(x=[]):\n    return x\n\n\ndef new(y):\n    assert (y, 'msg')\n    return y is 'a'\n"}
    found = review(base, head)
    assert ("hygiene.python-defect", "assert on tuple", 6) in found
    assert ("hygiene.python-defect", "identity comparison", 7) in found
    assert not [f for f in found if f[1] == "mutable default"]


def test_disabled_rule_reports_nothing() -> None:
    config = RepoConfig.model_validate({"rules": {"disable": ["hygiene.unpinned-dependency"]}})
    rules, problems = build_rulebook(config)
    assert problems == []
    assert not rules.enabled("hygiene.unpinned-dependency")


def test_documentation_and_template_keys_are_not_secrets() -> None:
    head = {".env.example": "KEY_ID=AKIAXXXXXXXXXXXXXXXX\nDOC=AKIAIOSFODNN7EXAMPLE\n"}
    assert review({}, head) == []


def test_partly_masked_token_is_a_secret_and_filler_templates_are_not() -> None:
    head = {"README.md": 'TOKEN = "ghp_Ex4mpleOnlyN0tARealT0kenXXXXXXXXXXXX"  # expires in April\n',
            "docs.md": 'TOKEN = "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"\n'}
    found = review({}, head)
    assert [(f[0], f[2]) for f in found] == [("hygiene.secret", 1)]


def test_committed_bytecode_is_reported_even_though_it_is_binary() -> None:
    head = {"pkg/__pycache__/m.cpython-311.pyc": "\x00\x01", "pkg/m.py": "X = 1\n"}
    assert ("hygiene.committed-artifact", "pkg/__pycache__/m.cpython-311.pyc", None) in review({}, head)


def test_deleted_test_file_replaced_by_a_renamed_one_is_quiet() -> None:
    base = {"util/lip.py": "X = 1\n", "tests/test_lip.py": "def test_x():\n    assert True\n"}
    head = {"util/lip_rules.py": "X = 1\n", "tests/test_lip_rules.py": "def test_x():\n    assert True\n"}
    assert not [f for f in review(base, head) if f[0] == "hygiene.disabled-test"]
    gone = {"other.py": "Y = 1\n"}
    assert [f for f in review(base, gone) if f[0] == "hygiene.disabled-test"] == []
    kept = {"util/lip.py": "X = 2\n"}
    assert [f[0] for f in review(base, kept)] == ["hygiene.disabled-test"]


def test_leakage_in_a_notebook_cites_the_notebook_line() -> None:
    import json

    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "source": [
        "X_scaled = StandardScaler().fit_transform(X)\n",
        "X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)\n",
        "model.fit(X_test, y_test)"]}]
    text = json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5}, indent=1)
    found = review({}, {"eda.ipynb": text})
    lines = text.splitlines()
    rules = {rule: line for rule, _, line in found}
    assert "fit_transform" in lines[rules["hygiene.fit-before-split"] - 1]
    assert "model.fit(X_test" in lines[rules["hygiene.fit-on-test"] - 1]


def test_author_fields_and_urls_are_not_credentials() -> None:
    head = {"conf.py": 'AUTHOR_WEBSITE = "http://example-person.com/q8Zr"\n__author_email__ = "name@lab-q8z.ai"\n'
                       'AUTH_TOKEN = "Zx81kPq0vLr7Tn2wYb5sQe9H"\nauthor_token_url = "https://x.io/a/b/c/d/e/f"\n'}
    assert [(f[0], f[2]) for f in review({}, head)] == [("hygiene.secret", 3)]


def test_skip_under_a_condition_is_not_a_disabled_test() -> None:
    head = {"tests/test_a.py": "import pytest\n\n\ndef test_a():\n    try:\n        import jiwer\n"
                               "    except ImportError:\n        pytest.skip('needs jiwer')\n\n\n"
                               "def test_b():\n    pytest.skip('broken')\n"}
    assert review({}, head) == [("hygiene.disabled-test", "skip marker", 12)]


def test_mutable_default_only_when_the_function_changes_it() -> None:
    head = {"m.py": "def a(seen=[]):\n    seen.append(1)\n    return seen\n\n\n"
                    "def b(index={}):\n    return index or {}\n\n\n"
                    "def c(*, cache={}):\n    cache['k'] = 1\n"}
    found = [(f[1], f[2]) for f in review({}, head) if f[0] == "hygiene.python-defect"]
    assert found == [("mutable default", 1), ("mutable default", 10)]


def test_unquoted_keys_in_env_files_and_passwords_in_urls() -> None:
    head = {
        ".env": "WANDB_API_KEY=4f9c2e7a1b8d3f6e0a5c9b2d7e1f4a8c3b6d9e2f\nDEBUG=true\n",
        "conf/tracking.yaml": "tracking_uri: postgresql://mlflow:Qx7!pR2zLk9@db.internal:5432/mlflow\n"
                              "doc_uri: postgresql://user:password@localhost/db\n",
        "train.py": "WANDB_API_KEY=4f9c2e7a1b8d3f6e0a5c9b2d7e1f4a8c3b6d9e2f\n",
    }
    found = sorted((f[2], f[1]) for f in review({}, head) if f[0] == "hygiene.secret")
    assert found == [(1, "hard-coded credential"), (1, "password in a URL")]


def test_debugger_calls_left_in() -> None:
    head = {"train.py": "import pdb\n\ndef fit(x):\n    pdb.set_trace()\n    breakpoint()\n    return x\n"}
    found = [(f[1], f[2]) for f in review({}, head) if f[0] == "hygiene.python-defect"]
    assert found == [("debugger call", 4), ("debugger call", 5)]


def test_env_var_names_urns_truncated_examples_and_docstring_paths_are_quiet() -> None:
    head = {"consts.py": 'ENV_API_KEY = "ANTHROPIC_API_KEY"\n'
                         '_GRANT_TOKEN = "urn:ietf:params:oauth:grant-type:token-exchange"\n'
                         'def f():\n    """Example.\n\n    >>> f(token="eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...")\n'
                         "    PosixPath('/home/wauplin/.cache/x')\n    \"\"\"\n"}
    assert review({}, head) == []


def test_debugger_on_request_is_deliberate() -> None:
    head = {"cli.py": "import pdb\n\ndef run(args):\n    if args.debug:\n        pdb.set_trace()\n"}
    assert review({}, head) == []


def test_skip_marker_mentioned_in_a_message_is_not_a_skip() -> None:
    head = {"tests/test_a.py": 'MSG = "use the @pytest.mark.skip decorator"\n'}
    assert review({}, head) == []


def test_deleted_config_key_still_read_is_one_finding_per_key_at_the_edited_file() -> None:
    from custody.reviewer.model.evidence.config_reads import StaleConfigRead

    reads = [
        StaleConfigRead(config="conf/run.yaml", key="optim.clip", path="eval.py", line=9,
                        expression="cfg.optim.clip"),
        StaleConfigRead(config="conf/run.yaml", key="optim.clip", path="fit.py", line=30,
                        expression="cfg.optim.clip", changed=True),
    ]
    evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1), stale_config_reads=reads)
    rules, _ = build_rulebook(RepoConfig())
    result = AGENT.review(evidence, rules)
    found = [f for f in result.findings if f.rule == "hygiene.deleted-config-key"]
    assert [(f.kind, f.severity, f.subject, f.path, f.line) for f in found] == [
        ("code.bug_risk", "medium", "optim.clip", "fit.py", 30)
    ]
    assert "eval.py:9" in found[0].message and found[0].citations[0].locator.startswith("fit.py")


MLPROJECT = """name: mnist
entry_points:
  main:
    parameters:
      max_epochs: {type: int, default: 5}
      {param}: {type: str, default: "None"}
    command: |
          python mnist_model.py --max_epochs {max_epochs} \\
            --strategy {{placeholder}}
"""


def test_an_mlflow_project_command_placeholder_no_parameter_declares() -> None:
    from custody.reviewer.gather.readers.mlproject import read_mlproject

    def project(param: str, placeholder: str) -> str:
        return MLPROJECT.replace("{param}", param).replace("{{placeholder}}", "{" + placeholder + "}")

    def findings(base: str, head: str) -> list[tuple[str, str, str, int | None]]:
        before = MemorySnapshot({"MLproject": base.encode()})
        after = MemorySnapshot({"MLproject": head.encode()})
        evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1), diff=diff_snapshots(before, after),
                            head_texts={"MLproject": head},
                            shipped_pipelines=[read_mlproject("MLproject", head, "head")],
                            base_pipelines=[read_mlproject("MLproject", base, "base")])
        result = AGENT.review(evidence, build_rulebook(RepoConfig())[0])
        return [(f.kind, f.severity, f.subject, f.line) for f in result.findings]

    renamed = project("strategy", "accelerator")  # the parameter renamed, the command left as it was
    assert findings(project("accelerator", "accelerator"), renamed) == [
        ("code.bug_risk", "medium", "accelerator", 9)]
    assert findings(renamed, project("strategy", "strategy")) == []  # the fix
    assert findings(renamed, renamed.replace("default: 5", "default: 6")) == []  # not this change's doing


def _flip_findings(elsewhere: dict[str, str]) -> list[tuple[str, str, str]]:
    from pathlib import Path

    from custody.reviewer.gather.readers.diff import parse_unified_diff
    from custody.reviewer.gather.readers.endpoints import scheme_flips

    fixture = Path(__file__).parents[1] / "fixtures" / "ml" / "metaflow" / "ml-school-0eba784"
    diff = parse_unified_diff((fixture / "training.py.diff").read_text())
    evidence = Evidence(pull_request=PullRequest(repo="svpino/ml.school", number=1), config=RepoConfig(),
                        diff=diff, scheme_flips=scheme_flips(diff.files, elsewhere))
    result = AGENT.review(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.severity, f.message) for f in result.findings if f.rule == "hygiene.endpoint-scheme"]


def test_code_moved_to_https_for_a_server_the_repository_runs_on_http_is_a_bug_risk() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "fixtures" / "ml" / "metaflow" / "ml-school-0eba784" / "README.md")
    [(kind, severity, message)] = _flip_findings({"README.md": readme.read_text()})
    assert (kind, severity) == ("code.bug_risk", "medium")
    assert "MLFLOW_TRACKING_URI" in message and "README.md#L" in message


def test_no_finding_when_the_repository_also_names_the_new_scheme_or_names_neither() -> None:
    assert _flip_findings({"README.md": "server at http://127.0.0.1:5000\n",
                           "docker-compose.yml": "command: serve --cert x  # https://127.0.0.1:5000\n"}) == []
    assert _flip_findings({}) == []


def _port_findings(fixture_commit: str, others: dict[str, str]) -> list[tuple[str, str, str, str]]:
    from pathlib import Path

    from custody.reviewer.gather.readers.diff import parse_unified_diff
    from custody.reviewer.gather.readers.endpoints import port_moves

    fixture = Path(__file__).parents[1] / "fixtures" / "ml" / "mlflow" / "mlflow_for_ml_dev"
    diff = parse_unified_diff((fixture / f"walmart_online_inference-{fixture_commit}.diff").read_text())
    texts = {"examples/walmart_sales_regression/online_inference.py":
             (fixture / f"walmart_online_inference-{fixture_commit}.py").read_text(), **others}
    evidence = Evidence(pull_request=PullRequest(repo="manuelgilm/mlflow_for_ml_dev", number=14),
                        config=RepoConfig(), diff=diff, port_moves=port_moves(diff.files, texts))
    result = AGENT.review(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.severity, f.subject, f.message) for f in result.findings if f.rule == "hygiene.endpoint-port"]


def test_a_client_moved_to_a_port_the_repository_serves_nowhere_is_a_bug_risk() -> None:
    [(kind, severity, subject, message)] = _port_findings("fa30357", {})
    assert (kind, severity, subject) == ("code.bug_risk", "medium", "8080")
    assert "online_inference.py#L11" in message and "http://localhost:8080" in message


def test_no_port_finding_for_the_fix_nor_when_the_repository_serves_the_new_port() -> None:
    assert _port_findings("c9fe885", {}) == []
    assert _port_findings("fa30357", {"README.md": "mlflow models serve -m models:/m@production -p 8080\n"}) == []


def _alias_findings(line: str, python: dict[str, str]) -> list[tuple[str, str, str, list[str]]]:
    import json
    from pathlib import Path

    from custody.reviewer.gather.readers.diff import parse_unified_diff
    from custody.reviewer.gather.readers.mlflow_code import model_uris
    from custody.reviewer.gather.readers.registry import parse_registered_model
    from custody.reviewer.model.evidence.registry import Registry

    served = Path(__file__).parents[1] / "fixtures" / "ml" / "mlflow" / "local_server_mlflow_3.17.2"
    model = parse_registered_model(json.loads((served / "registered-models_get.json").read_text())["registered_model"])
    diff = parse_unified_diff(f"--- a/serve.py\n+++ b/serve.py\n@@ -0,0 +1 @@\n+{line}\n")
    evidence = Evidence(pull_request=PullRequest(repo="acme/fraud", number=3), config=RepoConfig(), diff=diff,
                        registry=Registry(source="registry/mlflow.json", models=[model]),
                        model_uris=model_uris(diff.files, {"serve.py": line + "\n"}, python))
    result = AGENT.review(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.severity, f.subject, [c.locator for c in f.citations])
            for f in result.findings if f.rule == "hygiene.model-alias-case"]


def test_a_model_uri_naming_a_registered_alias_in_another_case_is_a_bug_risk() -> None:
    [(kind, severity, subject, cited)] = _alias_findings('m = load_model("models:/fraud-detector@Champion")', {})
    assert (kind, severity, subject) == ("code.bug_risk", "medium", "Champion")
    assert cited == ["serve.py#L1", "registry/mlflow.json#/registered_models/fraud-detector/aliases/champion"]


def test_no_alias_finding_for_the_alias_as_registered_an_unknown_one_or_one_the_code_sets() -> None:
    assert _alias_findings('m = load_model("models:/fraud-detector@champion")', {}) == []
    assert _alias_findings('m = load_model("models:/fraud-detector@canary")', {}) == []
    assert _alias_findings('m = load_model("models:/other-model@Champion")', {}) == []
    sets = {"promote.py": 'client.set_registered_model_alias(name="fraud-detector", alias="Champion", version=2)\n'}
    assert _alias_findings('m = load_model("models:/fraud-detector@Champion")', sets) == []


def test_two_models_of_one_run_under_one_artifact_path_are_a_bug_risk_on_mlflow_2() -> None:
    from pathlib import Path

    from custody.reviewer.gather.readers.diff import parse_unified_diff
    from custody.reviewer.gather.readers.mlflow_code import shared_artifact_paths

    fixture = Path(__file__).parents[1] / "fixtures" / "ml" / "mlflow" / "mlflow_for_ml_dev"
    diff = parse_unified_diff((fixture / "diabetes_train-bf36858.diff").read_text())
    texts = {"examples/diabetes_prediction/train.py": (fixture / "diabetes_train-bf36858.py").read_text(),
             "pyproject.toml": (fixture / "pyproject-bf36858.toml").read_text()}
    evidence = Evidence(pull_request=PullRequest(repo="manuelgilm/mlflow_for_ml_dev", number=30), config=RepoConfig(),
                        diff=diff, shared_artifact_paths=shared_artifact_paths(diff.files, texts))
    result = AGENT.review(evidence, build_rulebook(evidence.config)[0])
    [finding] = [f for f in result.findings if f.rule == "hygiene.shared-artifact-path"]
    assert (finding.kind, finding.severity, finding.subject) == ("code.bug_risk", "medium", "artifact_path")
    assert "line 31" in finding.message and "pyproject.toml#L22" in finding.message
    assert finding.citations[0].locator == "examples/diabetes_prediction/train.py#L39"


def test_a_doc_section_serving_another_sections_model_is_a_bug_risk() -> None:
    from pathlib import Path

    from custody.reviewer.gather.readers.diff import parse_unified_diff
    from custody.reviewer.gather.readers.mlflow_code import section_uri_slips

    fixture = Path(__file__).parents[1] / "fixtures" / "ml" / "mlflow" / "mlflow_for_ml_dev"
    diff = parse_unified_diff((fixture / "examples_README-c5bb55b.diff").read_text())
    texts = {"examples/README.md": (fixture / "examples_README-c5bb55b.md").read_text()}
    names = {"Iris_Classifier_Model", "Digit_Recognition_Model", "Diabetes_Prediction_Model"}
    evidence = Evidence(pull_request=PullRequest(repo="manuelgilm/mlflow_for_ml_dev", number=29), config=RepoConfig(),
                        diff=diff, doc_model_slips=section_uri_slips(diff.files, texts, names))
    result = AGENT.review(evidence, build_rulebook(evidence.config)[0])
    [finding] = [f for f in result.findings if f.rule == "hygiene.doc-model-uri"]
    assert (finding.kind, finding.severity, finding.subject) == ("code.bug_risk", "medium", "Digit_Recognition_Model")
    assert "Diabetes_Prediction_Model" in finding.message and finding.citations[0].locator == "examples/README.md#L69"


def test_a_cloud_build_step_reading_an_output_from_the_wrong_folder_is_a_medium_bug_risk() -> None:
    from pathlib import Path

    kubeflow = Path(__file__).parents[1] / "fixtures" / "ml" / "kubeflow"
    base = (kubeflow / "mlops_on_gcp_8422acb_parent_cloudbuild_vertex.yaml").read_text()
    head = (kubeflow / "mlops_on_gcp_8422acb_cloudbuild_vertex.yaml").read_text()
    found = [f for f in review({"cloudbuild_vertex.yaml": base}, {"cloudbuild_vertex.yaml": head})
             if f[0] == "hygiene.build-step-path"]
    assert found == [("hygiene.build-step-path", "covertype_kfp_pipeline.json", 42)]
    fixed = (kubeflow / "mlops_on_gcp_48ede48_cloudbuild_vertex.yaml").read_text()
    assert review({"cloudbuild_vertex.yaml": head}, {"cloudbuild_vertex.yaml": fixed}) == []


def test_a_doc_example_missing_an_import_of_the_projects_name_is_a_medium_bug_risk() -> None:
    from custody.reviewer.model.evidence.design import SnippetName

    slip = SnippetName(path="README.md", line=47, name="sam_model_registry", module="segment_anything",
                       import_line=46, exported_at="segment_anything/__init__.py:7",
                       code='sam = sam_model_registry["<model_type>"](checkpoint="<path/to/checkpoint>")')
    evidence = Evidence(pull_request=PullRequest(repo="facebookresearch/segment-anything", number=1),
                        snippet_names=[slip])
    result = AGENT.review(evidence, build_rulebook(RepoConfig())[0])
    [finding] = [f for f in result.findings if f.rule == "hygiene.doc-snippet-name"]
    assert (finding.kind, finding.severity, finding.subject, finding.line) == (
        "code.bug_risk", "medium", "sam_model_registry", 47)
    assert finding.citations[0].locator == "README.md#L47"
    assert "segment_anything/__init__.py:7" in finding.message and "NameError" in finding.message


def test_a_parameter_the_change_leaves_without_effect_is_a_medium_bug_risk_naming_what_used_it() -> None:
    from custody.reviewer.model.evidence.parameters import DeadParameter

    dead = [
        DeadParameter(path="vit_pytorch/vivit.py", function="Transformer.__init__", parameter="use_flash_attn",
                      line=90, how="added", stored_as="self.use_flash_attn"),
        DeadParameter(path="vit_pytorch/simple_vit.py", function="SimpleViT.__init__", parameter="num_classes",
                      line=81, how="orphaned", base_line=105,
                      base_use="self.linear_head = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, num_classes))",
                      head_use="self.linear_head = nn.LayerNorm(dim)", head_line=108),
    ]
    evidence = Evidence(pull_request=PullRequest(repo="lucidrains/vit-pytorch", number=356), dead_parameters=dead)
    rules, _ = build_rulebook(RepoConfig())
    found = [f for f in AGENT.review(evidence, rules).findings if f.rule == "hygiene.dead-parameter"]
    assert [(f.kind, f.severity, f.subject, f.path, f.line) for f in found] == [
        ("code.bug_risk", "medium", "use_flash_attn", "vit_pytorch/vivit.py", 90),
        ("code.bug_risk", "medium", "num_classes", "vit_pytorch/simple_vit.py", 108),
    ]
    assert "stored as `self.use_flash_attn`, which nothing reads" in found[0].message
    assert "`self.linear_head = nn.LayerNorm(dim)` (line 108)" in found[1].message
    assert "(base line 105)" in found[1].message
    assert found[1].citations[0].locator.startswith("vit_pytorch/simple_vit.py")
