"""``webdesk seed-bulk --requests N``: years of requests at once, for tests and benchmarks."""

from __future__ import annotations

import argparse

from desktop.cli.common import Io, opened


def register(sub: argparse._SubParsersAction) -> None:
    seed = sub.add_parser("seed-bulk", help="add N generated requests (three files each) in one "
                          "transaction: for tests and benchmarks, not for a real office")
    seed.add_argument("--requests", type=int, required=True, metavar="N")
    seed.add_argument("--files-per-request", type=int, default=3, metavar="K")
    seed.add_argument("--years", type=int, default=10,
                      help="spread the receipt dates over this many past years")
    seed.add_argument("--seed", type=int, default=15, help="random seed (same N, same rows)")
    seed.set_defaults(handler=seed_bulk_command)


def seed_bulk_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.bulk_seed import seed_bulk

    def progress(done: int) -> None:
        if done % 20_000 == 0:
            io.warn(f"... {done:,}")

    with opened(args, io) as ctx:
        result = seed_bulk(ctx, args.requests, files_per_request=max(0, args.files_per_request),
                           years=max(1, args.years), seed=args.seed, progress=progress)
    io.say(f"added {result.requests:,} requests with {result.files:,} files "
           f"(ids {result.first_id}-{result.last_id}) in {result.seconds:.1f} s")
    return 0
