"""The command-line options a script declares with argparse or click, only when all of them are known."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.cli_options import absl_defined, absl_flags, imports_cli, script_options

ZENML = Path(__file__).parents[2] / "fixtures" / "ml" / "zenml"
TFX = Path(__file__).parents[2] / "fixtures" / "ml" / "tfx"


def test_click_options_of_a_command_are_read() -> None:
    head = script_options("run.py", (ZENML / "retail-forecast-d919c4e1" / "run.py").read_text())
    base = script_options("run.py", (ZENML / "retail-forecast-d919c4e1" / "run.base.py").read_text())
    assert head is not None and base is not None
    assert head.frameworks == ["click"]
    assert head.options == ["debug", "help", "inference", "log-file", "no-cache"]
    assert {"forecast-periods", "test-size", "weekly-seasonality"} <= set(base.options)
    assert not head.abbreviations  # click takes no prefixes


def test_argparse_options_of_groups_are_read_when_the_parser_only_goes_to_helpers_of_the_file() -> None:
    read = script_options("run.py", (ZENML / "omni-reader-51c8eae6" / "run.py").read_text())
    assert read is not None and read.frameworks == ["argparse"] and read.abbreviations
    assert {"config", "eval", "image-folder", "list-ground-truth-files", "ui_mode"} <= set(read.options)


def test_commands_of_a_group_made_in_the_file_are_read_together() -> None:
    text = ("import click\n\n@click.group()\ndef cli():\n    pass\n\n@cli.command()\n@click.option('--lr')\n"
            "def train(lr):\n    pass\n\n@cli.command()\n@click.option('--split')\ndef evaluate(split):\n    pass\n")
    read = script_options("cli.py", text)
    assert read is not None and read.options == ["help", "lr", "split"]


def test_click_flag_pairs_and_fixed_options_are_declared() -> None:
    text = ('import click\n\n@click.command()\n@click.option("--shout/--no-shout", default=False)\n'
            '@click.version_option()\ndef main(shout):\n    pass\n')
    read = script_options("cli.py", text)
    assert read is not None and read.options == ["help", "no-shout", "shout", "version"]


def test_nothing_is_known_where_options_may_come_from_elsewhere() -> None:
    handed = ("import argparse\nfrom common import add_args\nparser = argparse.ArgumentParser()\n"
              "add_args(parser)\nparser.add_argument('--lr')\n")
    built = "import argparse\nfrom common import make_parser\nparser = make_parser()\nparser.add_argument('--lr')\n"
    parents = "import argparse\nparser = argparse.ArgumentParser(parents=[base])\nparser.add_argument('--lr')\n"
    known = ("import argparse\np = argparse.ArgumentParser()\np.add_argument('--lr')\n"
             "args, rest = p.parse_known_args()\n")
    argv = "import argparse, sys\np = argparse.ArgumentParser()\np.add_argument('--lr')\nx = sys.argv[1:]\n"
    named = "import argparse\np = argparse.ArgumentParser()\np.add_argument(NAME)\n"
    typer = "import typer\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--lr')\n"
    loose = ("import click\n\n@click.command(context_settings={'ignore_unknown_options': True})\n"
             "@click.option('--lr')\ndef main(lr):\n    pass\n")
    decorated = "import click\n\n@click.command()\n@shared_options\n@click.option('--lr')\ndef main(lr):\n    pass\n"
    foreign = ("import click\nfrom app.cli import cli\n\n@cli.command()\n@click.option('--lr')\n"
               "def train(lr):\n    pass\n")
    for text in (handed, built, parents, known, argv, named, typer, loose, decorated, foreign):
        assert script_options("train.py", text) is None, text


def test_a_script_without_a_parser_of_its_own_declares_nothing_to_judge() -> None:
    assert script_options("train.py", "import click\nprint('click here')\n") is None
    assert script_options("train.py", "x = 1\n") is None
    assert script_options("train.py", "import argparse\ndef (:\n") is None


def test_a_boolean_optional_action_declares_the_negated_option_too() -> None:
    text = ("import argparse\np = argparse.ArgumentParser()\n"
            "p.add_argument('--amp', action=argparse.BooleanOptionalAction, default=True)\n"
            "p.add_argument('--fast', action='store_true')\np.parse_args()\n")
    read = script_options("train.py", text)
    assert read is not None and read.options == ["amp", "fast", "help", "no-amp"]
    imported = text.replace("import argparse\n", "import argparse\nfrom argparse import BooleanOptionalAction\n")
    read = script_options("train.py", imported.replace("argparse.BooleanOptionalAction", "BooleanOptionalAction"))
    assert read is not None and "no-amp" in read.options


def test_an_action_of_the_projects_own_may_declare_options_this_reader_does_not_see() -> None:
    for action in ("MyAction", "'my_action'", "ACTIONS['flag']"):
        text = (f"import argparse\np = argparse.ArgumentParser()\np.add_argument('--amp', action={action})\n"
                "p.parse_args()\n")
        assert script_options("train.py", text) is None, action
    spread = "import argparse\np = argparse.ArgumentParser()\np.add_argument('--amp', **OPTS)\np.parse_args()\n"
    assert script_options("train.py", spread) is None


def test_only_an_import_of_argparse_or_click_makes_a_file_a_command_line_script() -> None:
    for text in ("import argparse\n", "import os, argparse as ap\n", "from click import option\n",
                 "    import click\n", "from argparse import ArgumentParser\n"):
        assert imports_cli(text), text
    for text in ("# click the button\n", "import clickhouse_connect\n", "from rich_click import group\n",
                 "import mylib.argparse\n", "x = 'argparse'\n", "import os  # argparse later\n"):
        assert not imports_cli(text), text


def test_absl_flags_are_read_as_an_incomplete_set_with_negations_and_absls_own() -> None:
    base = absl_flags("p.py", (TFX / "penguin_pipeline_kubeflow_6df5a49_parent.py").read_text())
    head = absl_flags("p.py", (TFX / "penguin_pipeline_kubeflow_6df5a49.py").read_text())
    assert base is not None and head is not None
    assert not head.complete and head.frameworks == ["absl"]
    assert "use_gcp" in base.options and "nouse_gcp" in base.options
    assert {"use_dataflow", "use_cloud_component", "use_aip", "use_vertex"} <= set(head.options)
    assert "use_gcp" not in head.options and {"helpfull", "flagfile", "logtostderr"} <= set(head.options)
    assert script_options("p.py", (TFX / "penguin_pipeline_kubeflow_6df5a49.py").read_text()) is None


def test_absl_flags_need_absl_and_written_names() -> None:
    assert absl_flags("p.py", "import argparse\nfrom absl import flags\nflags.DEFINE_string('a', '', '')\n") is None
    assert absl_flags("p.py", "from absl import flags\nflags.DEFINE_string(NAME, '', '')\n") is None
    assert absl_flags("p.py", "def DEFINE_x(): pass\n") is None
    assert absl_defined("flags.DEFINE_integer('steps', 10, 'x')\nflags.DEFINE_bool(name=\"fast\", default=0)\n") == {
        "steps", "fast"}
