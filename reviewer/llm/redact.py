"""Secret redaction: cloud keys, tokens, private keys and high-entropy config values never leave."""

from __future__ import annotations

import math
import re
from collections import Counter

MASK = "[REDACTED]"

# Secrets with a recognisable shape, anywhere in the text.
KNOWN = re.compile(
    r"""
      -----BEGIN[ A-Z]*PRIVATE\ KEY-----[\s\S]*?(?:-----END[ A-Z]*PRIVATE\ KEY-----|\Z)  # PEM keys
    | \b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b        # AWS access key ids
    | \bgh[pousr]_[A-Za-z0-9]{30,}\b                      # GitHub tokens
    | \bgithub_pat_[A-Za-z0-9_]{40,}\b                    # GitHub fine-grained tokens
    | \bsk-ant-[A-Za-z0-9_\-]{20,}                        # Anthropic keys
    | \bsk-(?:proj-)?[A-Za-z0-9_\-]{32,}                  # OpenAI-style keys
    | \b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b            # Stripe keys
    | \bxox[abposr]-[A-Za-z0-9\-]{10,}                    # Slack tokens
    | \bAIza[0-9A-Za-z_\-]{35}\b                          # Google API keys
    | \bglpat-[A-Za-z0-9_\-]{20,}\b                       # GitLab tokens
    | \bhf_[A-Za-z0-9]{30,}\b                             # Hugging Face tokens
    | \beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}  # JWTs
    | (?<=://)[^\s:/@]+:[^\s@/]+(?=@)                     # credentials inside URLs
    """,
    re.VERBOSE,
)

# `key: value` / `key = value` where the key says it holds a secret: the value goes whatever it is.
NAMED = re.compile(
    r"""
    (?P<key>[\w.\-]*?(?:secret|passw(?:or)?d|token|api[_\-]?key|access[_\-]?key|private[_\-]?key
        |credentials?)(?:[_\-.]?(?:key|id|value))?["']?\s*[:=]\s*["']?)  # not "tokenizer", "max_tokens"
    (?P<value>[^\s"',;]{6,})
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Any other assigned value that looks random (base64/base62 alphabet, long, high entropy).
ASSIGNED = re.compile(r"(?P<key>[\w.\-]+[\"']?\s*[:=]\s*[\"']?)(?P<value>[A-Za-z0-9+/_\-]{24,}={0,2})")
ENTROPY_BITS = 4.2  # hex digests (at most 4.0 bits a character) stay: cards cite them as evidence


def entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values()) if text else 0.0


def _random_looking(value: str) -> bool:
    mixed = any(c.isupper() for c in value) and any(c.islower() for c in value) and any(
        c.isdigit() for c in value)
    return mixed and entropy(value) >= ENTROPY_BITS


def redact(text: str) -> str:
    """The text with every secret-looking span replaced by a mask."""
    text = KNOWN.sub(MASK, text)
    text = NAMED.sub(lambda m: m["key"] + MASK if m["value"] != MASK else m[0], text)
    return ASSIGNED.sub(
        lambda m: m["key"] + MASK if _random_looking(m["value"]) else m[0], text)
