"""Commands a doc gives for running a pipeline script, with the options it passes after `run`."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.doc_commands import doc_commands, resolve_script

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ml" / "metaflow"


def test_fenced_commands_with_continuations_give_the_options_after_run() -> None:
    text = (FIXTURES / "ml-school-7b02278" / "guide" / "monitoring-introduction.md").read_text()
    found = {(c.script, tuple(c.options)) for c in doc_commands({"intro.md": text}, [])}
    assert ("src/pipelines/monitoring.py", ("limit",)) in found
    assert ("src/pipelines/monitoring.py", ("backend",)) in found  # `--config config ...` comes before `run`
    limit = next(c for c in doc_commands({"intro.md": text}, []) if c.options == ["limit"])
    assert limit.locator.startswith("intro.md#L") and "--limit 1000" in limit.command


def test_code_spans_are_read_and_commands_without_run_are_not() -> None:
    text = (FIXTURES / "metaflow-tutorials-9770c473b" / "README.md").read_text()
    found = [(c.script, c.options) for c in doc_commands({"README.md": text}, []) if c.run]
    assert ("01-playlist/playlist.py", ["genre"]) in found
    assert ("01-playlist/playlist.py", []) in found
    assert len(found) == 2  # `playlist.py show` and the notebook are not runs


def test_prose_outside_code_is_not_a_command() -> None:
    assert doc_commands({"a.md": "Use training.py run --epochs 3 to train.\n"}, []) == []


def test_fences_nest_as_commonmark_says() -> None:
    # A guide showing a Markdown snippet inside a longer fence, and a `~~~` heredoc line inside a
    # ``` block: the flipping scan left both commands out, and read the prose after as code.
    text = ("````md\n```bash\npython flows/train.py run --alpha 1\n```\n````\n\n"
            "```bash\ncat <<'DOC'\n~~~\nDOC\npython flows/train.py run --beta 2\n```\n"
            "Then python flows/train.py run --gamma 3 with `python flows/train.py run --delta 4`.\n")
    found = [(c.options, c.locator) for c in doc_commands({"a.md": text}, [])]
    assert found == [(["alpha"], "a.md#L3"), (["beta"], "a.md#L11"), (["delta"], "a.md#L13")]


ZENML = Path(__file__).parents[2] / "fixtures" / "ml" / "zenml"


def test_options_passed_to_a_script_the_interpreter_runs_are_its_flags() -> None:
    text = (ZENML / "retail-forecast-d919c4e1" / "README.md").read_text()
    found = [(c.script, c.flags, c.run, c.script_path)
             for c in doc_commands({"retail-forecast/README.md": text}, ["retail-forecast/run.py", "run.py"])]
    script = "retail-forecast/run.py"  # beside the doc, not the root's run.py
    assert found == [("run.py", ["forecast-periods", "test-size", "weekly-seasonality"], False, script),
                     ("run.py", ["inference"], False, script)]


def test_a_script_another_program_runs_passes_no_flags_of_its_own() -> None:
    text = ("```\nstreamlit run app.py --server.port 8501\nuv run python -u train.py --lr 0.1 -- --x\n"
            "./eval.py --k 5\n```\n")
    found = [(c.script, c.flags, c.run) for c in doc_commands({"a.md": text}, [])]
    assert found == [("train.py", ["lr"], False), ("eval.py", ["k"], False)]  # streamlit's options are its own


def test_a_script_is_resolved_beside_its_doc_then_from_the_root() -> None:
    paths = {"retail-forecast/run.py", "run.py", "tools/eval.py"}
    assert resolve_script("retail-forecast/README.md#L167", "run.py", paths) == "retail-forecast/run.py"
    assert resolve_script("docs/guide.md#L3", "run.py", paths) == "run.py"
    assert resolve_script("README.md#L3", "eval.py", paths) == "tools/eval.py"
    assert resolve_script("README.md#L3", "missing.py", paths) is None


def test_the_script_is_resolved_against_every_file_of_the_tree() -> None:
    # projects/b's README runs projects/b/train.py; a doc at the root, with two train.py in the tree, names
    # neither for sure
    text = "```\npython train.py --epochs 3\n```\n"
    paths = ["projects/a/train.py", "projects/b/train.py"]
    found = doc_commands({"projects/b/README.md": text, "README.md": text}, paths)
    assert [(c.locator, c.script_path) for c in found] == [("projects/b/README.md#L2", "projects/b/train.py"),
                                                          ("README.md#L2", None)]


def test_commands_in_html_pre_blocks_are_read_and_a_mistyped_closing_tag_ends_the_block() -> None:
    readme = (Path(__file__).parents[2] / "fixtures" / "ml" / "tfx" / "penguin_README_6df5a49.md").read_text()
    found = [(c.script, c.flags, c.locator) for c in doc_commands({"README.md": readme}) if c.flags]
    assert ("penguin_pipeline_kubeflow.py", ["use_gcp"], "README.md#L80") in found
    text = "<pre class=\"devsite-terminal\">\npython a.py --x=1\n<pre>\n\npython b.py --y=2\n"
    assert [(c.script, c.flags) for c in doc_commands({"d.md": text})] == [("a.py", ["x"])]
