"""Apache Airflow documentation pages (stable versions only)."""
from __future__ import annotations

import pandas as pd

from include.tasks.extract.utils.html_helpers import get_all_links, page_to_text


def extract_airflow_docs(docs_base_url: str) -> list[pd.DataFrame]:
    links = [link for link in get_all_links(docs_base_url) if "/stable/" in link and link.endswith(".html")]
    df = pd.DataFrame(
        {"docSource": "apache/airflow/docs", "docLink": link, "content": page_to_text(link)} for link in links
    )
    df["sha"] = df["content"].apply(lambda c: str(hash(c)))
    return [df]
