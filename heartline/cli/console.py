"""One-line messages on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable


def stderr_warn(message: str) -> None:
    """Print one line of warning on stderr."""
    sys.stderr.write(f"heartline: {message}\n")
    sys.stderr.flush()


def stderr_progress(min_total_s: float = 30.0) -> Callable[[float, float], None] | None:
    """A progress line for long transcriptions when stderr is a terminal, else None."""
    if not sys.stderr.isatty():
        return None

    def show(done_s: float, total_s: float) -> None:
        if total_s < min_total_s:
            return
        end = "\n" if done_s >= total_s else ""
        sys.stderr.write(f"\rheartline: transcribed {done_s:.0f} of {total_s:.0f} s "
                         f"({100 * done_s / total_s:.0f}%){end}")
        sys.stderr.flush()

    return show
