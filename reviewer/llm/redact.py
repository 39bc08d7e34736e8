"""Secret redaction: cloud keys, tokens, private keys and high-entropy config values never leave."""

from __future__ import annotations

import re

from custody.reviewer.model.secrets import (
    ANY_KEY_KIND,
    AWS_PRINCIPAL_PREFIXES,
    OPENAI_WIDE_ALPHABET,
    PRIVATE_KEY_BLOCK,
    SHAPES,
    credential_name,
    random_looking,
    union,
)

MASK = "[REDACTED]"

# Secrets with a recognisable shape, anywhere in the text. Redaction errs wide: shorter bodies than the
# providers issue (a token cut off in a log excerpt), looser alphabets, AWS principal ids too.
KNOWN = union(
    SHAPES["private-key"].pattern(kinds=ANY_KEY_KIND, block=PRIVATE_KEY_BLOCK),
    SHAPES["aws-access-key-id"].pattern(prefixes=f"AKIA|ASIA|{AWS_PRINCIPAL_PREFIXES}"),
    SHAPES["github-token"].pattern(min=30),
    SHAPES["github-fine-grained-token"].pattern(min=40),
    SHAPES["anthropic-api-key"].pattern(min=20),
    SHAPES["openai-api-key"].pattern(alphabet=OPENAI_WIDE_ALPHABET, min=32, end=""),
    SHAPES["stripe-key"].pattern(min=16),
    SHAPES["slack-token"].pattern(kinds="abposr", min=10),
    SHAPES["google-api-key"].pattern(),
    SHAPES["gitlab-token"].pattern(min=20),
    SHAPES["hugging-face-token"].pattern(alphabet="[A-Za-z0-9]", min=30),
    SHAPES["jwt"].pattern(min=8),
    SHAPES["slack-webhook"].pattern(),
    SHAPES["discord-webhook"].pattern(),
    # Credentials inside URLs, `user:password@` or `:password@` (Redis): the password runs to the
    # last `@` before the host, so `p@ssw0rd` in `postgres://admin:p@ssw0rd@db/x` goes whole.
    SHAPES["url-credentials"].pattern(scheme="(?<=://)", user=r"""[^\s:/@"'`]*""", password=r"""[^\s/"'`]*""",
                                      host=r"""(?=@[^\s@/"'`]+)"""),
)

# An HTTP credential written in code: `"Authorization": "Bearer <token>"`, `-H "Bearer …"`.
BEARER = SHAPES["authorization-value"].compile(scheme="Bearer", min=16)

# A hex key assigned to a name ending in `key` (`key="…"`, `SIGNING_KEY: …`, `hmac_key=…`): the
# value goes. A hex digest under any other name (a git sha, dvc.lock's md5 and sha256) stays.
HEX_KEY = re.compile(
    r"""(?P<key>(?<!\w)\w{0,100}key["']?\s*[:=]\s*(?:b|bytes\.fromhex\()?["']?)(?P<value>[0-9a-fA-F]{32,})\b""",
    re.IGNORECASE)

# A string literal that is an AWS secret access key wherever it stands, a positional argument of
# `boto3.client("s3", "eu-west-1", None, True, None, None, "AKIA…", "<secret>")` included:
# 40 characters of base64's alphabet, mixed case and digits, high entropy (a git sha is lowercase hex).
AWS_SECRET = re.compile(rf"""(?P<q>["'])(?P<value>{SHAPES["aws-secret-access-key"].pattern()})(?P=q)""")

# Adjacent string literals joined by `+` (or Python's implicit concatenation): a token split in
# two (`"ghp_" + "4fX9…"`) is checked as the string it makes.
LITERAL = r"""(?:"[^"\\\n]*"|'[^'\\\n]*')"""
CONCATENATED = re.compile(rf"{LITERAL}(?:\s*+(?:\+\s*+)?{LITERAL})+")  # possessive: no backtracking

CREDENTIAL = credential_name("secret", "password", "token", "api_key", "access_key", "private_key",
                                    "credentials")
# `key: value` / `key = value` where the key says it holds a secret: the value goes whatever it is.
# The separator must follow the credential word (and a key/id/value suffix): not "tokenizer", "max_tokens".
NAMED = re.compile(
    rf"""
    (?P<key>(?<![\w.\-])[\w.\-]{{0,100}}?{CREDENTIAL}(?:[_\-.]?(?:key|id|value))?["']?\s*[:=]\s*["']?)
    (?P<value>[^\s"',;]{{6,}})
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Any other assigned value that looks random (base64/base62 alphabet, long, high entropy).
# Keys are matched from a token's start and bounded, so a long line cannot make them backtrack.
ASSIGNED = re.compile(r"(?P<key>(?<![\w.\-])[\w.\-]{1,100}[\"']?\s*[:=]\s*[\"']?)"
                      r"(?P<value>[A-Za-z0-9+/_\-]{24,}={0,2})")
ENTROPY_BITS = 4.2  # hex digests (at most 4.0 bits a character) stay: cards cite them as evidence


def _joined(match: re.Match[str]) -> str:
    joined = "".join(part[1:-1] for part in re.findall(LITERAL, match[0]))
    if KNOWN.search(joined) or (len(joined) == 40 and AWS_SECRET.fullmatch(f'"{joined}"')
                                and random_looking(joined, ENTROPY_BITS)):
        return f'"{MASK}"'
    return match[0]


def redact(text: str) -> str:
    """The text with every secret-looking span replaced by a mask."""
    text = CONCATENATED.sub(_joined, text)
    text = KNOWN.sub(MASK, text)
    text = AWS_SECRET.sub(
        lambda m: m["q"] + MASK + m["q"] if random_looking(m["value"], ENTROPY_BITS) else m[0], text)
    text = BEARER.sub(lambda m: m["key"] + MASK, text)
    text = HEX_KEY.sub(lambda m: m["key"] + MASK, text)
    text = NAMED.sub(lambda m: m["key"] + MASK if m["value"] != MASK else m[0], text)
    return ASSIGNED.sub(
        lambda m: m["key"] + MASK if random_looking(m["value"], ENTROPY_BITS) else m[0], text)
