"""Password hashes (argon2id, OWASP's minimum: m=19 MiB, t=2, p=1) and keys derived from a
password with the same function (for sealing a private key)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import Type, hash_secret_raw

TIME_COST = 2
MEMORY_KIB = 19 * 1024
PARALLELISM = 1

_HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
                         hash_len=32, salt_len=16)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def derive_key(password: str, salt: bytes, *, time_cost: int = TIME_COST,
               memory_kib: int = MEMORY_KIB, parallelism: int = PARALLELISM) -> bytes:
    """32 bytes from a password (argon2id), for AES-256-GCM."""
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=time_cost,
                           memory_cost=memory_kib, parallelism=parallelism, hash_len=32,
                           type=Type.ID)
