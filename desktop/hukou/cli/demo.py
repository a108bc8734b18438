"""`hukou demo seed --cases N`: a demo station with realistic synthetic cases."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from hukou.cli.cases import station_database


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("demo", help="demo data for screenshots and benchmarks")
    sub = parser.add_subparsers(dest="demo_command", metavar="ACTION", required=True)
    seed = sub.add_parser(
        "seed", help="create the demo station (users admin/clerk/clerk2/super, password "
        "demo1234) and N synthetic cases")
    seed.add_argument("--cases", type=int, default=500, help="how many cases (default 500)")
    seed.add_argument("--seed", type=int, default=20261122,
                      help="random seed (same seed, same data)")
    seed.set_defaults(handler=_seed)


def _seed(args: argparse.Namespace) -> int:
    from hukou.store.demo import seed_demo

    def progress(done: int) -> None:
        if args.cases >= 50_000:
            print(f"\r{done:,} / {args.cases:,} cases", end="", file=sys.stderr, flush=True)

    with station_database(args) as db:
        summary = seed_demo(db, cases=max(0, args.cases), seed=args.seed, progress=progress)
    if args.cases >= 50_000:
        print(file=sys.stderr)
    print(f"seeded {summary.cases} cases with {summary.persons} persons in "
          f"{summary.seconds:.1f} s (users admin, clerk, clerk2, super; password demo1234)")
    return 0
