"""A phone signs in by opening a one-time link (from the QR code `serve` prints): issue 11."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from store.signin_links import spend_link

from . import get_store
from .auth import COOKIE

bp = Blueprint("link", __name__)

COOKIE_MAX_AGE = 180 * 24 * 3600
"""As long as a sign-in with the token form lasts."""


@bp.get("/link/<code>")
def open_link(code: str) -> ResponseReturnValue:
    """Spend the code once: the phone gets its own fresh token in the page's cookie."""
    made = spend_link(get_store(), code)
    if made is None:
        page = render_template(
            "signin.html",
            error="That sign-in link has expired or was already used. Ask for a new one, "
            "or paste a token below.",
        )
        return Response(page, status=404, mimetype="text/html")
    _, token = made
    response = redirect(url_for("page.index"), code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=COOKIE_MAX_AGE,
        path="/",
        httponly=True,
        samesite="Strict",
        secure=request.is_secure,
    )
    return response
