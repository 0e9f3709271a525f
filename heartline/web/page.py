"""The partner's page: sign in with the token, then the shared entries by day and the week."""

from __future__ import annotations

import hmac
import itertools
import secrets
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from . import get_store
from .api import wav_response
from .auth import COOKIE, check_token, count_failure, page_listener
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
        response = _form("signin.html", error=None)
        if request.cookies.get(COOKIE):  # ended, revoked or unknown: forget it
            response.delete_cookie(COOKIE, path="/", samesite="Strict", httponly=True)
        return response
    tz = current_app.config.get("TIMEZONE")
    today = current_app.config["CLOCK"]().astimezone(tz).date()
    rows = get_store().shared_entries(listener["id"], limit=current_app.config["PAGE_LIMIT"])
    days = [
        (day, list(group))
        for day, group in itertools.groupby(rows, key=lambda r: local_day(r["created_at"], tz))
    ]
    return _form(
        "index.html",
        listener=listener,
        days=days,
        week=week(rows, today, tz),
        emotions=EMOTIONS,
    )


CSRF_COOKIE = "heartline_csrf"
"""A random value the page's forms repeat; another site can neither read nor send it."""


def _csrf_value() -> str:
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)


def _with_csrf(response: Response, value: str) -> Response:
    if request.cookies.get(CSRF_COOKIE) != value:
        response.set_cookie(
            CSRF_COOKIE, value, path="/", httponly=True, samesite="Strict",
            secure=request.is_secure,
        )
    return response


def _form(template: str, status: int = 200, **context: object) -> Response:
    """A page with a form, carrying the CSRF value in a hidden field and in its cookie."""
    value = _csrf_value()
    page = render_template(template, csrf=value, **context)
    return _with_csrf(Response(page, status=status, mimetype="text/html"), value)


def _same_origin() -> bool:
    # SameSite=Strict guards the cookie; this guards the forms themselves from other sites.
    # Browsers say where a request comes from in Sec-Fetch-Site. Without it, a real Origin must be
    # ours. Origin "null" (privacy modes, no-referrer) says nothing either way, so the form must
    # repeat the CSRF cookie, which only our own page can have put in it (issue 12.6). Clients
    # that send neither header are not browsers and carry no cookie of a victim's.
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":
        cookie = request.cookies.get(CSRF_COOKIE, "")
        sent = request.form.get("csrf", "")
        return bool(cookie) and hmac.compare_digest(cookie.encode(), sent.encode())
    return urlsplit(origin).netloc == request.host


@bp.post("/signin")
def signin() -> ResponseReturnValue:
    """Check the token from the form and remember it in an HttpOnly, SameSite=Strict cookie."""
    if not _same_origin():
        raise ApiError(403, "forbidden", "Sign in from Heartline's own page.")
    token = request.form.get("token", "").strip()
    try:
        row = check_token(token)
    except ApiError as refused:
        message = (
            "Too many tries; wait a minute and try again."
            if refused.status == 429
            else "That token is not valid. Ask your partner for a new one."
        )
        page = _form("signin.html", status=refused.status, error=message)
        page.headers.update(refused.headers)
        return page
    # The cookie holds a session of its own, ended on the server at sign-out (issue 12.6).
    secret = get_store().start_session(row["id"])
    response = redirect(url_for("page.index"), code=303)
    response.set_cookie(
        COOKIE,
        secret,
        max_age=COOKIE_MAX_AGE,
        path="/",
        httponly=True,
        samesite="Strict",
        secure=request.is_secure,
    )
    return response


@bp.post("/signout")
def signout() -> ResponseReturnValue:
    """End this device's session on the server and forget its cookie."""
    if not _same_origin():
        raise ApiError(403, "forbidden", "Sign out from Heartline's own page.")
    secret = request.cookies.get(COOKIE)
    if secret:
        get_store().end_session(secret)
    response = redirect(url_for("page.index"), code=303)
    response.delete_cookie(COOKIE, path="/", samesite="Strict", httponly=True)
    return response


@bp.get("/audio/<entry_id>")
def audio(entry_id: str) -> ResponseReturnValue:
    """An entry's audio for the page's player (the cookie stands in for the header here)."""
    listener = page_listener()
    if listener is None:
        if not request.cookies.get(COOKIE):
            count_failure()  # no cookie at all is a failed try too: this route is limited
        raise ApiError(401, "unauthorized", "Sign in first.")
    row = get_store().shared_entry(listener["id"], entry_id)  # opaque id; malformed is a 404
    if row is None:
        raise not_found()
    return wav_response(row)
