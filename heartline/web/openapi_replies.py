"""The OpenAPI description of the replies operation (issue 11), added to the v1 document."""

from __future__ import annotations

from typing import Any

from store.replies import MAX_REPLY

from .reply_api import TEXT_PATTERN

KINDS = [
    "fixing",
    "i_understand",
    "hijacking",
    "problem_solving",
    "about_me",
    "minimizing",
    "dismissing",
]


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def add_reply_paths(
    doc: dict[str, Any], entry_id: dict[str, Any], errors: dict[str, Any]
) -> dict[str, Any]:
    """`doc` with POST /api/v1/entries/{entry_id}/replies and its schemas."""
    advice = {"$ref": "#/components/schemas/ReplyResult"}
    doc["paths"]["/api/v1/entries/{entry_id}/replies"] = {
        "post": {
            "operationId": "addReply",
            "summary": "Answer a shared entry; the coach checks the reply first.",
            "description": "Sent (201) when the coach finds none of the seeds' listening mistakes "
            "or with anyway=true; otherwise 422 with the mistakes and a suggestion.",
            "parameters": [entry_id],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/NewReply"}}
                },
            },
            "responses": {
                "201": _json(advice, "Sent to the speaker."),
                "422": _json(advice, "Held back: the coach found a mistake."),
                **errors,
                "413": errors["400"],
                "503": errors["400"],
            },
        }
    }
    schemas = doc["components"]["schemas"]
    schemas["NewReply"] = {
        "type": "object",
        "additionalProperties": False,
        "required": ["text"],
        "properties": {
            "text": {
                "type": "string", "minLength": 1, "maxLength": MAX_REPLY, "pattern": TEXT_PATTERN,
            },
            "anyway": {"type": "boolean", "default": False},
        },
    }
    schemas["ReplyResult"] = {
        "type": "object",
        "additionalProperties": False,
        "required": ["sent", "mistakes", "suggestion"],
        "properties": {
            "sent": {"type": "boolean"},
            "mistakes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["kind", "span"],
                    "properties": {
                        "kind": {"type": "string", "enum": KINDS},
                        "span": {"type": "string"},
                    },
                },
            },
            "suggestion": {"type": "string"},
        },
    }
    return doc
