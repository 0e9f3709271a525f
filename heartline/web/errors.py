"""Errors the service answers with: JSON bodies naming what went wrong, never internals."""

from __future__ import annotations

from flask import Response, jsonify


class ApiError(Exception):
    """The request was refused."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    """A JSON error: {"error": {"code": ..., "message": ...}} with the status."""
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    response.headers.update(headers or {})
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="heartline"'
    return response


def not_found() -> ApiError:
    """The one 404 for anything not shared with this listener, whatever the reason."""
    return ApiError(404, "not_found", "Not found.")
