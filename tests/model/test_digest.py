"""The content digest every cache key is built from."""

from __future__ import annotations

from custody.reviewer.model.digest import digest


def test_parts_are_length_prefixed_so_regrouping_them_changes_the_key() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("abc") != digest("ab", "c")


def test_text_and_its_utf8_bytes_give_the_same_key_and_the_key_is_stable() -> None:
    assert digest("naïve", b"x") == digest("naïve".encode(), "x")
    assert digest("a") == digest("a") and len(digest("a")) == 64


def test_lone_surrogates_from_odd_file_names_still_digest() -> None:
    assert len(digest("\udcff")) == 64
