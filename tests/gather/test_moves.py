"""Moves: which changed files point a production alias or stage at a version, or give an alias traffic."""

from __future__ import annotations

from custody.reviewer.gather.moves import described_model, find_moves, gather_moves, traffic_moves, traffic_shares
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.snapshot import MemorySnapshot
from custody.reviewer.model.config import PromotionPolicy, RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.cards import FieldClaim, ModelCard
from custody.reviewer.model.evidence.diff import Diff
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.model.evidence.registry import ModelVersion, RegisteredModel, Registry
from hypothesis import given, settings
from hypothesis import strategies as st

POLICY = PromotionPolicy(registered_model="fraud", production_alias="champion")


def change(base: dict[str, str], head: dict[str, str]) -> tuple[Diff, dict[str, str]]:
    diff = diff_snapshots(MemorySnapshot({k: v.encode() for k, v in base.items()}),
                          MemorySnapshot({k: v.encode() for k, v in head.items()}))
    return diff, dict(head)


def test_an_mlflow_alias_call_moves_the_alias_to_its_version_on_its_line() -> None:
    diff, texts = change({"promote.py": "import mlflow\n"}, {"promote.py": (
        "import mlflow\nclient = mlflow.MlflowClient()\n"
        'client.set_registered_model_alias("fraud", "champion", 7)\n')})
    (move,) = find_moves(diff, texts, POLICY)
    assert (move.path, move.line, move.version, move.target, move.model, move.via) == (
        "promote.py", 3, "7", "champion", "fraud", "binding")


def test_a_stage_transition_moves_the_stage() -> None:
    policy = PromotionPolicy(registered_model="churn", production_stage="Production")
    diff, texts = change({}, {"release.py": 'client.transition_model_version_stage("churn", 12, "Production")\n'})
    (move,) = find_moves(diff, texts, policy)
    assert (move.version, move.target, move.line) == ("12", "Production", 1)


def test_yaml_bindings_in_the_shapes_deploy_files_use() -> None:
    for text, version in [("champion: 5\n", "5"), ("serving:\n  alias: champion\n  version: 6\n", "6"),
                          ("model_uri: models:/fraud/8\nchampion: models:/fraud/8\n", "8")]:
        diff, texts = change({"deploy/model.yaml": "x: 1\n"}, {"deploy/model.yaml": "x: 1\n" + text})
        (move,) = find_moves(diff, texts, POLICY)
        assert move.version == version, text


def test_a_models_uri_of_another_model_is_not_this_move() -> None:
    diff, texts = change({}, {"deploy/model.yaml": "champion: models:/other/8\n"})
    assert find_moves(diff, texts, POLICY) == []


def test_files_that_do_not_mention_the_target_deleted_files_and_comments_move_nothing() -> None:
    diff, texts = change({"deploy/model.yaml": "champion: 4\n", "train.py": "x = 1\n"},
                         {"train.py": "x = 2\n"})
    assert find_moves(diff, texts, POLICY) == []


def test_a_gated_file_is_a_move_even_when_its_version_cannot_be_read() -> None:
    policy = PromotionPolicy(registered_model="fraud", production_alias="champion", gated_changes=["serving/**"])
    diff, texts = change({}, {"serving/app.py": "THRESHOLD = 0.4\n"})
    (move,) = find_moves(diff, texts, policy)
    assert (move.version, move.line, move.path) == (None, 1, "serving/app.py")


def test_broken_yaml_still_reads_the_calls_and_a_card_claim_is_marked_as_such() -> None:
    diff, texts = change({}, {"deploy/model.yaml": "champion: [5\n"})
    assert find_moves(diff, texts, POLICY) == []
    diff, texts = change({}, {"p.py": 'c.set_registered_model_alias("fraud", "prod", 2)\n'})
    (move,) = find_moves(diff, texts, PromotionPolicy(production_alias="prod"), purpose="card")
    assert (move.purpose, move.model, move.version) == ("card", None, "2")


def test_traffic_splits_in_the_shapes_teams_write() -> None:
    assert traffic_shares({"routes": [{"alias": "champion", "weight": 90}, {"alias": "challenger", "weight": 10}]}) \
        == {"champion": 90.0, "challenger": 10.0}
    assert traffic_shares({"traffic": {"challenger": "10%"}}) == {"challenger": 10.0}
    assert traffic_shares({"serving": {"split": {"champion": 0.95, "challenger": 0.05}}}) == {
        "champion": 95.0, "challenger": 5.0}
    assert traffic_shares([{"model": "models:/fraud@challenger", "percent": 5}]) == {"challenger": 5.0}
    assert traffic_shares({"fraud": {"champion": 3, "challenger": 4}}) == {}  # alias bindings, no traffic


SCALARS = st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=12)
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=10), inner, max_size=4), max_leaves=25)


@settings(max_examples=80, deadline=None)
@given(JSON)
def test_any_config_reads_as_traffic_without_crashing(data: object) -> None:
    assert all(share >= 0 for share in traffic_shares(data).values())


REGISTRY = Registry(source="registry/mlflow.json",
                    models=[RegisteredModel(name="fraud", aliases={"champion": "3", "Challenger": "4"})],
                    versions=[ModelVersion(name="fraud", version="3"),
                              ModelVersion(name="fraud", version="5", aliases=["shadow"])])


def test_an_alias_newly_given_live_traffic_is_a_traffic_move_resolved_through_the_registry() -> None:
    diff, texts = change({"deploy/traffic.yaml": "traffic: {champion: 100}\n"},
                         {"deploy/traffic.yaml": "traffic: {champion: 90, challenger: 5, shadow: 5}\n"})
    moves = traffic_moves(diff, texts, lambda p: "traffic: {champion: 100}\n", POLICY, REGISTRY)
    assert [(m.target, m.version, m.weight, m.via, m.line) for m in moves] == [
        ("challenger", "4", 5.0, "traffic", 1), ("shadow", "5", 5.0, "traffic", 1)]
    assert [m.version for m in traffic_moves(diff, texts, lambda p: None, POLICY, None)] == [None, None]


def test_unreadable_configs_and_non_yaml_files_give_no_traffic_moves() -> None:
    diff, texts = change({}, {"deploy/traffic.yaml": "traffic: {challenger: [10\n",
                              "traffic.py": "traffic = {'challenger': 10}\n"})
    assert traffic_moves(diff, texts, lambda p: None, POLICY, REGISTRY) == []


def card(name: str | None) -> ModelCard:
    return ModelCard(path="MODEL_CARD.md", model_name=FieldClaim(value=name, locator="MODEL_CARD.md#L1")
                     if name else None, alias=FieldClaim(value="champion", locator="MODEL_CARD.md#L5"))


def test_the_model_a_card_describes() -> None:
    two = Registry(source="r", versions=[ModelVersion(name="fraud-detector", version="1"),
                                         ModelVersion(name="churn", version="1")])
    assert described_model(card("Fraud Detector"), two, None) == "fraud-detector"
    assert described_model(card(None), two, None) is None  # two models, no name: unknown
    assert described_model(card(None), REGISTRY, None) == "fraud"  # the only one
    assert described_model(card("x"), two, PromotionPolicy(registered_model="churn")) == "churn"
    assert described_model(card("churn"), two, PromotionPolicy(registered_model="gone")) == "churn"


def test_gather_moves_adds_a_card_claims_move_once_per_claim() -> None:
    diff, texts = change({}, {"promote.py": 'c.set_registered_model_alias("fraud", "champion", 9)\n'})
    evidence = Evidence(pull_request=PullRequest(repo="acme/fraud", number=1), diff=diff, head_texts=texts,
                        config=RepoConfig(promotion=POLICY), registry=REGISTRY,
                        model_cards=[card("fraud"), card("fraud")])
    assert [(m.purpose, m.version) for m in gather_moves(evidence)] == [("policy", "9"), ("card", "9")]
    evidence.registry = None
    assert [m.purpose for m in gather_moves(evidence)] == ["policy"]
    evidence.config = RepoConfig()
    assert gather_moves(evidence) == []
