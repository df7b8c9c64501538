"""One hostile or mistaken invocation and the check that it was refused by the house rule.

A :class:`Case` is a row of a gauntlet table: the arguments (``{out}``, ``{missing}``,
``{folder}``, ``{ro}``, ``{full}``, ``{home}`` are filled in from :class:`Places`), what
comes on stdin (``None``: stdin closed), and the words the message must contain in either
language (``says``) or in one (``th``/``en``).  :func:`check_refused` runs it and asserts:
the exit code (2 unless said otherwise), the message on stderr in the chosen language naming
the problem, no traceback, nothing half-saved in the database (only the sign-in's audit rows
may be added), the audit chain still verifying, and no file left behind in the places.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from _pytest.mark.structures import ParameterSet

from tests.cli.harness import Outcome, refused
from tests.cli.places import Places
from tests.cli.profiles import DEMO_PASSWORDS, Profile, assert_unchanged

LANGS = ("th", "en")


def pw(*users: str) -> str:
    """stdin with the demo passwords of ``users``, a line each."""
    return "".join(f"{DEMO_PASSWORDS[user]}\n" for user in users)


@dataclass(frozen=True)
class Case:
    id: str
    argv: tuple[str, ...]
    stdin: str | None = ""
    says: tuple[str, ...] = ()
    th: str = ""
    en: str = ""
    code: int = 2
    xfail: str = ""               # a known bug left to its owner (strict: fails once fixed)
    xfail_langs: tuple[str, ...] = LANGS      # ... in these languages
    records: frozenset[str] = frozenset()     # audit actions the attempt itself may add

    def names(self, lang: str, places: Places) -> tuple[str, ...]:
        own = self.th if lang == "th" else self.en
        return tuple(places.fill(word) for word in (*self.says, *([own] if own else [])))


def case(id: str, *argv: str, stdin: str | None = "", says: tuple[str, ...] | str = (),
         th: str = "", en: str = "", code: int = 2, xfail: str = "",
         xfail_langs: tuple[str, ...] = LANGS, records: tuple[str, ...] = ()) -> Case:
    words = (says,) if isinstance(says, str) else says
    return Case(id, argv, stdin, words, th, en, code, xfail, xfail_langs, frozenset(records))


def params(cases: list[Case], langs: tuple[str, ...] = LANGS) -> list[ParameterSet]:
    """pytest parameters: every case in every language; known bugs as strict xfails."""
    out = []
    for item in cases:
        for lang in langs:
            marks = ([pytest.mark.xfail(strict=True, reason=item.xfail)]
                     if item.xfail and lang in item.xfail_langs else [])
            out.append(pytest.param(item, lang, id=f"{item.id}-{lang}", marks=marks))
    return out


def check_refused(profile: Profile, places: Places, item: Case, lang: str) -> Outcome:
    argv = [places.fill(word) for word in item.argv]
    before_db = profile.snapshot()
    before_files = places.listing()
    outcome = profile.run(lang, *argv, stdin=item.stdin)
    refused(outcome, lang, *item.names(lang, places), code=item.code)
    assert places.listing() == before_files, "a refused command left a file behind"
    assert_unchanged(before_db, profile.snapshot(), item.records)
    return outcome


def check_refused_and_verified(profile: Profile, places: Places, item: Case,
                               lang: str) -> Outcome:
    """:func:`check_refused`, then ``audit verify`` must still pass."""
    outcome = check_refused(profile, places, item, lang)
    assert profile.audit_verifies(), "the audit chain no longer verifies"
    return outcome
