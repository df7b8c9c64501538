"""A private key sealed under a password: argon2id → AES-256-GCM, bound to its public key.

The sealed form is a small JSON text (kdf parameters, salt, nonce, ciphertext), so a key
stored in the database can be opened only by whoever knows the password — not by someone who
can read or write the database.
"""

from __future__ import annotations

import base64
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.keys.passwords import PARALLELISM, cost, derive_key


class WrongPassword(Exception):
    """The password does not open this sealed key (or the sealed text was changed)."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def seal(secret: bytes, password: str, bound_to: bytes) -> str:
    """``secret`` encrypted under ``password``; ``bound_to`` (the public key) is authenticated."""
    salt = os.urandom(16)
    nonce = os.urandom(12)
    time_cost, memory_kib = cost()
    key = derive_key(password, salt, time_cost=time_cost, memory_kib=memory_kib)
    sealed = AESGCM(key).encrypt(nonce, secret, bound_to)
    return json.dumps({"v": 1, "kdf": "argon2id", "t": time_cost, "m": memory_kib,
                       "p": PARALLELISM, "salt": _b64(salt), "nonce": _b64(nonce),
                       "ct": _b64(sealed)}, sort_keys=True)


def unseal(text: str, password: str, bound_to: bytes) -> bytes:
    """The secret, or :class:`WrongPassword`."""
    try:
        data = json.loads(text)
        salt = base64.b64decode(data["salt"])
        nonce = base64.b64decode(data["nonce"])
        sealed = base64.b64decode(data["ct"])
        key = derive_key(password, salt, time_cost=int(data["t"]), memory_kib=int(data["m"]),
                         parallelism=int(data["p"]))
        return AESGCM(key).decrypt(nonce, sealed, bound_to)
    except (InvalidTag, ValueError, KeyError, TypeError) as exc:
        raise WrongPassword from exc
