"""Files handed between Cloud Build steps that run in different folders."""

from __future__ import annotations

import textwrap
from pathlib import Path

from custody.agents.code_checks.build_steps import stranded_outputs

KUBEFLOW = Path(__file__).parents[2] / "fixtures" / "ml" / "kubeflow"
BROKEN = (KUBEFLOW / "mlops_on_gcp_8422acb_cloudbuild_vertex.yaml").read_text()
FIXED = (KUBEFLOW / "mlops_on_gcp_48ede48_cloudbuild_vertex.yaml").read_text()
EVERY_LINE = set(range(1, 200))


def hits(text: str, added: set[int] = EVERY_LINE,
         repository: frozenset[str] = frozenset()) -> list[tuple[str, int | None]]:
    return [(h.subject, h.line) for h in stranded_outputs("cloudbuild.yaml", text, added, set(repository))]


def test_a_step_reading_at_the_root_what_a_step_wrote_under_its_dir() -> None:
    """mlops-on-gcp 8422acb: compiled under `dir: pipeline_vertex`, run with the bare file name."""
    [hit] = list(stranded_outputs("cloudbuild_vertex.yaml", BROKEN, {42}, set()))
    assert (hit.subject, hit.line) == ("covertype_kfp_pipeline.json", 42)
    assert "pipeline_vertex/covertype_kfp_pipeline.json" in hit.message and "line 26" in hit.message
    assert hits(FIXED) == []  # the upstream fix names the file under the compile step's folder


def test_only_when_this_change_adds_the_writer_or_the_reader() -> None:
    assert hits(BROKEN, added={1}) == []
    assert hits(BROKEN, added={26}) == [("covertype_kfp_pipeline.json", 42)]
    parent = (KUBEFLOW / "mlops_on_gcp_8422acb_parent_cloudbuild_vertex.yaml").read_text()
    assert hits(parent) == []  # no step reads the compiled file yet


def test_a_file_the_repository_has_or_a_step_copies_or_a_step_that_moves_is_not_reported() -> None:
    assert hits(BROKEN, repository=frozenset({"covertype_kfp_pipeline.json"})) == []
    copied = BROKEN.replace("# Run the pipeline", textwrap.dedent("""\
        - name: 'gcr.io/cloud-builders/docker'
          entrypoint: bash
          args: ['-c', 'cp pipeline_vertex/covertype_kfp_pipeline.json .']
        # Run the pipeline"""))
    assert hits(copied) == []
    moved = BROKEN.replace("python kfp-cli_vertex/run_pipeline.py",
                           "cd pipeline_vertex && python ../kfp-cli_vertex/run_pipeline.py")
    assert hits(moved) == []


def test_yaml_that_is_not_a_cloud_build_configuration_is_not_read() -> None:
    other = "jobs:\n  build:\n    steps:\n      - run: make\n" + BROKEN
    assert hits(other) == []
    workflow = textwrap.dedent("""\
        name: ci
        steps:
          - name: compile
            dir: src
            args: ['--output', 'model.json']
          - name: run
            args: ['--model=model.json']
        """)
    assert hits(workflow) == []  # `name` is no Cloud Build key: another tool's steps
    assert hits(workflow.replace("name: ci\n", "")) == [("model.json", 6)]
