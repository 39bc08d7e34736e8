"""Crawl a Read-the-Docs site and turn its pages into a DataFrame."""
from __future__ import annotations

import hashlib
import logging
import urllib.parse

import pandas as pd
import requests
from bs4 import BeautifulSoup

logger = logging.getLogger("airflow.task")


def extract_internal_url(base_url: str, exclude_docs: list[str]) -> set[str]:
    """All pages under base_url reachable by links, minus any URL containing an excluded fragment."""
    found, frontier = set(), [base_url]
    while frontier:
        url = frontier.pop()
        if url in found:
            continue
        found.add(url)
        try:
            html = requests.get(url, timeout=30).text
        except requests.RequestException as err:
            logger.warning("skipping %s: %s", url, err)
            continue
        for a in BeautifulSoup(html, "html.parser").find_all("a", href=True):
            link = urllib.parse.urljoin(url, a["href"])
            if link.startswith(base_url) and not any(x in link for x in exclude_docs):
                frontier.append(link)
    return found


def url_to_df(urls: set[str] | list[str], doc_source: str) -> pd.DataFrame:
    rows = []
    for url in sorted(urls):
        content = str(BeautifulSoup(requests.get(url, timeout=30).text, "html.parser").find("body"))
        rows.append({"docSource": doc_source, "docLink": url, "content": content,
                     "sha": hashlib.sha1(content.encode()).hexdigest()})
    return pd.DataFrame(rows)
