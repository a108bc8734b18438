from __future__ import annotations

import sys

from hukou.cli import main

sys.exit(main())
