"""Markdown docs and issues from GitHub repositories."""
from __future__ import annotations

import pandas as pd
from airflow.providers.github.hooks.github import GithubHook


def extract_github_markdown(source: dict, github_conn_id: str) -> pd.DataFrame:
    repo = GithubHook(github_conn_id=github_conn_id).get_conn().get_repo(source["repo_base"])
    rows, stack = [], list(repo.get_contents(source["doc_dir"]))
    while stack:
        item = stack.pop()
        if item.type == "dir":
            stack.extend(repo.get_contents(item.path))
        elif item.name.endswith(".md"):
            rows.append(
                {"docSource": source["repo_base"], "docLink": item.html_url,
                 "content": item.decoded_content.decode(), "sha": item.sha}
            )
    return pd.DataFrame(rows)


def extract_github_issues(repo_base: str, github_conn_id: str) -> pd.DataFrame:
    repo = GithubHook(github_conn_id=github_conn_id).get_conn().get_repo(repo_base)
    rows = []
    for issue in repo.get_issues(state="all"):
        comments = "\n\n".join(c.body or "" for c in issue.get_comments())
        rows.append(
            {"docSource": f"{repo_base}/issues", "docLink": issue.html_url,
             "content": f"# {issue.title}\n\n{issue.body or ''}\n\n{comments}", "sha": str(issue.updated_at)}
        )
    return pd.DataFrame(rows)
