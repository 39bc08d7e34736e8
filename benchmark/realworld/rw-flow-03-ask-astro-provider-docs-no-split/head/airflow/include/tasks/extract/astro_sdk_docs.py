from __future__ import annotations

import logging

import pandas as pd

from include.tasks.extract.utils.html_url_extractor import extract_internal_url, url_to_df

logger = logging.getLogger("airflow.task")


def extract_astro_sdk_docs() -> list[pd.DataFrame]:
    exclude_docs = ["autoapi", "genindex.html", "py-modindex.html", ".md", ".py"]
    base_url = "https://astro-sdk-python.readthedocs.io/en/stable/"

    urls = [url for url in extract_internal_url(base_url, exclude_docs) if "stable" in url]
    logger.info("ingesting %d astro-sdk pages", len(urls))
    return [url_to_df(urls, "astro-sdk")]
