"""Name normalisation: case, separators, an organisation prefix and contact details do not count."""

from __future__ import annotations

import pytest
from custody.reviewer.gather.normalize import normalize_name, same_name, strip_org


@pytest.mark.parametrize(("name", "bare"), [
    ("FacebookAI/xlm-roberta-base", "xlm-roberta-base"), ("  distilbert-base-uncased ", "distilbert-base-uncased"),
    ("a/b/c", "c"), ("org/", ""),
])
def test_strip_org_keeps_what_follows_the_last_slash(name: str, bare: str) -> None:
    assert strip_org(name) == bare


@pytest.mark.parametrize(("a", "b"), [
    ("Macro F1", "macro_f1"), ("val-AUC", "val_auc"), ("FacebookAI/xlm-roberta-base", "xlm_roberta_base"),
    ("Ana Lima (ana@acme.com)", "ana lima"), ("fraud.detector:v2", "fraud-detector-v2"),
])
def test_names_that_differ_only_in_spelling_are_the_same(a: str, b: str) -> None:
    assert same_name(a, b)


@pytest.mark.parametrize(("a", "b"), [("f1", "f2"), ("roberta-base", "roberta-large"), ("auc", "pr_auc")])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_the_organisation_is_kept_when_asked() -> None:
    assert normalize_name("acme/fraud-model", drop_org=False) == "acmefraudmodel"
    assert normalize_name("acme/fraud-model") == "fraudmodel"
    assert normalize_name("") == "" and normalize_name("(only a note)") == ""
