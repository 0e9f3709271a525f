"""The partner's page: sign in with the token, then the shared entries by day and the week."""

from __future__ import annotations

import itertools
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from . import get_store
from .api import wav_response
from .auth import COOKIE, check_token, page_listener
from .chart import EMOTIONS, local_day, week
from .errors import ApiError, not_found

bp = Blueprint("page", __name__)

COOKIE_MAX_AGE = 180 * 24 * 3600
"""How long the page remembers a sign-in (the token can be revoked at any time)."""


@bp.get("/")
def index() -> ResponseReturnValue:
    """The shared entries by day, or the sign-in form."""
    listener = page_listener()
    if listener is None:
        response = make_response(render_template("signin.html", error=None))
        if request.cookies.get(COOKIE):  # revoked or unknown: forget it
            response.delete_cookie(COOKIE, path="/", samesite="Strict", httponly=True)
        return response
    tz = current_app.config.get("TIMEZONE")
    today = current_app.config["CLOCK"]().astimezone(tz).date()
    rows = get_store().shared_entries(listener["id"], limit=current_app.config["PAGE_LIMIT"])
    days = [
        (day, list(group))
        for day, group in itertools.groupby(rows, key=lambda r: local_day(r["created_at"], tz))
    ]
    return render_template(
        "index.html",
        listener=listener,
        days=days,
        week=week(rows, today, tz),
        emotions=EMOTIONS,
    )


def _same_origin() -> bool:
    # SameSite=Strict guards the cookie; this guards the sign-in form itself from other sites.
    # Browsers say where a request comes from in Sec-Fetch-Site; with our no-referrer policy their
    # Origin header may be "null", so it is only a fallback. Clients that send neither are allowed.
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.host


@bp.post("/signin")
def signin() -> ResponseReturnValue:
    """Check the token from the form and remember it in an HttpOnly, SameSite=Strict cookie."""
    if not _same_origin():
        raise ApiError(403, "forbidden", "Sign in from Heartline's own page.")
    token = request.form.get("token", "").strip()
    try:
        check_token(token)
    except ApiError as refused:
        message = (
            "Too many tries; wait a minute and try again."
            if refused.status == 429
            else "That token is not valid. Ask your partner for a new one."
        )
        page = render_template("signin.html", error=message)
        return Response(page, status=refused.status, headers=refused.headers, mimetype="text/html")
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


@bp.post("/signout")
def signout() -> ResponseReturnValue:
    """Forget the token on this device."""
    response = redirect(url_for("page.index"), code=303)
    response.delete_cookie(COOKIE, path="/", samesite="Strict", httponly=True)
    return response


@bp.get("/audio/<entry_id>")
def audio(entry_id: str) -> ResponseReturnValue:
    """An entry's audio for the page's player (the cookie stands in for the header here)."""
    listener = page_listener()
    if listener is None:
        raise ApiError(401, "unauthorized", "Sign in first.")
    if not entry_id.isascii() or not entry_id.isdigit() or len(entry_id) > 18:
        raise not_found()
    row = get_store().shared_entry(listener["id"], int(entry_id))
    if row is None:
        raise not_found()
    return wav_response(row)
