"""Data contracts against the pandera schemas the code validates the same table with."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.contracts import read_contract
from custody.reviewer.gather.readers.frame_schemas import read_frame_schemas_in
from custody.reviewer.model.config import RepoConfig
from custody.reviewer.model.evidence import Evidence
from custody.reviewer.model.evidence.design import DataContract
from custody.reviewer.model.evidence.diff import Diff, DiffLine, FileChange, Hunk
from custody.reviewer.model.evidence.pull_request import PullRequest
from custody.reviewer.rules.book import build_rulebook
from custody.reviewer.rules.contract_frames import check_against_frames

CONTRACT_PATH = "contracts/receivers.odcs.yaml"
ODCS = Path(__file__).resolve().parents[1] / "fixtures" / "ml" / "contracts" / "odcs" / "full-example.odcs.yaml"
SCHEMA = '''import pandera.pandas as pa
from pandera.typing.pandas import Series


class Receivers(pa.DataFrameModel):
    id: Series[str]
    country_code: Series[str]
    receiver_name: Series[str]
    receiver_type: Series[str]

    class Config:
        strict = True
'''


def _receivers() -> DataContract:
    """The `receivers_master` table of the ODCS project's full example (id, country_code, receiver_name required)."""
    contracts = read_contract(CONTRACT_PATH, ODCS.read_text())
    return next(c for c in contracts if c.dataset == "receivers_master")


def _change(path: str) -> FileChange:
    return FileChange(path=path, status="modified", additions=1,
                      hunks=[Hunk(old_start=1, old_length=0, new_start=1, new_length=1,
                                  added=[DiffLine(number=1, text="x")])])


def _evidence(schema: str, base_schema: str = SCHEMA, contract: DataContract | None = None,
              base_contract: DataContract | None = None, changed: tuple[str, ...] = ("etl/schema.py",)) -> Evidence:
    return Evidence(pull_request=PullRequest(repo="a/b", number=1), config=RepoConfig(),
                    contracts=[contract or _receivers()], base_contracts=[base_contract or _receivers()],
                    frame_schemas=read_frame_schemas_in("etl/schema.py", schema),
                    base_frame_schemas=read_frame_schemas_in("etl/schema.py", base_schema),
                    diff=Diff(files=[_change(p) for p in changed]))


def _found(evidence: Evidence) -> list[tuple[str, str, str]]:
    check = check_against_frames(evidence, build_rulebook(evidence.config)[0])
    return [(f.kind, f.subject, f.severity) for f in check.findings]


def test_a_column_the_code_renames_leaves_the_contracts_column_unprovided() -> None:
    renamed = SCHEMA.replace("receiver_name:", "name:")
    evidence = _evidence(renamed)
    check = check_against_frames(evidence, build_rulebook(evidence.config)[0])
    assert [(f.kind, f.subject, f.severity) for f in check.findings] == [
        ("contract.schema_mismatch", "receiver_name", "medium")]
    finding = check.findings[0]
    assert [c.locator for c in finding.citations] == [f"{CONTRACT_PATH}#L200", "etl/schema.py#L5"]
    assert "strict pandera schema Receivers" in finding.message


def test_a_retyped_column_and_a_column_dropped_from_the_contract() -> None:
    assert _found(_evidence(SCHEMA.replace("country_code: Series[str]", "country_code: Series[int]"))) == [
        ("contract.schema_mismatch", "country_code", "medium")]
    head = _receivers().model_copy(update={"columns": [c for c in _receivers().columns if c.name != "receiver_type"]})
    dropped = _evidence(SCHEMA, contract=head, changed=(CONTRACT_PATH,))
    assert _found(dropped) == [("contract.schema_mismatch", "receiver_type", "medium")]


def test_agreeing_loose_unrelated_or_untouched_schemas_are_quiet() -> None:
    fine = _evidence(SCHEMA)
    check = check_against_frames(fine, build_rulebook(fine.config)[0])
    assert check.findings == [] and "agree with" in check.checked[0]
    loose = SCHEMA.replace("receiver_name: Series[str]\n", "").replace("strict = True", "strict = False")
    assert _found(_evidence(loose)) == []  # a non-strict schema may leave columns to others
    widths = SCHEMA.replace("receiver_type: Series[str]", "receiver_type: Series[str]\n    score: Series[float]")
    assert _found(_evidence(widths)) == []  # a column the code adds is additive
    other = "import pandera.pandas as pa\nS = pa.DataFrameSchema({'id': pa.Column(int), 'x': pa.Column(int)})\n"
    assert _found(_evidence(other)) == []  # shares one column: another table
    assert _found(_evidence(SCHEMA.replace("receiver_name:", "name:"), changed=("README.md",))) == []


def test_drift_already_at_the_base_is_low() -> None:
    renamed = SCHEMA.replace("receiver_name:", "name:")
    assert _found(_evidence(renamed, base_schema=renamed)) == [("contract.schema_mismatch", "receiver_name", "low")]
