"""The bad-file gauntlet: every generated file ends in the expected verdict, within a time box."""

from __future__ import annotations

import threading
import unicodedata

import pytest

from desktop.domain.file_messages import FILE_MESSAGES
from desktop.domain.file_policy import FilePolicy, Verdict
from desktop.files.intake import inspect_file

from .gauntlet_cases import ACCEPTED, Case, all_cases

TIME_BOX_SECONDS = 30.0
CASES = all_cases()


def run_boxed(case: Case) -> Verdict:
    """Inspect on a worker thread; fail (not hang) when it does not finish in the time box."""
    data = case.make()
    policy = FilePolicy.from_dict(case.policy) if case.policy else FilePolicy()
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(inspect_file(data, case.name, policy))
        except BaseException as error:  # noqa: BLE001  (reported below as a failure)
            outcome.append(error)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(TIME_BOX_SECONDS)
    if worker.is_alive():
        pytest.fail(f"{case.id}: inspection did not finish within {TIME_BOX_SECONDS} s")
    result = outcome[0]
    if not isinstance(result, Verdict):
        pytest.fail(f"{case.id}: an exception escaped: {result!r}")
    return result


def test_the_gauntlet_is_big_enough() -> None:
    assert len(CASES) >= 150
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_file_ends_in_the_expected_verdict(case: Case) -> None:
    verdict = run_boxed(case)
    outcome = ACCEPTED if verdict.accepted else verdict.reason_code
    expected = case.expected if isinstance(case.expected, frozenset) else {case.expected}
    assert outcome in expected, (case.id, verdict.reason_code, verdict.reason_params)
    display = verdict.display_name
    assert display and "/" not in display and "\\" not in display
    assert not any(unicodedata.category(c) == "Cc" for c in display)
    assert unicodedata.is_normalized("NFC", display) and len(display) <= 200
    assert len(verdict.sha256) == 64
    if verdict.accepted:
        assert verdict.kind is not None and verdict.media_type == verdict.kind.media_type
        assert verdict.reason("en") == ""
    else:
        assert verdict.kind is None
        assert verdict.reason_code in FILE_MESSAGES
        thai, english = verdict.reason("th"), verdict.reason("en")
        assert thai and english and thai != english and "{" not in english
    for warning in verdict.warnings:
        assert warning in FILE_MESSAGES
