"""Storage of people, check-ins and entries; the only package that imports sqlite-utils."""

import sqlite3

from store.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseUnwritable,
    DiskFull,
    InvalidName,
    NotADatabase,
    SameOwnerAndListener,
    StoreError,
    UnknownCheckin,
    UnknownEntry,
    UnknownPerson,
    UnknownToken,
)
from store.errors import translate as translate_error
from store.queries import SHAREABLE_KINDS, Store

SQLITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, OverflowError)
"""What SQLite can raise past the store; turn one into a StoreError with translate_error."""

__all__ = [
    "SHAREABLE_KINDS",
    "SQLITE_ERRORS",
    "DatabaseBusy",
    "DatabaseDamaged",
    "DatabaseReadOnly",
    "DatabaseUnwritable",
    "DiskFull",
    "InvalidName",
    "NotADatabase",
    "SameOwnerAndListener",
    "Store",
    "StoreError",
    "UnknownCheckin",
    "UnknownEntry",
    "UnknownPerson",
    "UnknownToken",
    "translate_error",
]
