import hashlib


def read(path):
    with open(path, encoding='utf-8') as handle:
        return handle.read()


def sha256_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
