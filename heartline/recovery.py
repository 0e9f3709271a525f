"""Answers that the database could not take (a full disk) are kept in a recovery file (12.6).

The file sits beside the database when there is room, else in memory-backed folders that a full
disk does not fill ($XDG_RUNTIME_DIR, /dev/shm). It is JSON lines, readable by its owner only.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

NAME = "heartline-recovered.jsonl"


def _places(db: Path | None) -> list[Path]:
    places = [db.parent] if db is not None else []
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        places.append(Path(runtime))
    places.append(Path("/dev/shm"))
    return places


def keep(record: dict[str, object], db: Path | None) -> Path | None:
    """Append `record` (with the time) to the first recovery file that takes it; its path."""
    line = json.dumps({**record, "at": datetime.now(UTC).isoformat()}, ensure_ascii=False) + "\n"
    data = line.encode("utf-8", "surrogatepass")
    for folder in _places(db):
        path = folder / NAME
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        except OSError:
            continue
        try:
            os.fchmod(fd, 0o600)
            if os.write(fd, data) == len(data):
                os.fsync(fd)
                return path
        except OSError:
            continue
        finally:
            os.close(fd)
    return None
