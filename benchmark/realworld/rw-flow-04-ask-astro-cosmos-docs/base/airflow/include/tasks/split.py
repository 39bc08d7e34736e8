"""Chunking of extracted documents before they are embedded."""
from __future__ import annotations

import pandas as pd
from langchain.schema import Document
from langchain.text_splitter import (
    HTMLHeaderTextSplitter,
    Language,
    RecursiveCharacterTextSplitter,
)

CHUNK_SIZE = 4000
CHUNK_OVERLAP = 200


def _explode(df: pd.DataFrame, splitter) -> pd.DataFrame:
    rows = []
    for record in df.to_dict("records"):
        for chunk in splitter.split_documents([Document(page_content=record["content"])]):
            rows.append({**record, "content": chunk.page_content})
    return pd.DataFrame(rows).reset_index(drop=True)


def split_markdown(dfs: list[pd.DataFrame]) -> pd.DataFrame:
    """Split Markdown documents on headings, then by size."""
    splitter = RecursiveCharacterTextSplitter.from_language(
        Language.MARKDOWN, chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP
    )
    return _explode(pd.concat(dfs, axis=0, ignore_index=True), splitter)


def split_python(dfs: list[pd.DataFrame]) -> pd.DataFrame:
    """Split Python source on class/def boundaries, then by size."""
    splitter = RecursiveCharacterTextSplitter.from_language(
        Language.PYTHON, chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP
    )
    return _explode(pd.concat(dfs, axis=0, ignore_index=True), splitter)


def split_html(dfs: list[pd.DataFrame]) -> pd.DataFrame:
    """Split HTML pages on h1-h3 and keep the header path in each chunk."""
    headers = [("h1", "h1"), ("h2", "h2"), ("h3", "h3")]
    html_splitter = HTMLHeaderTextSplitter(headers_to_split_on=headers)
    rows = []
    for record in pd.concat(dfs, axis=0, ignore_index=True).to_dict("records"):
        for chunk in html_splitter.split_text(record["content"]):
            rows.append({**record, "content": chunk.page_content})
    return pd.DataFrame(rows).reset_index(drop=True)
