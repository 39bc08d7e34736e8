"""The promotion agent on hostile input: a YAML bomb where the production alias moves."""

from __future__ import annotations

import time

from custody.agents.promotion import PromotionAgent
from custody.reviewer.gather.moves import find_moves
from custody.reviewer.model.config import PromotionPolicy, RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.diff import Diff, DiffLine, FileChange, Hunk
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook

BOMB = "champion: 3\n" + "\n".join(
    f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else '"lol"'] * 9) + "]" for i in range(12))


def test_a_yaml_bomb_moving_the_alias_is_reported_not_expanded() -> None:
    change = FileChange(path="deploy/model.yaml", status="added", additions=1,
                        hunks=[Hunk(old_start=0, old_length=0, new_start=1, new_length=1,
                                    added=[DiffLine(number=1, text="champion: 3")])])
    policy = PromotionPolicy(registered_model="churn", production_alias="champion")
    evidence = Evidence(pull_request=PullRequest(repo="acme/m", number=1), config=RepoConfig(promotion=policy),
                        diff=Diff(files=[change]), head_texts={"deploy/model.yaml": BOMB})
    started = time.monotonic()
    (move,) = find_moves(evidence.diff, evidence.head_texts, policy)
    evidence.moves = [move]
    assert move.version is None and time.monotonic() - started < 2
    result = PromotionAgent().review(evidence, build_rulebook(evidence.config)[0])
    assert [s.what for s in result.skipped] == ["promotion gate"]  # no registry here: said, not silent
