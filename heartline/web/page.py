"""The partner's page: sign in with the token, then the shared entries by day and the week."""

from __future__ import annotations

import hmac
import secrets
from typing import Any
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

from store.replies import MAX_REPLY, Replies

from ..replying import CoachUnavailable, NotShared, send
from . import view
from .api import wav_response
from .auth import COOKIE, check_token, count_failure, page_listener
from .chart import EMOTIONS, INTENSITY_NAMES, week
from .db import get_store
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
    previous = Replies(get_store()).visit(listener["listener_id"])
    return _page(listener, previous)


def _page(
    listener: dict[str, Any], previous: str | None, coached: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    """The page of shared entries; `coached` holds a held reply and its advice, by public id."""
    tz = current_app.config.get("TIMEZONE")
    today = current_app.config["CLOCK"]().astimezone(tz).date()
    store = get_store()
    rows = store.shared_entries(listener["id"], limit=current_app.config["PAGE_LIMIT"])
    return _form(
        "index.html",
        listener=listener,
        days=view.build(store, listener, rows, previous, tz),
        themes=view.themes(rows, today, tz),
        week=week(rows, today, tz),
        emotions=EMOTIONS,
        intensity_names=INTENSITY_NAMES,
        coached=coached or {},
        new_total=sum(1 for r in rows if previous is None or str(r["created_at"]) > previous),
        first_visit=previous is None,
        status=status,
    )


def _previous(listener: dict[str, Any]) -> str | None:
    return Replies(get_store()).previous_visit(listener["listener_id"])


def _entry_for_form(entry_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The signed-in listener and the entry a form names (by public id), else 401/403/404/429.

    The forms pass the same checks as sign-out: the same site, or the CSRF value repeated.
    """
    if not _same_origin():
        raise ApiError(403, "forbidden", "Use Heartline's own page.")
    listener = page_listener()
    if listener is None:
        if not request.cookies.get(COOKIE):
            count_failure()  # no cookie at all is a failed try too: the cookie routes are limited
        raise ApiError(401, "unauthorized", "Sign in first.")
    row = Replies(get_store()).visible_entry(
        entry_id, listener_id=listener["listener_id"], token_id=listener["id"]
    )
    if row is None:
        raise not_found()
    return listener, row


@bp.post("/heard/<entry_id>")
def heard(entry_id: str) -> ResponseReturnValue:
    """One tap: "I heard you", shown to the speaker."""
    listener, row = _entry_for_form(entry_id)
    get_store().mark_heard(listener["listener_id"], row["id"])
    return redirect(url_for("page.index", _anchor=f"entry-{row['public_id']}"), code=303)


@bp.post("/reply/<entry_id>")
def reply(entry_id: str) -> ResponseReturnValue:
    """Send a reply from the page's box; coached first, the hints shown with the box when held."""
    listener, row = _entry_for_form(entry_id)
    text = request.form.get("text", "").strip()[:MAX_REPLY]
    anyway = request.form.get("anyway") == "1"
    if not text:
        return _page(listener, _previous(listener), {row["public_id"]: (text, None)}, 400)
    try:
        sent = send(
            get_store(), listener["listener_id"], entry_id, text, anyway=anyway,
            token_id=listener["id"],
        )
    except NotShared:
        raise not_found() from None
    except CoachUnavailable:
        raise ApiError(503, "coach_unavailable", "The coach is not available here.") from None
    if not sent.sent:
        return _page(listener, _previous(listener), {row["public_id"]: (text, sent.advice)}, 422)
    return redirect(url_for("page.index", _anchor=f"entry-{row['public_id']}"), code=303)


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
    return signed_in(row["id"])


def signed_in(token_id: int) -> ResponseReturnValue:
    """To the page, with a cookie holding a new session of this token (never the token itself).

    The session is ended on the server at sign-out (issue 12.6).
    """
    secret = get_store().start_session(token_id)
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
