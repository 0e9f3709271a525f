"""A phone signs in by opening a one-time link (from the QR code `serve` prints): issue 11."""

from __future__ import annotations

from flask import Blueprint
from flask.typing import ResponseReturnValue

from store.signin_links import spend_link

from .auth import count_failure
from .db import get_store
from .errors import ApiError
from .page import _form, signed_in

bp = Blueprint("link", __name__)

EXPIRED = (
    "That sign-in link has expired or was already used. Ask for a new one, or paste a token below."
)
"""What a phone is told when its link opens nothing."""


@bp.get("/link/<code>")
def open_link(code: str) -> ResponseReturnValue:
    """Spend the code once: the phone's own fresh token, behind a page session in the cookie.

    Like the sign-in form, the cookie holds a server-side session, never the token, and a link
    that opens nothing is a failed try the limiter counts (429 beyond the limit).
    """
    made = spend_link(get_store(), code)
    if made is None:
        try:
            count_failure()
        except ApiError as refused:
            page = _form(
                "signin.html", status=refused.status,
                error="Too many tries; wait a minute and try again.",
            )
            page.headers.update(refused.headers)
            return page
        return _form("signin.html", status=404, error=EXPIRED)
    token_id, _ = made
    return signed_in(token_id)
