"""Committed artifacts, home-directory paths and clock seeds, on examples of my own."""

from __future__ import annotations

import ast
import textwrap

from custody.agents.code_checks.repo_files import clock_seeds, committed_artifacts, local_paths


def test_artifacts_grouped_by_kind_and_only_when_added() -> None:
    changes = [
        ("pkg/__pycache__/util.cpython-311.pyc", "added"),
        ("pkg/__pycache__/io.cpython-311.pyc", "added"),
        ("notebooks/.ipynb_checkpoints/eda-checkpoint.ipynb", "added"),
        (".DS_Store", "added"),
        (".idea/workspace.xml", "modified"),
        (".vscode/extensions.json", "added"),
        ("src/model.py", "added"),
    ]
    found = [(h.subject, h.message) for h in committed_artifacts(changes)]
    assert [s for s, _ in found] == ["pkg/__pycache__/util.cpython-311.pyc",
                                     "notebooks/.ipynb_checkpoints/eda-checkpoint.ipynb", ".DS_Store"]
    assert "1 more file" in found[0][1]


def test_home_paths_in_code_and_config() -> None:
    def first(path: str, text: str) -> str | None:
        hits = list(local_paths(path, enumerate(text.splitlines(), start=1)))
        return hits[0].subject if hits else None

    assert first("train.py", 'DATA = "/home/alice/projects/churn/data.csv"') == "/home/alice"
    assert first("conf/params.yaml", "data_dir: /Users/bob/Downloads/set") == "/Users/bob"
    assert first(".vscode/settings.json", '{"python.pythonPath": "C:\\\\Users\\\\rasik\\\\py.exe"}')
    assert first("train.py", 'DATA = "/home/runner/work/x"') is None
    assert first("train.py", 'DATA = "/home/user/data"') is None
    assert first("train.py", "# e.g. /home/alice/data") is None
    assert first("README.md", "cd /home/alice/repo") is None
    assert first("Dockerfile", "WORKDIR /home/alice/app") is None
    assert first("tests/test_paths.py", 'p = "/home/alice/x"') is None


def test_clock_seeds() -> None:
    text = textwrap.dedent("""
        import random, time
        random.seed(time.time())
        np.random.seed(int(time.time()))
        seed = int(datetime.now().timestamp())
        torch.manual_seed(seed)
        model = RandomForestClassifier(random_state=int(time.time()))
        random.seed(42)
        started = time.time()
    """)
    tree = ast.parse(text)
    lines = [h.line for h in clock_seeds("t.py", tree, set(range(1, 20)))]
    assert lines == [3, 4, 6, 7]
