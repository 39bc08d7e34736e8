from __future__ import annotations

from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.readers.zoo_tables import read_zoo_tables, zoo_rows
from custody.reviewer.gather.snapshot import MemorySnapshot

from tests.helpers import fixture_path


def readme(commit: str) -> str:
    return fixture_path("docs", "convnext", f"README_{commit}.md").read_text(encoding="utf-8")


def test_rows_of_a_model_zoo_give_their_checkpoints_identity_and_numbers() -> None:
    rows = {row.line: row for row in zoo_rows("README.md", readme("06f7b05"), set())}
    tiny_384, mislabeled = rows[47], rows[49]
    assert tiny_384.identity == ["convnext-t", "384x384"] and tiny_384.checkpoints == ["convnext_tiny_22k_1k_384.pth"]
    assert [(m.name, m.value, m.decimals, m.locator) for m in tiny_384.metrics] == [("acc@1", 84.1, 1, "README.md#L47")]
    # the fourth new row: ConvNeXt-S's link and numbers under ConvNeXt-T's name
    assert mislabeled.identity == ["convnext-t", "384x384"]
    assert mislabeled.checkpoints == ["convnext_small_22k_1k_384.pth"] and mislabeled.metrics[0].value == 85.8
    assert tiny_384.table == mislabeled.table != rows[35].table  # the 22K table, not the 1K one
    # sizes (29M, 13.1G), links and `-` say nothing of which model a row is
    assert all(not any(c.endswith(("m", "g")) and c[0].isdigit() for c in r.identity) for r in rows.values())


def test_only_the_docs_the_change_edits_are_read_and_their_new_rows_marked() -> None:
    base = MemorySnapshot({"README.md": readme("6e08219").encode(), "INSTALL.md": b"# Install\n"})
    head = MemorySnapshot({"README.md": readme("06f7b05").encode(), "INSTALL.md": b"# Install\n"})
    diff = diff_snapshots(base, head)
    rows = read_zoo_tables(diff.files, {"README.md": readme("06f7b05")})
    assert sorted(r.line for r in rows if r.added) == [46, 47, 48, 49]


def test_a_table_that_links_fewer_than_two_checkpoints_is_no_model_zoo() -> None:
    text = "| model | acc@1 | weights |\n|---|---|---|\n| a | 80.1 | [w](https://x/a.pth) |\n| b | 81.0 | - |\n"
    assert zoo_rows("README.md", text, set()) == []


def test_a_whole_number_tells_rows_apart_and_a_decimal_is_a_result() -> None:
    text = ("| model | res | top-1 | weights |\n|---|---|---|---|\n"
            "| ViT-B | 224 | 81.8 | [w](https://x/vit_b_224.pth) |\n"
            "| ViT-B | 384 | 83.1 | [w](https://x/vit_b_384.pth) |\n")
    rows = zoo_rows("README.md", text, set())
    assert [r.identity for r in rows] == [["vit-b", "224"], ["vit-b", "384"]]
    assert [[m.value for m in r.metrics] for r in rows] == [[81.8], [83.1]]
