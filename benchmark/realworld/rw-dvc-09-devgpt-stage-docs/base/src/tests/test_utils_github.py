from src.utils.github import full_name_from_github_url, is_github


def test_is_github():
    assert is_github("https://github.com/ncusi/MSR_Challenge_2024")
    assert not is_github("https://gitlab.com/foo/bar")


def test_full_name_strips_git_suffix():
    assert full_name_from_github_url("https://github.com/a/b.git") == "a/b"
