"""Storage of people, check-ins and entries; the only package that imports sqlite-utils."""

from store.db import default_db_path
from store.errors import (
    DatabaseUnwritable,
    InvalidName,
    NotADatabase,
    StoreError,
    UnknownCheckin,
    UnknownEntry,
    UnknownPerson,
    UnknownToken,
)
from store.queries import SHAREABLE_KINDS, Store

__all__ = [
    "SHAREABLE_KINDS",
    "DatabaseUnwritable",
    "InvalidName",
    "NotADatabase",
    "Store",
    "StoreError",
    "UnknownCheckin",
    "UnknownEntry",
    "UnknownPerson",
    "UnknownToken",
    "default_db_path",
]
