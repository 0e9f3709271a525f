"""Check-ins whose process died (kill -9, power loss) are closed as `interrupted` (issue 12.6).

Each check-in records which process runs it: host, pid and the process's start time (so a pid
used again by another program is not mistaken for it). When a command opens the database, open
check-ins of this host whose process is gone are closed; their answers were each committed when
given, so nothing is lost. A check-in from before this column existed is closed after a day.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from sqlite_utils import Database

STALE_WITHOUT_RUNNER = timedelta(days=1)
"""An open check-in with no recorded process is taken as abandoned after this long."""


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None


def this_runner() -> str:
    """host:pid:start of the current process."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_time(pid) or '?'}"


def _is_gone(runner: str) -> bool:
    parts = runner.rsplit(":", 2)
    if len(parts) != 3:
        return False
    host, pid, start = parts
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's (a shared disk): not ours to judge
    if start == "?":
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
    return _start_time(int(pid)) != start


def close_abandoned(db: Database, now: datetime) -> int:
    """Mark open check-ins whose process is gone as interrupted; how many were closed."""
    rows = list(db.query("SELECT id, runner, started_at FROM checkins WHERE status = 'open'"))
    stale_before = (now - STALE_WITHOUT_RUNNER).isoformat()
    gone = [
        r["id"]
        for r in rows
        if (r["runner"] is None and r["started_at"] < stale_before)
        or (r["runner"] is not None and _is_gone(r["runner"]))
    ]
    for checkin_id in gone:
        db.execute(
            """UPDATE checkins SET status = 'interrupted', finished_at = ?
               WHERE id = ? AND status = 'open'""",
            [now.isoformat(timespec="microseconds"), checkin_id],
        )
    return len(gone)
