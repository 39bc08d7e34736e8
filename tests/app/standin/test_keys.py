"""The throwaway App key: a real RSA key PyGithub can sign its App JWT with, new each time."""

from __future__ import annotations

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from custody.reviewer.app.standin.keys import throwaway_app_key
from github import Auth


def test_a_2048_bit_rsa_key_in_unencrypted_pkcs8_pem() -> None:
    pem = throwaway_app_key()
    assert pem.startswith("-----BEGIN PRIVATE KEY-----\n") and pem.rstrip().endswith("-----END PRIVATE KEY-----")
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey) and key.key_size == 2048
    assert key.public_key().public_numbers().e == 65537


def test_pygithub_signs_an_app_jwt_the_public_half_verifies() -> None:
    pem = throwaway_app_key()
    token = Auth.AppAuth(12345, pem).create_jwt()
    public = serialization.load_pem_private_key(pem.encode(), password=None).public_key()
    claims = jwt.decode(token, public, algorithms=["RS256"])  # type: ignore[arg-type]
    assert claims["iss"] in ("12345", 12345) and claims["exp"] > claims["iat"]


def test_every_key_is_new() -> None:
    assert throwaway_app_key() != throwaway_app_key()
