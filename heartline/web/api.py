"""The partner API, v1: the entries shared with the listener holding the token, and their audio."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from store import Store
from store.public_ids import looks_like_public_id

from .answers import Answers, request_version
from .auth import api_listener
from .db import get_store
from .errors import ApiError, not_found
from .openapi import openapi_document
from .speech import entry_audio

bp = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_LIMIT = 100
"""The most entries one page of the list returns."""


AUDIO_PREFIX = f"{bp.url_prefix}/entries/"
"""An entry's audio is at AUDIO_PREFIX + id + "/audio"."""


def _int_arg(args: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise ApiError(400, "bad_parameter", f"{name} must be an integer from {low} to {high}.")
    return int(raw)


def _bool_arg(args: Mapping[str, str], name: str) -> bool:
    raw = args.get(name, "false").lower()
    if raw not in ("true", "false"):
        raise ApiError(400, "bad_parameter", f"{name} must be true or false.")
    return raw == "true"


def _json_response(body: bytes) -> Response:
    # Already-encoded JSON: no jsonify, no mimetype lookup.
    return Response(body, content_type="application/json")


def _entry_id(raw: str) -> str:
    # Entries are named by opaque public ids; a malformed one is answered like a missing one.
    if not looks_like_public_id(raw):
        raise not_found()
    return raw


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI document of this API."""
    return jsonify(openapi_document())


@bp.get("/entries")
def entries() -> Response:
    """The entries shared with this listener, newest first, a page at a time."""
    token = api_listener()  # judged against the latest commit: revoking takes effect at once
    args = request.args
    limit = _int_arg(args, "limit", 20, 1, MAX_LIMIT)
    offset = _int_arg(args, "offset", 0, 0, 10**9)
    unheard = _bool_arg(args, "unheard")
    # The page's JSON is kept until the next commit (see answers.py), so a partner's phone
    # polling an unchanged list costs no query at all.
    answers: Answers = current_app.extensions["heartline.answers"]
    key = ("page", token["id"], limit, offset, unheard)
    version = request_version(answers)
    body: bytes | None = answers.get(key, version)
    if body is None:
        body = _page(get_store(), token["id"], limit, offset, unheard)
        answers.keep(key, version, body)
    return _json_response(body)


def _page(store: Store, token_id: int, limit: int, offset: int, unheard: bool) -> bytes:
    return store.shared_page_json(
        token_id, limit=limit, offset=offset, unheard=unheard, audio_prefix=AUDIO_PREFIX
    ).encode()


def _shared_row(entry_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The request's token and the entry it may see, else 401 or the one 404 for everything."""
    token = api_listener()
    row = get_store().shared_entry(token["id"], _entry_id(entry_id))
    if row is None:
        raise not_found()
    return token, row


@bp.get("/entries/<entry_id>")
def entry(entry_id: str) -> Response:
    """One entry shared with this listener; anything else is the same 404."""
    token = api_listener()
    store = get_store()
    body = store.shared_entry_json(token["id"], _entry_id(entry_id), audio_prefix=AUDIO_PREFIX)
    if body is None:
        raise not_found()
    return _json_response(body.encode())


@bp.get("/entries/<entry_id>/audio")
def audio(entry_id: str) -> Response:
    """The entry as audio/wav: the speaker's own voice if kept and shared, else Heartline's."""
    _, row = _shared_row(entry_id)
    return wav_response(row)


@bp.post("/entries/<entry_id>/heard")
def heard(entry_id: str) -> Response:
    """Mark a shared entry heard by this listener (as `heartline listen` does)."""
    token, row = _shared_row(entry_id)
    get_store().mark_heard(token["listener_id"], row["id"])  # the commit retires kept pages
    return jsonify({"id": row["public_id"], "heard": True})


def wav_response(row: dict[str, Any]) -> Response:
    """A shared entry's audio as an audio/wav response."""
    synthesize = current_app.config["SYNTHESIZE"]
    if synthesize is None and not row["has_audio"]:
        raise ApiError(503, "voice_unavailable", "Heartline's voice is not available here.")
    try:
        wav, voice = entry_audio(
            get_store(), row, synthesize, current_app.extensions["heartline.synth_lock"]
        )
    except Exception:  # noqa: BLE001 - a broken voice engine is a 503, never a traceback
        current_app.logger.exception("speech synthesis failed")
        raise ApiError(
            503, "voice_unavailable", "Heartline's voice is not available now."
        ) from None
    response = Response(wav, mimetype="audio/wav")
    response.headers["X-Heartline-Voice"] = voice
    # Phones' players (Safari's above all) ask for byte ranges and expect 206 Partial Content.
    response.make_conditional(request, accept_ranges=True, complete_length=len(wav))
    return response


bench_bp = Blueprint("bench", __name__, url_prefix="/api/v1")
"""Registered only with config BENCH: the baseline the throughput benchmark compares against."""

_CONSTANT = json.dumps({"ok": True, "service": "heartline", "version": 1}).encode()


@bench_bp.get("/_constant")
def constant() -> Response:
    """A constant JSON answer: the same server, hooks and client, without any work.

    Built like a cached page of `entries` (bytes made once), so the baseline is not slowed by a
    jsonify that the entries path does not do.
    """
    return _json_response(_CONSTANT)
