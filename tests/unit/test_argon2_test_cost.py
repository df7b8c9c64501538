"""The suite's cheap argon2 (tests/conftest.py sets WEBDESK_TESTS_CHEAP_ARGON2=1 unless it is
set already: =0 runs the suite at the production cost) is a switch
of the tests only: unset, hashes and sealed keys use the production parameters (also checked
through the services in tests/unit/services/test_workflow_services.py), and either kind of
hash verifies whatever the variable says, since a hash carries its own parameters."""

from __future__ import annotations

import json

import pytest

from desktop.keys import sealing
from desktop.keys.passwords import TEST_COST_VARIABLE, hash_password, verify_password


def test_the_variable_makes_new_hashes_cheap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEST_COST_VARIABLE, "1")
    assert hash_password("x").startswith("$argon2id$v=19$m=64,t=1,p=1$")
    sealed = sealing.seal(b"secret", "x", b"public")
    assert (json.loads(sealed)["t"], json.loads(sealed)["m"]) == (1, 64)


def test_without_the_variable_the_production_parameters_are_used(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TEST_COST_VARIABLE, raising=False)
    stored = hash_password("geheim-1")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    sealed = sealing.seal(b"secret", "geheim-1", b"public")
    assert (json.loads(sealed)["t"], json.loads(sealed)["m"]) == (2, 19456)
    monkeypatch.setenv(TEST_COST_VARIABLE, "1")             # a hash carries its parameters
    assert verify_password(stored, "geheim-1") and not verify_password(stored, "geheim-2")
    assert sealing.unseal(sealed, "geheim-1", b"public") == b"secret"
    with pytest.raises(sealing.WrongPassword):
        sealing.unseal(sealed, "geheim-2", b"public")
