"""Markdown blocks: a code fence indented inside a list item is a fence, and the list goes on."""

from __future__ import annotations

from custody.reviewer.gather.readers.markdown_blocks import is_markdown, parse_blocks

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


def test_a_fence_closes_only_on_its_own_character_at_least_as_long() -> None:
    # A Markdown example inside a longer fence: the inner ``` and ~~~ lines are its content.
    text = "````md\n```python\nx = 1\n```\n~~~\n`````\n# After\n"
    blocks = parse_blocks(text)
    assert [f.lines for f in blocks.fences] == [["```python", "x = 1", "```", "~~~"]]
    assert blocks.fences[0].closed and blocks.fenced_lines() == set(range(1, 7))
    assert [h[2] for h in blocks.headings] == ["After"]
    # A tilde fence holds backtick lines; a closing line with text after the fence closes nothing.
    blocks = parse_blocks("~~~\n```\n~~~ not a close\n~~~\n# After\n")
    assert [f.lines for f in blocks.fences] == [["```", "~~~ not a close"]]
    assert [h[2] for h in blocks.headings] == ["After"]


def test_fence_indentation_follows_commonmark() -> None:
    # Up to three spaces open a fence; a closing line indented four spaces past it is content.
    blocks = parse_blocks("   ```\n# code\n    ```\n   ```\n# After\n")
    assert [f.lines for f in blocks.fences] == [["# code", "    ```"]]
    assert [h[2] for h in blocks.headings] == ["After"]
    # In a list item, the fence indented to the item's text closes at that indentation.
    blocks = parse_blocks("1. Run:\n    ```\n    python train.py\n    ```\n2. Done\n")
    assert [f.lines for f in blocks.fences] == [["    python train.py"]]
    assert [i.text for i in blocks.items] == ["Run:", "Done"]


def test_an_unclosed_fence_runs_to_the_end() -> None:
    blocks = parse_blocks("Intro\n```\n# not a heading\n| a | b |\n")
    assert [(f.closed, f.lines) for f in blocks.fences] == [(False, ["# not a heading", "| a | b |"])]
    assert blocks.fenced_lines() == {2, 3, 4} and blocks.headings == [] and blocks.tables == []


def test_a_line_that_starts_with_a_triple_backtick_code_span_opens_no_fence() -> None:
    blocks = parse_blocks("```random_state``` is missing\n# Heading\n")
    assert blocks.fences == [] and [h[2] for h in blocks.headings] == ["Heading"]


def test_markdown_is_told_by_its_suffix_in_any_case_mdx_included() -> None:
    assert all(is_markdown(p) for p in ("README.md", "docs/Guide.MARKDOWN", "website/docs/intro.mdx"))
    assert not any(is_markdown(p) for p in ("README.rst", "notes.md.txt", "docs/md", "train.py"))
