from __future__ import annotations

import urllib.parse

import pandas as pd
import requests
from bs4 import BeautifulSoup
from weaviate.util import generate_uuid5

from airflow.decorators import task
from include.tasks.extract.utils.html_helpers import get_all_links


@task
def extract_cosmos_docs(docs_base_url: str = "https://astronomer.github.io/astronomer-cosmos/") -> list[pd.DataFrame]:
    """Pages of the Cosmos documentation site, main article body only (nav, header, footer dropped)."""
    links = {url for url in get_all_links(docs_base_url, exclude=("_sources",)) if url.endswith(".html")}
    site = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(docs_base_url))
    links = {url for url in links if url.startswith(site)}

    df = pd.DataFrame(sorted(links), columns=["docLink"])
    df["content"] = df["docLink"].apply(
        lambda url: str(BeautifulSoup(requests.get(url, timeout=30).content, "html.parser").find(name="article"))
    )
    df["sha"] = df["content"].apply(generate_uuid5)
    df["docSource"] = "cosmos docs"
    return [df[["docSource", "sha", "content", "docLink"]].reset_index(drop=True)]
