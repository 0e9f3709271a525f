"""The partner sharing service: a Flask app with the partner API and the partner's page."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from store import SQLITE_ERRORS, Store, StoreError, translate_error
from store.tokens import looks_like_token

from . import db
from .answers import Answers
from .auth import RateLimiter
from .db import get_store, get_watch
from .errors import ApiError, error_response

Synthesize = Callable[[str], bytes]
"""Text in, a WAV file's bytes out."""

DEFAULTS: dict[str, Any] = {
    "DATABASE": None,
    "SYNTHESIZE": None,
    "MAX_CONTENT_LENGTH": 16 * 1024,
    "RATE_LIMIT_FAILURES": 10,
    "RATE_LIMIT_WINDOW": 60.0,
    "CLOCK": None,
    "BENCH": False,
    "KEEP_ANSWERS": True,
    "PAGE_LIMIT": 500,
}

# Query parameters that people use to pass credentials; the service never accepts them.
_TOKEN_PARAMS = frozenset({"token", "access_token", "api_key", "apikey", "key", "auth", "bearer"})


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app for `config`: DATABASE (a path) is required; SYNTHESIZE gives entries a voice."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    if not app.config["DATABASE"]:
        raise ValueError("create_app needs config['DATABASE'], the database path")
    app.config["DATABASE"] = Path(app.config["DATABASE"])
    if app.config["CLOCK"] is None:
        app.config["CLOCK"] = lambda: datetime.now(UTC)
    # Migrate once here, so each request only opens a connection.
    Store.open(app.config["DATABASE"]).close()
    # Answers are kept until the next commit (see answers.py).
    app.extensions["heartline.answers"] = Answers(enabled=bool(app.config["KEEP_ANSWERS"]))
    app.extensions["heartline.limiter"] = RateLimiter(
        app.config["RATE_LIMIT_FAILURES"], app.config["RATE_LIMIT_WINDOW"]
    )
    # Speech engines are not thread-safe and waitress serves from several threads.
    app.extensions["heartline.synth_lock"] = threading.Lock()
    db.init_app(app)

    # "/api/v1//entries/1" must be a 404, not a redirect built from the Host header (issue 12.6).
    app.url_map.merge_slashes = False
    from . import api, link, page, reply_api

    app.register_blueprint(api.bp)
    app.register_blueprint(reply_api.bp)
    app.register_blueprint(link.bp)
    app.register_blueprint(page.bp)
    if app.config["BENCH"]:
        app.register_blueprint(api.bench_bp)

    app.before_request(_refuse_tokens_in_url)
    app.before_request(_limit_size)
    app.after_request(_secure_headers)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StoreError, _storage_error)
    for kind in SQLITE_ERRORS:
        app.register_error_handler(kind, _storage_error)
    app.register_error_handler(Exception, _internal_error)
    return app


def _refuse_tokens_in_url() -> ResponseReturnValue | None:
    # A token in a URL ends up in logs, history and Referer headers: refuse it outright.
    for key, value in request.args.items(multi=True):
        if key.lower() in _TOKEN_PARAMS or looks_like_token(value):
            raise ApiError(400, "token_in_url", "Send the token in the Authorization header only.")
    if any(looks_like_token(part) for part in request.path.split("/")):
        raise ApiError(400, "token_in_url", "Send the token in the Authorization header only.")
    return None


def _limit_size() -> None:
    from flask import current_app

    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge()


def _secure_headers(response: Any) -> Any:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    return response


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}


def _api_error(exc: ApiError) -> ResponseReturnValue:
    return error_response(exc.status, exc.code, exc.message, exc.headers)


def _http_error(exc: HTTPException) -> ResponseReturnValue:
    status = exc.code or 500
    message = {
        404: "Not found.",
        405: "Method not allowed.",
        413: "The request is too large.",
    }.get(status, exc.name or "Error.")
    response = error_response(status, _HTTP_CODES.get(status, "error"), message)
    if status == 405 and exc.response is None:
        allowed = exc.get_headers()
        for name, value in allowed:
            if name.lower() == "allow":
                response.headers["Allow"] = value
    return response


def _storage_error(exc: Exception) -> ResponseReturnValue:
    # A full disk, a read-only or damaged database: a 503 that says so, never a traceback.
    from flask import current_app

    err = exc if isinstance(exc, StoreError) else translate_error(exc)
    current_app.logger.error("storage: %s", err)
    return error_response(503, "storage_unavailable", "Storage is unavailable; try again later.")


def _internal_error(exc: Exception) -> ResponseReturnValue:
    from flask import current_app

    current_app.logger.exception("unhandled error")
    return error_response(500, "internal", "Something went wrong; try again.")


__all__ = ["Synthesize", "create_app", "get_store", "get_watch"]
