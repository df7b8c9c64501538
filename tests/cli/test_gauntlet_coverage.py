"""The gauntlet covers EVERY subcommand: each has hostile cases of its own in a table of
tests/cli/test_gauntlet_*.py (besides its row in the broken-environment matrix)."""

from __future__ import annotations

from desktop.cli import build_parser
from tests.cli import (
    test_gauntlet_admin,
    test_gauntlet_backup,
    test_gauntlet_postgres,
    test_gauntlet_publish,
    test_gauntlet_report,
    test_gauntlet_requests,
    test_gauntlet_users,
)
from tests.cli.cases import Case
from tests.cli.leaves import leaf_of, parser_leaves

MODULES = (test_gauntlet_admin, test_gauntlet_backup, test_gauntlet_postgres,
           test_gauntlet_publish, test_gauntlet_report, test_gauntlet_requests,
           test_gauntlet_users)


def all_cases() -> list[Case]:
    found = []
    for module in MODULES:
        for name, value in vars(module).items():
            if name.endswith("_CASES") and isinstance(value, list):
                found += [item for item in value if isinstance(item, Case)]
    return found


def test_every_subcommand_has_hostile_cases() -> None:
    parser = build_parser()
    covered = {leaf_of(item.argv, parser) for item in all_cases()}
    missing = sorted(set(parser_leaves()) - covered)
    assert not missing, f"add gauntlet cases (tests/cli/test_gauntlet_*.py) for: {missing}"


def test_case_ids_are_unique_in_each_module() -> None:
    for module in MODULES:
        ids = [item.id for name, value in vars(module).items()
               if name.endswith("_CASES") for item in value]
        assert len(ids) == len(set(ids)), (module.__name__, sorted(
            {i for i in ids if ids.count(i) > 1}))
