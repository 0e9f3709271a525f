"""The partner API's replies: answer a shared entry, coached first (issue 11)."""

from __future__ import annotations

import unicodedata
from typing import Any

from flask import Blueprint, Response, jsonify, request

from store.replies import MAX_REPLY

from ..replying import CoachUnavailable, NotShared, send
from .auth import api_listener
from .db import get_store
from .errors import ApiError, not_found

bp = Blueprint("replies", __name__, url_prefix="/api/v1")


TEXT_PATTERN = r"[^\s\u0000-\u001f\u007f-\u009f]"
"""What the OpenAPI document asks of a reply's text: one character that is neither space nor a
control character. `has_words` is the same rule, so the server and the document agree."""


def has_words(text: str) -> bool:
    """Whether the text has a character that is neither whitespace nor a control character."""
    return any(
        not (ch.isspace() or ch == "\ufeff" or unicodedata.category(ch) == "Cc") for ch in text
    )


def reply_body() -> tuple[str, bool]:
    """The request's {"text", "anyway"}, else a 400 naming what is wrong."""
    body: Any = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "bad_body", 'Send a JSON object: {"text": "...", "anyway": false}.')
    text = body.get("text")
    anyway = body.get("anyway", False)
    if not isinstance(text, str) or not has_words(text) or len(text) > MAX_REPLY:
        raise ApiError(400, "bad_text", f"text must be 1 to {MAX_REPLY} characters of words.")
    if not isinstance(anyway, bool):
        raise ApiError(400, "bad_anyway", "anyway must be true or false.")
    unknown = set(body) - {"text", "anyway"}
    if unknown:
        raise ApiError(400, "bad_body", f"Unknown field: {sorted(unknown)[0]}.")
    return text, anyway


@bp.post("/entries/<entry_id>/replies")
def add_reply(entry_id: str) -> Response:
    """Answer an entry shared with this listener: 201 when sent, 422 with the coach's advice."""
    token = api_listener()
    text, anyway = reply_body()
    try:
        sent = send(
            get_store(), token["listener_id"], entry_id, text, anyway=anyway, token_id=token["id"]
        )
    except NotShared:
        raise not_found() from None
    except CoachUnavailable:
        raise ApiError(503, "coach_unavailable", "The coach is not available here.") from None
    response = jsonify(sent.as_dict())
    response.status_code = 201 if sent.sent else 422
    return response
