"""Where Heartline keeps its files: the user's XDG data directory."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """$XDG_DATA_HOME/heartline, by default ~/.local/share/heartline."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "heartline"
