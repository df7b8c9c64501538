"""Fixtures of the security tests."""

from tests.security.trust_fixtures import office  # noqa: F401
