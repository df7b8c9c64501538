"""Password hashes (argon2id, OWASP's minimum: m=19 MiB, t=2, p=1) and keys derived from a
password with the same function (for sealing a private key).

The test suite (tests/conftest.py) sets :data:`TEST_COST_VARIABLE` so that the hundreds of
users its tests make cost a cheap argon2id each; the product never sets it, and a test checks
that without it new hashes and sealed keys use the production parameters.
"""

from __future__ import annotations

import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import Type, hash_secret_raw

TIME_COST = 2
MEMORY_KIB = 19 * 1024
PARALLELISM = 1

TEST_COST_VARIABLE = "WEBDESK_TESTS_CHEAP_ARGON2"     # "1": tests only (see the module doc)
TEST_TIME_COST = 1
TEST_MEMORY_KIB = 64

_HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
                         hash_len=32, salt_len=16)
_TEST_HASHER = PasswordHasher(time_cost=TEST_TIME_COST, memory_cost=TEST_MEMORY_KIB,
                              parallelism=PARALLELISM, hash_len=32, salt_len=16)


def _cheap() -> bool:
    return os.environ.get(TEST_COST_VARIABLE) == "1"


def cost() -> tuple[int, int]:
    """(time cost, memory in KiB) for a new hash or sealed key."""
    return (TEST_TIME_COST, TEST_MEMORY_KIB) if _cheap() else (TIME_COST, MEMORY_KIB)


def hash_password(password: str) -> str:
    """argon2id; the parameters are stored in the hash, so a check always uses them."""
    return (_TEST_HASHER if _cheap() else _HASHER).hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def derive_key(password: str, salt: bytes, *, time_cost: int, memory_kib: int,
               parallelism: int = PARALLELISM) -> bytes:
    """32 bytes from a password (argon2id), for AES-256-GCM."""
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=time_cost,
                           memory_cost=memory_kib, parallelism=parallelism, hash_len=32,
                           type=Type.ID)
