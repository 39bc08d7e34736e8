"""Doc examples that call the repository's own classes in ways their code refuses, on dssg/aequitas' README
rewrites (MIT; PR #149 = rw17-aeq-01, PR #167 = rw17-aeq-02: each scenario's NOTES.md names the commits)."""

from __future__ import annotations

from pathlib import Path

from custody.reviewer.gather.readers.diff import diff_snapshots
from custody.reviewer.gather.readers.doc_snippet_calls import refused_snippet_calls
from custody.reviewer.gather.snapshot import DirSnapshot, read_text

from tests.helpers import REPO

REALWORLD = REPO / "benchmark" / "realworld"


def _calls(base: Path, head: Path) -> list[tuple[str, int, str]]:
    tree = DirSnapshot(head)
    diff = diff_snapshots(DirSnapshot(base), tree)
    texts = {f.path: t for f in diff.files if (t := read_text(tree, f.path)) is not None}
    return [(c.name, c.line, c.error) for c in
            refused_snippet_calls(diff.files, texts, tree.paths(), lambda p: read_text(tree, p))]


def test_readme_149_imports_names_the_packages_do_not_export_and_passes_one_argument_too_many() -> None:
    folder = REALWORLD / "rw17-aeq-01-readme-default-experiment-kwargs"
    assert _calls(folder / "base", folder / "head") == [
        ("Audit", 51, "ImportError"),  # src/aequitas/__init__.py is empty until 71ddcd3
        ("DefaultExperiment", 74, "ImportError"),  # aequitas.flow exports Experiment only
        ("predict_proba", 102, "TypeError"), ("predict_proba", 103, "TypeError")]


def test_readme_167_calls_a_class_method_no_class_of_the_hierarchy_defines() -> None:
    folder = REALWORLD / "rw17-aeq-02-readme-default-experiment-from-pandas"
    assert _calls(folder / "base", folder / "head") == [("from_pandas", 91, "AttributeError")]


def _write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


PACKAGE = {
    "pkg/__init__.py": "from .model import Model, Loose\nfrom .data import Record\n",
    "pkg/base.py": "class Base:\n    def fit(self, X, y=None):\n        return self\n",
    "pkg/model.py": ("from sklearn.base import BaseEstimator\nfrom .base import Base\n\n\n"
                     "class Model(Base):\n    def __init__(self, depth=3):\n        self.depth = depth\n\n"
                     "    @classmethod\n    def load(cls, path):\n        return cls()\n\n\n"
                     "class Loose(BaseEstimator):\n    def __init__(self, depth=3):\n        self.depth = depth\n"),
    "pkg/data.py": "from dataclasses import dataclass\n\n\n@dataclass\nclass Record:\n    x: int\n",
}


def test_only_what_the_visible_code_refuses_on_added_lines(tmp_path: Path) -> None:
    example = ("```python\nfrom pkg import Model, Loose, Record\n\nm = Model(depth=2, lr=0.1)\nm.fit(X, y, w)\n"
               "m.fit(X, y=y)\nModel.load('p', strict=True)\nModel.save('p')\nm.depth\nLoose(lr=0.1)\n"
               "Record(x=1, y=2)\nm.predict(X)\n```\n")
    _write(tmp_path / "base", {**PACKAGE, "README.md": "# pkg\n"})
    _write(tmp_path / "head", {**PACKAGE, "README.md": "# pkg\n\n" + example})
    found = _calls(tmp_path / "base", tmp_path / "head")
    assert found == [("Model", 6, "TypeError"), ("fit", 7, "TypeError"), ("load", 9, "TypeError"),
                     ("save", 10, "AttributeError"), ("predict", 14, "AttributeError")]
    # Loose (a base from another library) and Record (@dataclass) are not judged; nor is an unchanged example
    _write(tmp_path / "base2", {**PACKAGE, "README.md": "# pkg\n\n" + example})
    _write(tmp_path / "head2", {**PACKAGE, "README.md": "# pkg\n\n" + example + "\nMore text.\n"})
    assert _calls(tmp_path / "base2", tmp_path / "head2") == []
