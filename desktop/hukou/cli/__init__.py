"""The `hukou` command: no arguments starts the GUI; subcommands are the headless CLI.

Each command group lives in its own module in this package and exposes
`register(subparsers)`; add the module's name to COMMAND_MODULES to make it appear.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from hukou import __version__

COMMAND_MODULES: list[str] = [
    # one entry per command module in hukou/cli/, in the order `hukou --help` lists them
    "policy",
    "assess",
    "sync",
    "verify",
    "hq",
    "cases",
    "print_documents",
    "users",
    "audit",
    "backup",
    "demo",
]


class CliError(Exception):
    """A problem the user can fix: printed on stderr without a traceback, exit code 2."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hukou",
        description="Hukou Counter (户籍窗口受理台). "
        "Without a command, starts the application window.",
    )
    parser.add_argument("--version", action="version", version=f"hukou {__version__}")
    parser.add_argument(
        "--data-dir",
        help="the station's data directory (default: $HUKOU_DATA_DIR, else the OS user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"hukou.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    gui_only = argparse.ArgumentParser(add_help=False)
    gui_only.add_argument("--data-dir")
    known, rest = gui_only.parse_known_args(args_list)
    if not rest:
        # No command: start the window without importing every command module (the
        # headquarters server, HTTP client, PDF toolkit), which would slow the start.
        return _start_gui(known)
    parser = build_parser()
    args = parser.parse_args(args_list)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return _start_gui(args)
        result = handler(args)
        return int(result or 0)
    except CliError as exc:
        print(f"hukou: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _start_gui(args: argparse.Namespace) -> int:
    try:
        app = importlib.import_module("hukou.ui.app")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("hukou.ui"):
            print("hukou: the application window is not part of this build; "
                  "see `hukou --help` for the commands", file=sys.stderr)
            return 2
        raise
    return int(app.run(data_dir=args.data_dir))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
