"""Where `heartline models fetch` installs, and its progress bar."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from voice.recognizers import project_models_dir, user_models_dir


def default_dest() -> Path:
    """The project's models/ folder when it is writable (a source checkout), else the data dir."""
    project = project_models_dir()
    if project.is_dir() and os.access(project, os.W_OK):
        return project
    return user_models_dir()


def progress_bar(stream=sys.stderr, width: int = 30) -> Callable[[int, int | None], None]:  # type: ignore[no-untyped-def]
    """A progress callback drawing a one-line bar on stderr."""
    last = [-1]

    def show(done: int, total: int | None) -> None:
        if total:
            pct = min(100, done * 100 // total)
            if pct == last[0]:
                return
            last[0] = pct
            filled = width * pct // 100
            bar = "#" * filled + "-" * (width - filled)
            stream.write(f"\r[{bar}] {pct:3d}% {done / 1e6:6.1f} MB")
            if done >= total:
                stream.write("\n")
        else:
            stream.write(f"\r{done / 1e6:6.1f} MB")
        stream.flush()

    return show
