"""One-line messages on stderr."""

from __future__ import annotations

import sys


def stderr_warn(message: str) -> None:
    """Print one line of warning on stderr."""
    sys.stderr.write(f"heartline: {message}\n")
    sys.stderr.flush()
