"""Named schema migrations, applied in order and recorded in the `_migrations` table.

Every migration lives here, so opening a database imports no query module (issue 13).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlite_utils import Database

from store.public_ids import new_public_id

Migration = Callable[[Database], None]


def m001_people_checkins_entries(db: Database) -> None:
    """The first schema: people, their check-ins and one entry per answer."""
    db.executescript(
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            engine TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'completed', 'stopped', 'interrupted')),
            started_at TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            checkin_id INTEGER NOT NULL REFERENCES checkins(id),
            person_id INTEGER NOT NULL REFERENCES people(id),
            asked TEXT NOT NULL,
            emotion TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            words TEXT NOT NULL DEFAULT '[]',
            reply TEXT NOT NULL DEFAULT '',
            intensity INTEGER NOT NULL DEFAULT 0,
            shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
            private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
            engine TEXT NOT NULL,
            created_at TEXT NOT NULL,
            audio BLOB
        );
        CREATE INDEX entries_person_created ON entries(person_id, created_at);
        CREATE INDEX entries_checkin ON entries(checkin_id);
        """
    )


def m002_entry_tombstones(db: Database) -> None:
    """Deleting an entry erases its words and voice but keeps a tombstone row."""
    db.execute("ALTER TABLE entries ADD COLUMN deleted_at TEXT")
    db.execute("ALTER TABLE checkins ADD COLUMN shared_at TEXT")


def m003_partner_sharing(db: Database) -> None:
    """Listener tokens, what each listener has heard, and synthesized audio."""
    db.executescript(
        """
        CREATE TABLE tokens (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES people(id),
            listener_id INTEGER NOT NULL REFERENCES people(id),
            token_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            revoked_at TEXT,
            CHECK (owner_id != listener_id)
        );
        CREATE INDEX tokens_listener ON tokens(listener_id);
        CREATE TABLE heard (
            listener_id INTEGER NOT NULL REFERENCES people(id),
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            heard_at TEXT NOT NULL,
            PRIMARY KEY (listener_id, entry_id)
        );
        CREATE TABLE audio_cache (
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            text_hash TEXT NOT NULL,
            wav BLOB NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (entry_id, text_hash)
        );
        CREATE INDEX entries_shared ON entries(person_id, shared, created_at);
        """
    )


def m004_schedules(db: Database) -> None:
    """Each person's evening prompt time and days, and the state of their prompts."""
    db.executescript(
        """
        CREATE TABLE schedules (
            person_id INTEGER PRIMARY KEY REFERENCES people(id),
            at TEXT NOT NULL,
            days TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE schedule_state (
            person_id INTEGER PRIMARY KEY REFERENCES people(id),
            handled_on TEXT,
            snooze_until TEXT,
            updated_at TEXT NOT NULL
        );
        """
    )


def m005_pending_purges(db: Database) -> None:
    """Deletions whose old pages may still be in the WAL, to be purged at the next chance."""
    db.execute(
        "CREATE TABLE pending_purges (entry_id INTEGER PRIMARY KEY, deleted_at TEXT NOT NULL)"
    )


def m006_page_sessions_and_checkin_owners(db: Database) -> None:
    """Page sessions; and which process runs an open check-in, to close it if that one died."""
    db.executescript(
        """
        CREATE TABLE page_sessions (
            id INTEGER PRIMARY KEY,
            token_id INTEGER NOT NULL REFERENCES tokens(id),
            secret_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            ended_at TEXT
        );
        ALTER TABLE checkins ADD COLUMN runner TEXT;
        """
    )


def m007_entry_public_ids(db: Database) -> None:
    """Give every entry, old ones included, an opaque public id."""
    db.execute("ALTER TABLE entries ADD COLUMN public_id TEXT")
    for (entry_id,) in db.execute("SELECT id FROM entries").fetchall():
        db.execute("UPDATE entries SET public_id = ? WHERE id = ?", [new_public_id(), entry_id])
    db.execute("CREATE UNIQUE INDEX entries_public_id ON entries(public_id)")


def m008_replies(db: Database) -> None:
    """Replies from a listener to a shared entry; gone with the entry they answer."""
    db.executescript(
        """
        CREATE TABLE replies (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            from_id INTEGER NOT NULL REFERENCES people(id),
            to_id INTEGER NOT NULL REFERENCES people(id),
            text TEXT NOT NULL,
            coached TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            heard_at TEXT,
            CHECK (from_id != to_id)
        );
        CREATE INDEX replies_to ON replies(to_id, created_at);
        CREATE INDEX replies_entry ON replies(entry_id);
        CREATE TRIGGER replies_gone_with_entry AFTER UPDATE OF deleted_at ON entries
        WHEN NEW.deleted_at IS NOT NULL
        BEGIN
            DELETE FROM replies WHERE entry_id = NEW.id;
        END;
        """
    )


def m009_page_visits(db: Database) -> None:
    """When each listener last opened the page, to mark what is new since."""
    db.executescript(
        """
        CREATE TABLE page_visits (
            listener_id INTEGER PRIMARY KEY REFERENCES people(id),
            seen_at TEXT NOT NULL,
            previous_at TEXT
        );
        """
    )


def m010_signin_links(db: Database) -> None:
    """One-time sign-in links, by code hash, with who they sign in and until when."""
    db.executescript(
        """
        CREATE TABLE signin_links (
            code_hash TEXT PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES people(id),
            listener_id INTEGER NOT NULL REFERENCES people(id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        );
        """
    )


MIGRATIONS: tuple[Migration, ...] = (
    m001_people_checkins_entries,
    m002_entry_tombstones,
    m003_partner_sharing,
    m004_schedules,
    m005_pending_purges,
    m006_page_sessions_and_checkin_owners,
    m007_entry_public_ids,
    m008_replies,
    m009_page_visits,
    m010_signin_links,
)
"""Every migration, oldest first; append new ones, never edit or reorder applied ones."""


def applied(db: Database) -> list[str]:
    """The names of the migrations already applied to `db`, in the order they ran."""
    if not db.table("_migrations").exists():
        return []
    return [row["name"] for row in db.query("SELECT name FROM _migrations ORDER BY id")]


def migrate(db: Database, *, upto: str | None = None) -> list[str]:
    """Apply every pending migration (or those up to and including `upto`); return their names."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        "id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
    )
    done = set(applied(db))
    ran: list[str] = []
    for migration in MIGRATIONS:
        name = migration.__name__
        if name not in done:
            # One transaction per migration: a crash never leaves half a schema change.
            with db.atomic():
                migration(db)
                db.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                    [name, datetime.now(UTC).isoformat()],
                )
            ran.append(name)
        if name == upto:
            break
    return ran
