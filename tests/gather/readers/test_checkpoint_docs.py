from __future__ import annotations

from custody.reviewer.gather.readers.checkpoint_docs import added_addresses, unlisted_checkpoints
from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.snapshot import MemorySnapshot, read_text
from custody.reviewer.model.evidence.model_changes import UnlistedCheckpoint

from tests.helpers import fixture_path

DOCS = fixture_path("docs")


def fixture(*parts: str) -> str:
    return DOCS.joinpath(*parts).read_text(encoding="utf-8")


def unlisted(code: str, base_code: str, head_code: str, docs: dict[str, str],
             complete: bool = True) -> list[UnlistedCheckpoint]:
    base = MemorySnapshot({code: base_code.encode()})
    head = MemorySnapshot({code: head_code.encode(), **{p: t.encode() for p, t in docs.items()}})
    diff = diff_snapshots(base, head)
    return unlisted_checkpoints(diff.files, {code: head_code}, lambda p: read_text(base, p), lambda: docs,
                                docs_complete=complete)


def test_a_checkpoint_the_code_completes_with_a_weight_files_name_and_the_zoo_leaves_out_is_unlisted() -> None:
    base, head = fixture("deit", "models_v2_b2bae2a.py"), fixture("deit", "models_v2_dbfa364.py")
    [slip] = unlisted("models_v2.py", base, head, {"README_revenge.md": fixture("deit", "README_revenge_dbfa364.md")})
    assert (slip.path, slip.line, slip.address, slip.folder) == (
        "models_v2.py", 308, "https://dl.fbaipublicfiles.com/deit/deit_3_medium_",
        "https://dl.fbaipublicfiles.com/deit/")
    assert slip.docs == ["README_revenge.md#L37"] and slip.listed == 14


def test_nothing_is_unlisted_when_some_docs_of_the_tree_were_not_read() -> None:
    # a doc past the cap may be the one naming the address
    base, head = fixture("deit", "models_v2_b2bae2a.py"), fixture("deit", "models_v2_dbfa364.py")
    assert unlisted("models_v2.py", base, head, {"README_revenge.md": fixture("deit", "README_revenge_dbfa364.md")},
                    complete=False) == []


def test_the_zoo_listing_it_or_no_doc_listing_the_folder_is_quiet() -> None:
    base, head = fixture("deit", "models_v2_b2bae2a.py"), fixture("deit", "models_v2_dbfa364.py")
    listed = {"README_revenge.md": fixture("deit", "README_revenge_cb1f48a.md")}
    assert unlisted("models_v2.py", base, head, listed) == []
    assert unlisted("models_v2.py", base, head, {"README.md": "# DeiT\n\nSee the paper.\n"}) == []
    # an address the file already had (here: the unchanged base file) is not the change's release
    assert unlisted("models_v2.py", head, head + "\n# touched\n",
                    {"README_revenge.md": fixture("deit", "README_revenge_dbfa364.md")}) == []


def test_full_weight_urls_that_the_readme_links_are_listed() -> None:
    base, head = fixture("convnext", "convnext_6e08219.py"), fixture("convnext", "convnext_06f7b05.py")
    added = set(range(1, 400))
    addresses = [a for a, _ in added_addresses("convnext.py", head, added)]
    assert "https://dl.fbaipublicfiles.com/convnext/convnext_tiny_22k_224.pth" in addresses
    assert unlisted("models/convnext.py", base, head, {"README.md": fixture("convnext", "README_06f7b05.md")}) == []
    stale = fixture("convnext", "README_06f7b05.md").replace("convnext_tiny_22k_224.pth", "convnext_tiny_22k_224x.pth")
    [slip] = unlisted("models/convnext.py", base, head, {"README.md": stale})
    assert slip.address == "https://dl.fbaipublicfiles.com/convnext/convnext_tiny_22k_224.pth"
