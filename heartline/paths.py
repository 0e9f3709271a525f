"""Where Heartline keeps its files: the one place the XDG data folder is worked out (issue 13).

The store and the voice stage take paths as arguments; these functions say which.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
"""Heartline's own data folder: only its owner may list or enter it (issue 12.2)."""


def data_dir() -> Path:
    """$XDG_DATA_HOME/heartline, by default ~/.local/share/heartline."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "heartline"


def default_db_path() -> Path:
    """$HEARTLINE_DB, else heartline.db in the data folder."""
    explicit = os.environ.get("HEARTLINE_DB")
    if explicit:
        return Path(explicit).expanduser()
    return data_dir() / "heartline.db"


def database(db: Path | None) -> Path:
    """The database to open: `db` (--db), else `default_db_path()`.

    When it lives in Heartline's own data folder, an existing folder is made its owner's only on
    the way (older installs made it 0755; the store creates a missing one private). Any other
    folder is left as it is: one chosen with --db or $HEARTLINE_DB may be shared on purpose, or
    be /tmp.
    """
    path = Path(db).expanduser() if db is not None else default_db_path()
    own = data_dir()
    if path.parent == own:
        try:
            if stat.S_IMODE(own.stat().st_mode) & 0o077:
                own.chmod(PRIVATE_DIR)
        except FileNotFoundError:
            pass  # the store creates it, private
        except OSError:
            pass  # not ours to change; opening the database says what is wrong, if anything
    return path


def project_models_dir() -> Path:
    """<checkout>/models, where `heartline models fetch` installs models in a source checkout."""
    return Path(__file__).resolve().parent.parent / "models"


def user_models_dir() -> Path:
    """models/ in the data folder, where models go when the checkout's folder is not writable."""
    return data_dir() / "models"


def model_folders() -> tuple[Path, ...]:
    """Where to look for an installed Vosk model, in order: the checkout's, then the user's."""
    return (project_models_dir(), user_models_dir())
