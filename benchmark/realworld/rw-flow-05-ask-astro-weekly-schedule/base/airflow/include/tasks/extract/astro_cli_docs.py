"""astro-cli reference pages from docs.astronomer.io."""
from __future__ import annotations

import pandas as pd

from include.tasks.extract.utils.html_helpers import get_all_links, page_to_text

CLI_DOCS = "https://docs.astronomer.io/astro/cli/"


def extract_astro_cli_docs() -> list[pd.DataFrame]:
    links = sorted(get_all_links(CLI_DOCS))
    df = pd.DataFrame({"docSource": "astro cli", "docLink": link, "content": page_to_text(link)} for link in links)
    df["sha"] = df["content"].apply(lambda c: str(hash(c)))
    return [df]
