"""Hydra apps, their configuration composed statically, and the overrides documented commands pass."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.hydra import hydra_apps, hydra_commands, mark_new

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ml" / "hydra"
BEFORE, AFTER = FIXTURES / "lightning-hydra-template-6521f28", FIXTURES / "lightning-hydra-template-d72d9a3"


def _tree(root: Path) -> tuple[dict[str, str], list[str]]:
    paths = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    return {p: (root / p).read_text() for p in paths if p.endswith(".py")}, paths


def _commands(root: Path, docs: dict[str, str] | None = None) -> list:
    python, paths = _tree(root)
    docs = {"README.md": (root / "README.md").read_text()} if docs is None else docs
    return hydra_commands(docs, python, paths, lambda p: (root / p).read_text() if (root / p).is_file() else None,
                          complete=True)


def _broken(commands: list) -> set[tuple[str, str, str]]:
    return {(o.text, o.problem, o.missing) for c in commands for o in c.broken}


def test_an_app_is_found_through_a_literal_or_a_computed_config_path() -> None:
    python, paths = _tree(AFTER)  # `config_path=root / "configs"`: the one `configs` folder holding train.yaml
    assert [(a.script, a.config_dir, a.config_name) for a in hydra_apps(python, paths)] == \
        [("src/train.py", "configs", "train")]
    python, paths = _tree(FIXTURES / "lightning-hydra-template-b3bf4ff")  # `config_path="../configs"`
    assert [(a.config_dir, a.config_name) for a in hydra_apps(python, paths)] == [("configs", "train")]


def test_structured_configs_leave_the_app_unread() -> None:
    python, paths = _tree(AFTER)
    python["src/conf.py"] = "from hydra.core.config_store import ConfigStore\ncs = ConfigStore.instance()\n"
    assert hydra_apps(python, paths) == []


def test_groups_registered_through_hydra_zen_or_a_search_path_plugin_leave_the_app_unread() -> None:
    python, paths = _tree(AFTER)
    assert hydra_apps(python, paths) != []
    zen = "from hydra_zen import builds, store\nstore(builds(dict, gpus=1), group='trainer', name='cpu')\n"
    assert hydra_apps({**python, "src/zen.py": zen}, paths) == []
    plugin = ("from hydra.plugins.search_path_plugin import SearchPathPlugin\n\n"
              "class Extra(SearchPathPlugin):\n    def manipulate_search_path(self, search_path): ...\n")
    assert hydra_apps({**python, "src/extra.py": plugin}, paths) == []
    # a plugin package the Python listing did not read (a namespace package with only its folder in the tree)
    assert hydra_apps(python, [*paths, "hydra_plugins/extra/__init__.py"]) == []


def test_a_key_the_composed_trainer_config_dropped_is_broken_and_was_not_at_the_base() -> None:
    after = _commands(AFTER)
    assert ("trainer.gpus=1", "no-key", "trainer.gpus") in _broken(after)
    assert ("trainer.gpus=1", "no-key", "trainer.gpus") not in _broken(_commands(BEFORE))
    gpus = next(o for c in after for o in c.broken if o.text == "trainer.gpus=1")
    assert "accelerator" in gpus.known and "configs/trainer/default.yaml" in gpus.sources
    marked = mark_new(after, _commands(BEFORE), added=set())
    new = {(o.text, o.missing) for c in marked for o in c.broken if o.new}
    assert ("trainer.gpus=0", "trainer.gpus") in new
    # the README named a `debug=test_only` config and `trainer.resume_from_checkpoint` before the PR as well
    old = {o.text for c in marked for o in c.broken if not o.new}
    assert {"debug=test_only", "trainer.resume_from_checkpoint=/path/to/ckpt/name.ckpt"} <= old


def test_a_group_option_with_no_file_is_broken_and_placeholders_and_additions_are_not() -> None:
    docs = {"docs/run.md": "\n".join([
        "```bash",
        "python src/train.py trainer=cpu",  # configs/trainer has no cpu.yaml
        "python train.py trainer=ddp trainer.devices=4 trainer.num_nodes=2",  # ddp.yaml has both
        "python train.py experiment=experiment_name.yaml logger=logger_name",  # stand-ins for your own
        "python train.py +trainer.precision=16 ++seed=3 ~logger",  # additions, forced, deletions
        "python train.py -m hparams_search=mnist_optuna experiment=example",
        "python train.py -m 'experiment=glob(*)' hydra.sweep.dir=x",
        "python train.py -m datamodule.batch_size=32,64 model.lr=0.001,0.0005",
        "```"])}
    found = _broken(_commands(AFTER, docs))
    assert found == {("trainer=cpu", "no-option", "cpu")}  # model.lr is still a key of the model config here
    command = next(c for c in _commands(AFTER, docs) if c.broken)
    assert command.locator == "docs/run.md#L2" and command.config == "configs/train.yaml"
    assert command.broken[0].known == ["ddp", "ddp_sim", "default", "gpu"]


def test_a_group_option_an_experiment_config_overrides_is_composed() -> None:
    # experiment/example.yaml is `@package _global_` and sets `trainer.gradient_clip_val`; its keys count
    docs = {"a.md": "`python train.py experiment=example trainer.gradient_clip_val=1 model.net.lin9_size=3`"}
    assert _broken(_commands(AFTER, docs)) == {("model.net.lin9_size=3", "no-key", "model.net.lin9_size")}


def test_commands_of_other_scripts_and_unknowable_config_paths_are_not_judged() -> None:
    docs = {"a.md": "```\npython other.py trainer.gpus=1\npython train.py --config-dir /x trainer.gpus=1\n```"}
    assert _commands(AFTER, docs) == []
    python, paths = _tree(AFTER)  # a second train.py: the doc's `python train.py` may mean either
    python["scripts/train.py"] = "import argparse\n"
    docs = {"a.md": "`python train.py trainer.gpus=1`"}
    assert hydra_commands(docs, python, [*paths, "scripts/train.py"], lambda p: (AFTER / p).read_text(), True) == []


def test_a_group_option_written_for_either_hydra_version_leaves_its_keys_unjudged() -> None:
    files = {"app.py": '@hydra.main(config_path="conf", config_name="config")\ndef main(cfg): ...\n',
             "conf/config.yaml": "defaults:\n  - db: mysql\n",
             "conf/db/mysql.yaml": "db:\n  host: localhost\n", "conf/db/pg.yaml": "host: localhost\n"}
    python = {"app.py": files["app.py"]}
    docs = {"a.md": "`python app.py db.port=1`\n\n`python app.py db=pg db.port=1`\n"}
    found = hydra_commands(docs, python, list(files), files.get, complete=True)
    # `db: {host}` is `db.host` under Hydra 1.0 and `db.db.host` under 1.1: only the pg command is judged
    assert [(c.locator, [o.missing for o in c.broken]) for c in found] == [("a.md#L1", []), ("a.md#L3", ["db.port"])]


def test_a_package_a_nested_defaults_entry_gives_leaves_the_command_unjudged() -> None:
    files = {"app.py": '@hydra.main(config_path="conf", config_name="config")\ndef main(cfg): ...\n',
             "conf/config.yaml": "defaults:\n  - model: big\n",
             "conf/model/big.yaml": "defaults:\n  - encoder@enc: small\nwidth: 4\n",
             "conf/encoder/small.yaml": "depth: 2\n"}
    docs = {"a.md": "`python app.py model.enc.depth=3 model.width=9 model.height=1`\n"}
    found = hydra_commands(docs, {"app.py": files["app.py"]}, list(files), files.get, complete=True)
    assert [c.broken for c in found] == [[]]  # `enc` may sit at the top or under `model`: nothing is judged


FIXED = {"app.py": '@hydra.main(config_path="conf", config_name="config")\ndef main(cfg): ...\n',
         "conf/config.yaml": "defaults:\n  - trainer: default\n",
         "conf/trainer/default.yaml": "max_epochs: 1\ngpus: 0\n"}


def _marked(base: dict[str, str], head: dict[str, str], docs: dict[str, str],
            added: set[str]) -> list[tuple[str, bool]]:
    def commands(files: dict[str, str]) -> list:
        return hydra_commands(docs, {"app.py": files["app.py"]}, list(files), files.get, complete=True)
    return [(o.text, o.new) for c in mark_new(commands(head), commands(base), added) for o in c.broken]


def test_a_pr_that_adds_the_group_option_a_doc_named_posts_none_of_the_keys_the_base_could_not_judge() -> None:
    # at the base `trainer=cpu` has no file, so the command's keys were never judged; the PR adds trainer/cpu.yaml
    base = {**FIXED, "conf/trainer/default.yaml": "max_epochs: 1\n"}
    head = {**base, "conf/trainer/cpu.yaml": "accelerator: cpu\n"}
    docs = {"a.md": "`python app.py trainer=cpu trainer.gpus=1`\n"}
    assert _marked(base, head, docs, added=set()) == [("trainer.gpus=1", False)]
    # the same command on a line the PR writes is the PR's own
    assert _marked(base, head, docs, added={"a.md#L1"}) == [("trainer.gpus=1", True)]


def test_a_key_the_base_judged_fine_and_the_pr_removes_is_new() -> None:
    head = {**FIXED, "conf/trainer/default.yaml": "max_epochs: 1\n"}
    docs = {"a.md": "`python app.py trainer.gpus=1`\n"}
    assert _marked(FIXED, head, docs, added=set()) == [("trainer.gpus=1", True)]


def test_a_tree_whose_python_files_were_not_all_read_is_left_unjudged() -> None:
    python, paths = _tree(AFTER)  # the listing was capped: a file left out may hold a ConfigStore
    docs = {"a.md": "`python train.py trainer=cpu`"}
    assert _broken(_commands(AFTER, docs)) == {("trainer=cpu", "no-option", "cpu")}
    assert hydra_commands(docs, python, paths, lambda p: (AFTER / p).read_text(), complete=False) == []


def test_each_config_file_is_read_once_however_many_commands_compose_it() -> None:
    reads: list[str] = []

    def read(path: str) -> str | None:
        reads.append(path)
        return (AFTER / path).read_text() if (AFTER / path).is_file() else None
    python, paths = _tree(AFTER)
    docs = {"a.md": "\n\n".join(f"`python train.py trainer.max_epochs={n} model.lr=0.1`" for n in range(5))}
    assert len(hydra_commands(docs, python, paths, read, complete=True)) == 5
    assert reads and len(reads) == len(set(reads))


def test_the_script_a_doc_runs_is_the_one_beside_the_doc() -> None:
    # two projects with their own train.py: projects/b/README.md's `python train.py` runs projects/b/train.py
    app = '@hydra.main(config_path="conf", config_name="config")\ndef main(cfg): ...\n'
    files = {"projects/a/train.py": "import argparse\n", "projects/b/train.py": app,
             "projects/b/conf/config.yaml": "defaults:\n  - trainer: default\n",
             "projects/b/conf/trainer/default.yaml": "max_epochs: 1\n"}
    python = {p: t for p, t in files.items() if p.endswith(".py")}
    docs = {"projects/b/README.md": "`python3.11 train.py trainer=cpu`\n"}
    found = hydra_commands(docs, python, list(files), files.get, complete=True)
    assert [(c.script, [o.missing for o in c.broken]) for c in found] == [("projects/b/train.py", ["cpu"])]
