"""Markdown blocks: a code fence indented inside a list item is a fence, and the list goes on."""

from __future__ import annotations

from custody.reviewer.gather.readers.markdown_blocks import parse_blocks

DOC = """# Setup

1. Clone the repository:
    ```
    git clone https://example.org/repo.git
    ```
2. Install:
    ```
   pip install -r requirements.txt
   ```

## Pipeline

The pipeline runs these steps:

1. `prepare` the data
2. `train` the model
"""


def test_a_fence_inside_a_list_item_closes_and_later_sections_are_read() -> None:
    blocks = parse_blocks(DOC)
    assert [f.lines[0].strip() for f in blocks.fences] == ["git clone https://example.org/repo.git",
                                                          "pip install -r requirements.txt"]
    items = [(i.text, i.section) for i in blocks.items]
    assert ("Install:", "setup") in items
    assert ("`train` the model", "setup / pipeline") in items


def test_an_indented_fence_outside_a_list_is_not_a_fence() -> None:
    assert parse_blocks("Text\n\n    ```\n    code\n    ```\n").fences == []
