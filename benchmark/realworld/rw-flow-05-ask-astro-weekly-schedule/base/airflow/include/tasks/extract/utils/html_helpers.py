"""Small HTML crawling helpers shared by the doc extractors."""
from __future__ import annotations

import urllib.parse

import requests
from bs4 import BeautifulSoup


def get_all_links(base_url: str, exclude: tuple[str, ...] = ()) -> set[str]:
    """Every same-site link reachable from base_url, breadth first."""
    seen, queue = set(), [base_url]
    while queue:
        url = queue.pop()
        if url in seen or any(x in url for x in exclude):
            continue
        seen.add(url)
        soup = BeautifulSoup(requests.get(url, timeout=30).text, "html.parser")
        for a in soup.find_all("a", href=True):
            nxt = urllib.parse.urljoin(url, a["href"]).split("#")[0]
            if nxt.startswith(base_url):
                queue.append(nxt)
    return seen


def page_to_text(url: str) -> str:
    return str(BeautifulSoup(requests.get(url, timeout=30).text, "html.parser").find("body"))
