"""The fast canonical encoding that ``audit verify`` uses is byte for byte the one rows are
written with (any difference would break every chain, or hide a change)."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.store import audit

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
ids = st.one_of(st.none(), st.integers(min_value=0, max_value=2**40))
moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2200, 1, 1))


@settings(max_examples=300, deadline=None)
@given(row_id=st.integers(min_value=1, max_value=2**40), at=moments, actor_id=ids,
       actor_name=texts, workstation=texts, action=texts, request_id=ids, details=texts)
def test_fast_canonical_equals_the_written_one(row_id: int, at: datetime, actor_id: int | None,
                                               actor_name: str, workstation: str, action: str,
                                               request_id: int | None, details: str) -> None:
    written = audit._canonical(row_id, at, actor_id, actor_name, workstation, action,
                               request_id, details)
    sqlite_text = at.strftime("%Y-%m-%d %H:%M:%S.") + f"{at.microsecond:06d}"
    for stamp in (at, sqlite_text):
        fast = audit._canonical_fast(row_id, audit._iso(stamp), actor_id, actor_name,
                                     workstation, action, request_id, details)
        assert fast == written
