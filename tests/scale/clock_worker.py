"""Run under libfaketime (a PC whose clock is years off): sign off one request, print the
time this process believes it is.  ``python -m tests.scale.clock_worker HOME URL ID``."""

from __future__ import annotations

import sys
from datetime import datetime

from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services.context import AppContext
from desktop.services.signoff import Decision, decide
from tests.security.trust_fixtures import PASSWORDS


def main(home: str, url: str, request_id: int) -> None:
    ctx = AppContext.open(AppPaths.resolve(home, url), upgrade=False)
    try:
        boss = auth.sign_in(ctx, "boss", PASSWORDS["boss"])
        decide(ctx, boss, request_id, Decision.APPROVE, PASSWORDS["boss"])
    finally:
        ctx.close()
    print(datetime.now().isoformat())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
