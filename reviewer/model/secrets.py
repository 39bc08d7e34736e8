"""What a secret looks like: one catalogue of shapes that each detector tunes to its own purpose."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).with_name("secrets.yml")
# A slot in a shape's template: `{min}`, `{start}`. Regex quantifiers (`{16}`, `{8,}`) hold digits, never
# letters, so they are written as they are and never taken for a slot.
SLOT = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Shape:
    """One kind of secret, as secrets.yml describes it: a regex template whose slots are the places
    detectors tune, `defaults` that fill them with the documented shape, and the provider's `source`.
    A detector passes its own values to `pattern`."""

    name: str
    label: str
    source: str
    doc: str
    template: str
    defaults: Mapping[str, str] = field(default_factory=dict)
    samples: tuple[str, ...] = ()
    near_misses: tuple[str, ...] = ()

    def pattern(self, **tuning: str | int) -> str:
        """The regex source with the defaults, overridden by `tuning`; an unknown slot is an error
        (a typo must not silently fall back to the default)."""
        unknown = set(tuning) - set(self.defaults)
        if unknown:
            raise KeyError(f"{self.name} has no slot {', '.join(sorted(unknown))}")
        values = {**self.defaults, **{k: str(v) for k, v in tuning.items()}}
        text = self.template
        for _ in range(3):  # a slot's value may itself name a slot (the PEM block's END line)
            text = SLOT.sub(lambda m: values[m[1]] if m[1] in values else m[0], text)
        return text

    def compile(self, flags: int = 0, **tuning: str | int) -> re.Pattern[str]:
        return re.compile(self.pattern(**tuning), flags)


def union(*patterns: str, flags: int = 0) -> re.Pattern[str]:
    """One regex that matches where any of `patterns` does, tried in the order given (the leftmost
    match wins, and at one position the first pattern that matches)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def _load(path: Path) -> tuple[dict[str, Shape], dict[str, str]]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    shapes = {
        name: Shape(name=name, label=entry["label"], source=entry["source"], doc=entry["doc"],
                    template=entry["template"], defaults={k: str(v) for k, v in entry.get("defaults", {}).items()},
                    samples=tuple(entry["samples"]), near_misses=tuple(entry["near_misses"]))
        for name, entry in data["shapes"].items()
    }
    return shapes, {name: str(regex) for name, regex in data["credential_names"].items()}


# Every shape by name (`SHAPES["github-token"]`), and the words that name a credential.
SHAPES, CREDENTIAL_NAMES = _load(CATALOGUE)
# The files whose text decides what matches: a cache of a detector's results keys on them too.
SOURCES = (__file__, str(CATALOGUE))

# Slot values for detectors that err wide: any armour label, the whole block of a private key, the
# ids of other AWS principals, the alphabet of OpenAI project keys.
ANY_KEY_KIND = r"[ A-Z]*"
PRIVATE_KEY_BLOCK = r"(?:\ BLOCK)?-----[\s\S]*?(?:-----END{kinds}PRIVATE\ KEY(?:\ BLOCK)?-----|\Z)"  # PGP: "KEY BLOCK"
AWS_PRINCIPAL_PREFIXES = "AGPA|AIDA|AROA"
OPENAI_WIDE_ALPHABET = r"[A-Za-z0-9_\-]"


def credential_name(*names: str) -> str:
    """An alternation of the named credential words, in the order given: `password`, `api_key` …"""
    return "(?:" + "|".join(CREDENTIAL_NAMES[n] for n in names) + ")"


def entropy(text: str) -> float:
    """Shannon entropy in bits a character (0.0 for the empty string)."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values()) if text else 0.0


def mixed_classes(value: str) -> bool:
    """Upper case, lower case and digits all present: generated keys have all three, words and hex do not."""
    return (any(c.isupper() for c in value) and any(c.islower() for c in value)
            and any(c.isdigit() for c in value))


def random_looking(value: str, min_bits: float) -> bool:
    return mixed_classes(value) and entropy(value) >= min_bits
