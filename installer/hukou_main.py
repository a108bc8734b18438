"""Entry point of the bundled application: the `hukou` command (the window without arguments)."""

from __future__ import annotations

import sys

from hukou.cli import main

if __name__ == "__main__":
    sys.exit(main())
