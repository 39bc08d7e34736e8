"""YAML blocks of docs that reproduce a config file of the tree, and the keys they write that it lacks."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.doc_config_blocks import doc_config_blocks, mark_new

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ml" / "hydra"
BEFORE, AFTER = FIXTURES / "lightning-hydra-template-31ba1f0", FIXTURES / "lightning-hydra-template-b3bf4ff"


def _configs(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in (root / "configs").rglob("*.yaml")}


def _blocks(root: Path, readme: str | None = None) -> list:
    return doc_config_blocks({"README.md": readme or (root / "README.md").read_text()}, _configs(root))


def test_a_block_is_matched_to_the_one_file_holding_most_of_its_values() -> None:
    blocks = {b.config: b for b in _blocks(AFTER)}
    example = blocks["configs/experiment/example.yaml"]
    assert example.locator == "README.md#L543" and example.shared >= 7
    assert "configs/model/mnist.yaml" in blocks  # the README's example model config


def test_the_keys_a_copy_writes_that_the_file_lacks_and_which_are_new() -> None:
    example = next(b for b in _blocks(AFTER) if b.config == "configs/experiment/example.yaml")
    missing = {m.key: m for m in example.missing}
    assert set(missing) == {"name", "seed", "model.opimtimizer"}
    assert missing["model.opimtimizer"].line == 567 and missing["model.opimtimizer"].known == ["net", "optimizer"]
    assert missing["model.opimtimizer"].near == "optimizer" and missing["seed"].near is None
    marked = mark_new(_blocks(AFTER), _blocks(BEFORE), _configs(BEFORE), added=set())
    new = [(b.config, m.key) for b in marked for m in b.missing if m.new]
    assert new == [("configs/experiment/example.yaml", "model.opimtimizer")]  # `name`, `seed` predate the PR


def test_a_key_the_pr_moves_in_the_file_while_the_copy_keeps_it_was_in_the_config() -> None:
    # the base README's copy (`model: lr: 0.002`) against the PR's file, which moved lr under `optimizer`
    stale = _blocks(AFTER, (BEFORE / "README.md").read_text())
    marked = mark_new(stale, _blocks(BEFORE), _configs(BEFORE), added=set())
    moved = [(m.key, m.new, m.was_in_config, m.near) for b in marked for m in b.missing if m.key.startswith("model.")]
    assert ("model.lr", True, True, None) in moved


def test_a_block_that_reproduces_no_file_is_left_alone() -> None:
    sketch = "```yaml\n_target_: src.models.my_module.MyLitModule\nlr: 0.01\nsome_param: 3\nlayers: 4\nwidth: 8\n```\n"
    tied = "```yaml\ntrainer:\n  min_epochs: 1\n  max_epochs: 10\n```\n"  # too few values to tell a file
    assert _blocks(AFTER, sketch + tied) == []


def test_below_a_value_of_the_file_the_block_is_not_judged() -> None:
    # a copy that writes a mapping where the file has one value (another syntax for it, as the README's
    # Optuna block does for the search space) says nothing about the file's keys
    text = (AFTER / "configs" / "experiment" / "example.yaml").read_text()
    copy = text.replace("gradient_clip_val: 0.5", "gradient_clip_val:\n    value: 0.5\n    algorithm: norm")
    blocks = _blocks(AFTER, f"```yaml\n{copy}```\n")
    assert [(b.config, b.missing) for b in blocks] == [("configs/experiment/example.yaml", [])]


def test_a_key_is_never_a_slip_of_a_sibling_the_block_also_writes() -> None:
    # the file has `max_epochs` only; the copy writes `min_epochs` beside it: a key the reader adds, no slip
    rest = "  accelerator: cpu\n  devices: 1\n  seed: 3\n  precision: 16\n"
    config = {"configs/trainer.yaml": f"trainer:\n  max_epochs: 10\n{rest}"}
    copy = f"```yaml\ntrainer:\n  min_epochs: 1\n  max_epochs: 10\n{rest}```\n"
    (block,) = doc_config_blocks({"README.md": copy}, config)
    assert [(m.key, m.near) for m in block.missing] == [("trainer.min_epochs", None)]
    slip = copy.replace("  min_epochs: 1\n  max_epochs: 10\n", "  max_epochz: 10\n")
    (block,) = doc_config_blocks({"README.md": slip}, config)
    assert [(m.key, m.near) for m in block.missing] == [("trainer.max_epochz", "max_epochs")]


def test_keys_of_a_copy_the_base_matched_to_no_file_are_new_only_on_lines_the_pr_adds() -> None:
    # at the base the file's values differ from the copy's, so the copy reproduced no file and was never judged;
    # the PR sets the file's values to the copy's: the copy's older `seeds` key is not the PR's doing
    copy = "```yaml\nseeds: 1\nlr: 0.1\nepochs: 3\nbatch: 8\nwidth: 4\n```\n"
    base = {"conf.yaml": "seed: 1\nlr: 0.5\nepochs: 9\nbatch: 2\nwidth: 1\n"}
    head = {"conf.yaml": "seed: 1\nlr: 0.1\nepochs: 3\nbatch: 8\nwidth: 4\n"}
    docs = {"README.md": copy}

    def marked(added: set[str]) -> list[tuple[str, bool]]:
        blocks = mark_new(doc_config_blocks(docs, head), doc_config_blocks(docs, base), base, added)
        return [(m.key, m.new) for b in blocks for m in b.missing]
    assert marked(set()) == [("seeds", False)]
    assert marked({"README.md#L2"}) == [("seeds", True)]
