"""Issue 15, Medium 4: which registered models a review reads is named by the base branch, never
by the model cards the pull request itself adds or edits."""

from __future__ import annotations

from custody.reviewer.gather.assemble import gather
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.review_input import NO_NAMED_MODEL, ArtifactUnavailable, ReviewInput
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import Registry


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
