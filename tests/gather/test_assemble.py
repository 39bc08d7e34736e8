"""Gathering: one evidence document from a review input, where whatever cannot be read is a gap, never a
crash; and (issue 15, Medium 4) the registered models read are named by the base branch, never by the
model cards the pull request itself adds or edits."""

from __future__ import annotations

import pytest
from custody.reviewer.gather import assemble
from custody.reviewer.gather.assemble import MAX_TICKETS_FOLLOWED, config_text, gather
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.review_input import NO_NAMED_MODEL, ArtifactUnavailable, ReviewInput
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry
from custody.reviewer.model.evidence.tickets import Ticket, TicketRef


def card(name: str) -> bytes:
    return f"---\nmodel-index:\n- name: {name}\n---\n# {name}\n\nA model.\n".encode()


class SharedRegistry:
    """Stands for a registry shared by others: records what it was asked, refuses no name."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def load(self, model_names: list[str]) -> Registry:
        self.asked.append(list(model_names))
        if not model_names:
            raise ArtifactUnavailable(NO_NAMED_MODEL)
        return Registry(source="shared")


def review(base: dict[str, bytes], head: dict[str, bytes]) -> tuple[SharedRegistry, Evidence]:
    registry = SharedRegistry()
    old, new = MemorySnapshot(base), MemorySnapshot(head)
    evidence = gather(ReviewInput(pull_request=PullRequest(repo="acme/churn", number=9), base=old, head=new,
                                  diff=diff_snapshots(old, new), registry=registry))
    return registry, evidence


def test_a_card_the_pr_edits_does_not_pick_the_models_read() -> None:
    registry, _ = review({"MODEL_CARD.md": card("churn-gbm")}, {"MODEL_CARD.md": card("payments-fraud")})
    assert registry.asked == [["churn-gbm"]]


def test_a_card_the_pr_adds_names_nothing_and_nothing_is_listed() -> None:
    registry, evidence = review({"README.md": b"# tools\n"},
                                {"README.md": b"# tools\n", "models/x/MODEL_CARD.md": card("payments-fraud")})
    assert registry.asked == [[]]
    assert ("model registry", NO_NAMED_MODEL) in [(s.what, s.why) for s in evidence.skipped]
    assert evidence.registry is None


def test_the_base_branch_promotion_policy_names_the_model_first() -> None:
    policy = b"promotion:\n  registered_model: churn-prod\n"
    registry, _ = review({".github/custody.yml": policy, "MODEL_CARD.md": card("churn-gbm")},
                         {".github/custody.yml": b"promotion:\n  registered_model: payments-fraud\n",
                          "MODEL_CARD.md": card("payments-fraud")})
    assert registry.asked == [["churn-prod"]]


# -- the rest of gathering ------------------------------------------------------------------------

def plain(base: dict[str, bytes], head: dict[str, bytes], body: str = "", **extra: object) -> Evidence:
    old, new = MemorySnapshot(base), MemorySnapshot(head)
    return gather(ReviewInput(pull_request=PullRequest(repo="acme/churn", number=9, body=body), base=old,
                              head=new, diff=diff_snapshots(old, new), **extra))  # type: ignore[arg-type]


class Tickets:
    def __init__(self, fail: Exception | None = None) -> None:
        self.asked: list[str] = []
        self.fail = fail

    def fetch(self, ref: TicketRef) -> Ticket:
        self.asked.append(ref.key)
        if self.fail is not None:
            raise self.fail
        return Ticket(key=ref.key, tracker="github", title=f"Issue {ref.key}", source=f"tickets/{ref.key}.json")


def test_only_the_first_tickets_are_followed_closing_ones_first_and_the_rest_named() -> None:
    tickets = Tickets()
    body = " ".join(f"#{n}" for n in range(21, 34)) + " Fixes #20 and #9"  # #9 is the PR itself
    evidence = plain({}, {"a.py": b"x = 1\n"}, body=body, tickets=tickets)
    assert len(tickets.asked) == MAX_TICKETS_FOLLOWED
    assert tickets.asked[0] == "20" and [t.key for t in evidence.tickets] == tickets.asked
    (gap,) = [s for s in evidence.skipped if "more linked" in s.what]
    assert gap.what == "4 more linked ticket(s)"
    assert gap.why.endswith("not read: 30, 31, 32, 33")


def test_tickets_without_a_source_or_with_a_failing_reader_are_gaps() -> None:
    evidence = plain({}, {"a.py": b"x\n"}, body="Fixes #3")
    assert [(s.what, s.why) for s in evidence.skipped] == [("ticket 3", "no ticket source is configured")]
    evidence = plain({}, {"a.py": b"x\n"}, body="Fixes #3", tickets=Tickets(KeyError("bug")))
    assert [(s.what, s.why) for s in evidence.skipped] == [("ticket 3", "unreadable (KeyError)")]
    assert evidence.tickets == []


def test_a_registry_that_crashes_is_a_gap_not_a_crash() -> None:
    class Broken:
        def load(self, model_names: list[str]) -> Registry:
            raise RuntimeError("connection reset")

    evidence = plain({}, {"a.py": b"x\n"}, registry=Broken())
    assert ("model registry", "unreadable (RuntimeError)") in [(s.what, s.why) for s in evidence.skipped]
    assert evidence.registry is None


def test_a_reader_that_crashes_is_a_gap_and_the_rest_is_still_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object) -> object:
        raise ValueError("reader bug")

    monkeypatch.setattr(assemble, "read_model_cards", explode)
    evidence = plain({}, {"MODEL_CARD.md": card("churn"), "dvc.yaml": b"stages:\n  train:\n    cmd: python t.py\n"})
    assert ("model cards", "unreadable (ValueError)") in [(s.what, s.why) for s in evidence.skipped]
    assert evidence.model_cards == [] and [p.name for p in evidence.shipped_pipelines] == ["dvc.yaml"]


def test_the_configuration_comes_from_the_base_branch_and_its_broken_parts_are_degradations() -> None:
    config = b"tickets:\n  required: true\non_eror: fail\n"
    evidence = plain({".github/custody.yml": config}, {".github/custody.yml": b"tickets: {required: false}\n"})
    assert evidence.config.tickets.required is True and evidence.config_source == "base/.github/custody.yml"
    assert [(d.what, d.where) for d in evidence.config_problems] == [("`on_eror`", ".github/custody.yml:3")]
    given = ReviewInput(pull_request=PullRequest(repo="a/b", number=1), base=MemorySnapshot({}),
                        head=MemorySnapshot({}), diff=diff_snapshots(MemorySnapshot({}), MemorySnapshot({})),
                        config_text="on_error: fail\n")
    assert config_text(given) == ("on_error: fail\n", "base:.github/custody.yml")
    assert gather(given).config.on_error == "fail"


def test_head_texts_hold_changed_and_well_known_files_but_not_deleted_ones() -> None:
    evidence = plain({"old.py": b"x\n", "params.yaml": b"lr: 1\n"},
                     {"params.yaml": b"lr: 1\n", "train.py": b"y = 2\n", "notes.txt": b"n\n"})
    assert sorted(evidence.head_texts) == ["notes.txt", "params.yaml", "train.py"]
    assert evidence.head_files == ["notes.txt", "params.yaml", "train.py"] and evidence.base_files == [
        "old.py", "params.yaml"]


def test_changed_code_values_and_what_the_docs_say_of_them_are_gathered() -> None:
    evidence = plain({"model.py": b"vocab_size = 50257\n"},
                     {"model.py": b"vocab_size = 50304\n", "README.md": b"We use `vocab_size=50257`.\n"},
                     body="Bumps the vocab, see version 8")
    assert [(c.name, c.old, c.new) for c in evidence.changed_defaults] == [("vocab_size", "50257", "50304")]
    assert [(v.key, v.value) for v in evidence.doc_values] == [("vocab_size", "50257")]


HYDRA_APP = b'import hydra\n\n@hydra.main(config_path="configs", config_name="train")\ndef main(cfg):\n    pass\n'
TRAIN = b"defaults:\n  - _self_\n  - trainer: default\nseed: 1\n"
DOC = b"```bash\npython train.py trainer.gpus=1 trainer=cpu seed=2\n```\n"


def test_documented_hydra_commands_are_judged_at_head_and_marked_new_against_the_base() -> None:
    base = {"train.py": HYDRA_APP, "configs/train.yaml": TRAIN, "README.md": DOC,
            "configs/trainer/default.yaml": b"gpus: 0\nmax_epochs: 3\n"}
    head = {**base, "configs/trainer/default.yaml": b"accelerator: cpu\nmax_epochs: 3\n"}
    _, evidence = review(base, head)
    (command,) = evidence.hydra_commands
    assert command.locator == "README.md#L2" and command.config == "configs/train.yaml"
    # trainer=cpu had no config before the PR either; trainer.gpus is the PR's
    assert [(o.text, o.new) for o in command.broken] == [("trainer=cpu", False)]
    # the PR adds trainer/cpu.yaml: the command's keys, which the base could not judge, are not the PR's
    fixed = {**head, "configs/trainer/cpu.yaml": b"accelerator: cpu\n"}
    _, evidence = review(base, fixed)
    assert [(o.text, o.problem, o.new) for o in evidence.hydra_commands[0].broken] == \
        [("trainer.gpus=1", "no-key", False)]
    # unless the PR writes the command itself
    _, evidence = review(base, {**fixed, "README.md": DOC.replace(b"seed=2", b"seed=3")})
    assert [(o.text, o.problem, o.new) for o in evidence.hydra_commands[0].broken] == \
        [("trainer.gpus=1", "no-key", True)]
    # and a key the base judged fine, which the PR drops, is the PR's
    judged = {**base, "README.md": b"```bash\npython train.py trainer.gpus=1 seed=2\n```\n"}
    _, evidence = review(judged, {**judged, "configs/trainer/default.yaml": b"max_epochs: 3\n"})
    assert [(o.text, o.new) for o in evidence.hydra_commands[0].broken] == [("trainer.gpus=1", True)]


def test_a_docs_copy_of_a_config_is_compared_key_by_key_when_docs_or_configs_change() -> None:
    config = b"model:\n  optimizer:\n    lr: 0.002\n  width: 64\n  depth: 3\nseed: 7\nepochs: 10\n"
    doc = b"```yaml\nmodel:\n  optimiser:\n    lr: 0.002\n  width: 64\n  depth: 3\nseed: 7\nepochs: 10\n```\n"
    _, evidence = review({"configs/exp.yaml": config}, {"configs/exp.yaml": config, "README.md": doc})
    (block,) = evidence.doc_config_blocks
    assert (block.config, [(m.key, m.line, m.new) for m in block.missing]) == \
        ("configs/exp.yaml", [("model.optimiser", 3, True)])


def test_evidence_says_whether_every_python_file_and_doc_of_the_head_was_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    head = {"a.py": b"x = 1\n", "b.py": b"y = 2\n", "README.md": b"# A\n", "docs/b.md": b"# B\n",
            "CHANGELOG.md": b"# 1.0\n"}
    _, evidence = review({}, head)
    assert evidence.python_complete and evidence.docs_complete
    monkeypatch.setattr(assemble, "MAX_PYTHON", 1)
    monkeypatch.setattr(assemble, "MAX_DOCS", 2)  # the changelog is no doc the readers read: two of two
    _, evidence = review({}, head)
    assert not evidence.python_complete and evidence.docs_complete
    monkeypatch.setattr(assemble, "MAX_DOCS", 1)
    _, evidence = review({}, head)
    assert not evidence.docs_complete


def test_docs_are_read_for_commands_only_when_a_python_file_imports_a_command_line_parser() -> None:
    doc = b"```\npython train.py --epochs 3\n```\n"
    mention = b'"""Trains; click Run in the notebook, or see argparse-free configs."""\nx = 1\n'
    evidence = plain({}, {"train.py": mention, "README.md": doc})
    assert evidence.doc_commands == []
    parser = b"import os, argparse\np = argparse.ArgumentParser()\np.add_argument('--lr')\np.parse_args()\n"
    evidence = plain({}, {"train.py": parser, "README.md": doc})
    assert [(c.script_path, c.flags) for c in evidence.doc_commands] == [("train.py", ["epochs"])]
    assert [s.options for s in evidence.script_options] == [["help", "lr"]]
