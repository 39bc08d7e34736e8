"""Astronomer blog posts published after a cut-off date."""
from __future__ import annotations

import datetime

import pandas as pd
import requests
from bs4 import BeautifulSoup

BLOG_URL = "https://www.astronomer.io/blog/"


def extract_astro_blogs(blog_cutoff_date: datetime.date) -> list[pd.DataFrame]:
    index = BeautifulSoup(requests.get(BLOG_URL, timeout=30).text, "lxml")
    links = {BLOG_URL + a["href"].split("/blog/")[-1] for a in index.select("a[href*='/blog/']")}
    rows = []
    for link in sorted(links):
        page = BeautifulSoup(requests.get(link, timeout=30).text, "lxml")
        published = page.find("time")
        if published and datetime.date.fromisoformat(published["datetime"][:10]) < blog_cutoff_date:
            continue
        article = page.find("article")
        if article:
            rows.append({"docSource": "astro blog", "docLink": link, "content": article.get_text("\n")})
    df = pd.DataFrame(rows)
    df["sha"] = df["content"].apply(lambda c: str(hash(c)))
    return [df]
