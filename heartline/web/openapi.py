"""The OpenAPI 3.0 document describing API v1, served at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

_ERROR = {"$ref": "#/components/schemas/Error"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR}}}


_UNAUTHORIZED = _error("Missing, wrong or revoked token.")
_LIMITED = _error("Too many failed sign-ins from this address; see Retry-After.")
_NOT_FOUND = _error("Not shared with this listener (or private, deleted, missing, malformed).")
_BAD = _error("A parameter is malformed, or a token was put in the URL.")

_ENTRY_ID = {
    "name": "entry_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{22}$"},
}


def openapi_document() -> dict[str, Any]:
    """The document as a dict."""
    from .openapi_replies import add_reply_paths

    return add_reply_paths(_document(), _ENTRY_ID, {"400": _BAD, "401": _UNAUTHORIZED,
                                                    "404": _NOT_FOUND, "429": _LIMITED})


def _document() -> dict[str, Any]:
    entry_errors = {"400": _BAD, "401": _UNAUTHORIZED, "404": _NOT_FOUND, "429": _LIMITED}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Heartline partner API",
            "version": "1.0.0",
            "description": "The entries a speaker shared with the listener holding the token.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/entries": {
                "get": {
                    "operationId": "listEntries",
                    "summary": "The entries shared with this listener, newest first.",
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": 100,
                                "default": 20,
                            },
                        },
                        {
                            "name": "offset",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 1000000000,
                                "default": 0,
                            },
                        },
                        {
                            "name": "unheard",
                            "in": "query",
                            "schema": {"type": "boolean", "default": False},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "A page of entries.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/EntryPage"}
                                }
                            },
                        },
                        "400": _BAD,
                        "401": _UNAUTHORIZED,
                        "429": _LIMITED,
                    },
                }
            },
            "/api/v1/entries/{entry_id}": {
                "get": {
                    "operationId": "getEntry",
                    "summary": "One entry shared with this listener.",
                    "parameters": [_ENTRY_ID],
                    "responses": {
                        "200": {
                            "description": "The entry.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Entry"}
                                }
                            },
                        },
                        **entry_errors,
                    },
                }
            },
            "/api/v1/entries/{entry_id}/audio": {
                "get": {
                    "operationId": "getEntryAudio",
                    "summary": "The entry read aloud, or the speaker's own kept voice.",
                    "parameters": [_ENTRY_ID],
                    "responses": {
                        "206": {
                            "description": "The byte range asked for with a Range header.",
                            "content": {
                                "audio/wav": {"schema": {"type": "string", "format": "binary"}}
                            },
                        },
                        "200": {
                            "description": "A WAV file.",
                            "headers": {
                                "X-Heartline-Voice": {
                                    "schema": {"type": "string", "enum": ["own", "heartline"]}
                                }
                            },
                            "content": {
                                "audio/wav": {"schema": {"type": "string", "format": "binary"}}
                            },
                        },
                        **entry_errors,
                        "503": _error("Heartline's voice is not available on this server."),
                    },
                }
            },
            "/api/v1/entries/{entry_id}/heard": {
                "post": {
                    "operationId": "markHeard",
                    "summary": "Mark a shared entry heard by this listener.",
                    "parameters": [_ENTRY_ID],
                    "responses": {
                        "200": {
                            "description": "Marked heard.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["id", "heard"],
                                        "properties": {
                                            "id": {"type": "string"},
                                            "heard": {"type": "boolean"},
                                        },
                                    }
                                }
                            },
                        },
                        **entry_errors,
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Entry": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "id",
                        "speaker",
                        "emotion",
                        "asked",
                        "kind",
                        "text",
                        "intensity",
                        "created_at",
                        "heard",
                        "voice",
                        "audio_url",
                    ],
                    "properties": {
                        "id": {"type": "string", "pattern": "^[A-Za-z0-9_-]{22}$"},
                        "speaker": {"type": "string"},
                        "emotion": {"type": "string", "enum": ["mad", "sad", "glad", "fear"]},
                        "asked": {"type": "string", "enum": ["mad", "sad", "glad", "fear"]},
                        "kind": {"type": "string", "enum": ["feeling", "outer"]},
                        "text": {"type": "string"},
                        "intensity": {"type": "integer", "minimum": 0, "maximum": 3},
                        "created_at": {"type": "string", "format": "date-time"},
                        "heard": {"type": "boolean"},
                        "voice": {"type": "string", "enum": ["own", "heartline"]},
                        "audio_url": {"type": "string"},
                    },
                },
                "EntryPage": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["entries", "total", "limit", "offset", "next_offset"],
                    "properties": {
                        "entries": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Entry"},
                        },
                        "total": {"type": "integer", "minimum": 0},
                        "limit": {"type": "integer", "minimum": 1, "maximum": 100},
                        "offset": {"type": "integer", "minimum": 0},
                        "next_offset": {"type": "integer", "minimum": 0, "nullable": True},
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        }
                    },
                },
            },
        },
    }
