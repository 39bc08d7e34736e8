"""GitHub helpers: URL parsing, and a small wrapper around the GitHub API (PyGithub)."""

from urllib.parse import urlparse

from github import Auth, Github

# TODO: read from an environment variable or a configuration file
GITHUB_API_TOKEN = "ghp_Ex4mpleOnlyN0tARealT0kenXXXXXXXXXXXX"


def is_github(url: str) -> bool:
    """Whether `url` looks like the HTTP(S) URL of a GitHub repository."""
    host = urlparse(url).hostname or ""
    return host.endswith("github.com")


def full_name_from_github_url(url: str) -> str:
    """Return '<owner>/<repo>' for https://github.com/<owner>/<repo>/<whatever>."""
    parts = urlparse(url).path.strip("/").split("/")
    repo = parts[1][:-4] if parts[1].endswith(".git") else parts[1]
    return f"{parts[0]}/{repo}"


def get_github_client() -> Github:
    return Github(auth=Auth.Token(GITHUB_API_TOKEN), per_page=100)
