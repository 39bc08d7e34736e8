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
    | \bhttps://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_\-]+  # Slack webhooks
    | \bhttps://discord(?:app)?\.com/api/webhooks/[0-9]+/[A-Za-z0-9_\-]+  # Discord webhooks
    # Credentials inside URLs, `user:password@` or `:password@` (Redis): the password runs to the
    # last `@` before the host, so `p@ssw0rd` in `postgres://admin:p@ssw0rd@db/x` goes whole.
    | (?<=://)[^\s:/@"'`]*:[^\s/"'`]*(?=@[^\s@/"'`]+)
    """,
    re.VERBOSE,
)

# An HTTP credential written in code: `"Authorization": "Bearer <token>"`, `-H "Bearer …"`.
BEARER = re.compile(r"(?P<key>\bBearer\s+)(?P<value>[A-Za-z0-9\-._~+/]{16,}=*)")

# A hex key assigned to a name ending in `key` (`key="…"`, `SIGNING_KEY: …`, `hmac_key=…`): the
# value goes. A hex digest under any other name (a git sha, dvc.lock's md5 and sha256) stays.
HEX_KEY = re.compile(
    r"""(?P<key>(?<!\w)\w{0,100}key["']?\s*[:=]\s*(?:b|bytes\.fromhex\()?["']?)(?P<value>[0-9a-fA-F]{32,})\b""",
    re.IGNORECASE)

# A string literal that is an AWS secret access key wherever it stands, a positional argument of
# `boto3.client("s3", "eu-west-1", None, True, None, None, "AKIA…", "<secret>")` included:
# 40 characters of base64's alphabet, mixed case and digits, high entropy (a git sha is lowercase hex).
AWS_SECRET = re.compile(r"""(?P<q>["'])(?P<value>[A-Za-z0-9/+]{40})(?P=q)""")

# Adjacent string literals joined by `+` (or Python's implicit concatenation): a token split in
# two (`"ghp_" + "4fX9…"`) is checked as the string it makes.
LITERAL = r"""(?:"[^"\\\n]*"|'[^'\\\n]*')"""
CONCATENATED = re.compile(rf"{LITERAL}(?:\s*+(?:\+\s*+)?{LITERAL})+")  # possessive: no backtracking

# `key: value` / `key = value` where the key says it holds a secret: the value goes whatever it is.
NAMED = re.compile(
    r"""
    (?P<key>(?<![\w.\-])[\w.\-]{0,100}?(?:secret|passw(?:or)?d|token|api[_\-]?key|access[_\-]?key|private[_\-]?key
        |credentials?)(?:[_\-.]?(?:key|id|value))?["']?\s*[:=]\s*["']?)  # not "tokenizer", "max_tokens"
    (?P<value>[^\s"',;]{6,})
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Any other assigned value that looks random (base64/base62 alphabet, long, high entropy).
# Keys are matched from a token's start and bounded, so a long line cannot make them backtrack.
ASSIGNED = re.compile(r"(?P<key>(?<![\w.\-])[\w.\-]{1,100}[\"']?\s*[:=]\s*[\"']?)"
                      r"(?P<value>[A-Za-z0-9+/_\-]{24,}={0,2})")
ENTROPY_BITS = 4.2  # hex digests (at most 4.0 bits a character) stay: cards cite them as evidence


def entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values()) if text else 0.0


def _random_looking(value: str) -> bool:
    mixed = any(c.isupper() for c in value) and any(c.islower() for c in value) and any(
        c.isdigit() for c in value)
    return mixed and entropy(value) >= ENTROPY_BITS


def _joined(match: re.Match[str]) -> str:
    joined = "".join(part[1:-1] for part in re.findall(LITERAL, match[0]))
    if KNOWN.search(joined) or (len(joined) == 40 and AWS_SECRET.fullmatch(f'"{joined}"')
                                and _random_looking(joined)):
        return f'"{MASK}"'
    return match[0]


def redact(text: str) -> str:
    """The text with every secret-looking span replaced by a mask."""
    text = CONCATENATED.sub(_joined, text)
    text = KNOWN.sub(MASK, text)
    text = AWS_SECRET.sub(lambda m: m["q"] + MASK + m["q"] if _random_looking(m["value"]) else m[0], text)
    text = BEARER.sub(lambda m: m["key"] + MASK, text)
    text = HEX_KEY.sub(lambda m: m["key"] + MASK, text)
    text = NAMED.sub(lambda m: m["key"] + MASK if m["value"] != MASK else m[0], text)
    return ASSIGNED.sub(
        lambda m: m["key"] + MASK if _random_looking(m["value"]) else m[0], text)
