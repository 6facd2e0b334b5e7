"""``python -m middlepower``: the command line."""

from __future__ import annotations

import sys

from middlepower.cli import main

sys.exit(main())
