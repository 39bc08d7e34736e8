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


def test_a_row_without_its_closing_pipe_is_still_a_row_and_a_lone_pipe_is_prose() -> None:
    # facebookresearch/ConvNeXt's README writes its 22K table's rows without the closing pipe.
    text = ("| name | resolution |acc@1 |\n|:---:|:---:|:---:|\n"
            "| ConvNeXt-T | 224x224 | 82.9 | [model](https://x/convnext_tiny_22k_224.pth)\n"
            "| ConvNeXt-T | 384x384 | 84.1 |\n\n|not a table\n")
    [table] = parse_blocks(text).tables
    assert table.rows == [(3, ["ConvNeXt-T", "224x224", "82.9", "[model](https://x/convnext_tiny_22k_224.pth)"]),
                          (4, ["ConvNeXt-T", "384x384", "84.1"])]
