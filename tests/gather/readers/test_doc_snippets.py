from __future__ import annotations

from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.readers.doc_snippets import unimported_snippet_names
from custody.reviewer.gather.snapshot import MemorySnapshot, read_text
from custody.reviewer.model.evidence.design import SnippetName

from tests.helpers import fixture_path

SAM = fixture_path("docs", "segment-anything")
INIT = (SAM / "segment_anything" / "__init__.py").read_bytes()


def names(base_readme: str, head_readme: str, init: bytes = INIT) -> list[SnippetName]:
    base = MemorySnapshot({"README.md": base_readme.encode(), "segment_anything/__init__.py": init})
    head = MemorySnapshot({"README.md": head_readme.encode(), "segment_anything/__init__.py": init})
    diff = diff_snapshots(base, head)
    texts = {"README.md": head_readme}
    return unimported_snippet_names(diff.files, texts, head.paths(), lambda p: read_text(head, p))


def readme(commit: str) -> str:
    return (SAM / f"README_{commit}.md").read_text(encoding="utf-8")


def test_an_example_using_an_exported_name_it_does_not_import_is_reported_where_the_change_adds_the_use() -> None:
    found = names(readme("9e1eb9f"), readme("7c52401"))
    assert [(s.name, s.line, s.module, s.import_line, s.exported_at) for s in found] == [
        ("sam_model_registry", 47, "segment_anything", 46, "segment_anything/__init__.py:7"),
        ("sam_model_registry", 57, "segment_anything", 56, "segment_anything/__init__.py:7"),
    ]
    assert found[0].code == 'sam = sam_model_registry["<model_type>"](checkpoint="<path/to/checkpoint>")'


def test_the_fixed_imports_and_an_unchanged_doc_are_quiet() -> None:
    assert names(readme("7c52401"), readme("8991c14")) == []
    # the slip stands in the head, but this change does not touch the examples
    assert names(readme("7c52401"), readme("7c52401") + "\nMore text.\n") == []


def test_a_name_bound_by_the_example_an_earlier_example_or_not_exported_is_not_reported() -> None:
    earlier = "```python\nfrom segment_anything import sam_model_registry\n```\n\n"
    use = "```python\nfrom segment_anything import SamPredictor\nsam = sam_model_registry['vit_h']()\n```\n"
    assert names("", earlier + use) == []
    assert [s.name for s in names("", use)] == ["sam_model_registry"]
    local = "```python\nfrom segment_anything import SamPredictor\nimage = load(path)\n```\n"
    assert names("", local) == []  # `load`, `path`: the reader's own, not the package's
    shell = "```\npython scripts/amg.py --checkpoint <path/to/checkpoint> --input <image_or_folder>\n```\n"
    assert names("", shell) == []
    star = "```python\nfrom segment_anything import *\n```\n\n"
    assert names("", star + use) == []
    other = "```python\nfrom torch import nn\nsam = sam_model_registry['vit_h']()\n```\n"
    assert names("", other) == []  # imports nothing from this repository


def test_only_what_the_package_itself_offers_is_an_export() -> None:
    # segment_anything/__init__.py at 7c52401 with a third-party import, a plain import, an own-package one
    # by its full name and a definition added on top: an example that imports from the package and uses
    # `torch` or `array` without importing them is the reader's slip with another library, not with this one.
    init = INIT + (b"\nimport torch\nfrom numpy import array\nfrom segment_anything.utils import amg\n"
                   b"VERSION = '1.0'\n")
    example = "```python\nfrom segment_anything import SamPredictor\nx = {}\n```\n"
    for use, expected in (("torch.randn(1)", []), ("array([1])", []), ("amg", ["amg"]),
                          ("VERSION", ["VERSION"]), ("sam_model_registry", ["sam_model_registry"])):
        assert [s.name for s in names("", example.format(use), init)] == expected, use
    # `__all__`, when the package lists one, says what it exports.
    listed = init + b"__all__ = ['SamPredictor', 'build_sam']\n"
    assert [s.name for s in names("", example.format("build_sam()"), listed)] == ["build_sam"]
    assert [s.name for s in names("", example.format("VERSION"), listed)] == []
