"""The request's store, as flaskr's db.py: one connection per worker thread, ended at teardown."""

from __future__ import annotations

import threading

from flask import Flask, current_app, g

from store import Store
from store.changes import ChangeWatch

_LOCAL = "heartline.local"
"""The app extension holding each worker thread's own store and change watch."""


def init_app(app: Flask) -> None:
    """Give `app` per-thread connections, and end a failed request's transaction at teardown."""
    app.extensions[_LOCAL] = threading.local()
    app.teardown_appcontext(close_request)


def get_store() -> Store:
    """The store for this request, on this worker thread's own connection.

    Each waitress thread keeps one connection and reuses it request after request: opening one
    costs more than answering most requests. A connection is only ever used by its own thread,
    and teardown ends any transaction a failed request left open.
    """
    local = current_app.extensions[_LOCAL]
    store: Store | None = getattr(local, "store", None)
    if store is None:
        store = Store.open(current_app.config["DATABASE"], migrate=False)
        local.store = store
        local.watch = ChangeWatch(store.db.conn)
    g.store = store
    return store


def get_watch() -> ChangeWatch:
    """This worker thread's change watch, on its own connection (see answers.py)."""
    get_store()
    watch: ChangeWatch = current_app.extensions[_LOCAL].watch
    return watch


def close_request(exc: BaseException | None) -> None:
    """End any transaction the request left open; the connection stays for the thread's next."""
    store = g.pop("store", None)
    if store is not None and store.db.conn.in_transaction:
        store.db.conn.rollback()
