"""The HTTP client `heartline listen --from` uses: a partner's `heartline serve`, over its API."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


class RemoteError(Exception):
    """The partner's Heartline could not be used."""


class BadURL(RemoteError):
    """The address is not an http:// or https:// URL."""


class TokenRefused(RemoteError):
    """The server refused the token."""


class Unreachable(RemoteError):
    """The server could not be reached."""


@dataclass(frozen=True)
class Remote:
    """A `heartline serve` at ``base``, used with one bearer token."""

    base: str
    """The server's address, e.g. http://192.168.1.20:8750 (no trailing slash)."""
    secret: str
    """The token, sent as a bearer token."""

    @classmethod
    def at(cls, url: str, secret: str) -> Remote:
        """The server at ``url``; BadURL unless it is an http(s) URL."""
        base = url.rstrip("/")
        if urllib.parse.urlsplit(base).scheme not in ("http", "https"):
            raise BadURL(f"{url!r} is not an http:// or https:// URL")
        return cls(base, secret)

    def request(self, path: str, method: str = "GET") -> bytes:
        """The body of ``method`` ``path`` (a path on the server); RemoteError on failure."""
        url = self.base + path
        req = urllib.request.Request(
            url,
            method=method,
            headers={"Authorization": f"Bearer {self.secret}", "Accept": "*/*"},
        )
        try:
            with urllib.request.urlopen(req, timeout=60) as response:
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as err:
            if err.code in (401, 429):
                raise TokenRefused(f"The server refused the token ({err.code})") from None
            raise RemoteError(f"The server answered {err.code} for {url}") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise Unreachable(f"Cannot reach {url} ({reason})") from None

    def unheard(self) -> Iterator[dict[str, Any]]:
        """Every entry shared with the token's listener and not heard yet, newest first."""
        offset: int | None = 0
        while offset is not None:
            page = json.loads(
                self.request(f"/api/v1/entries?unheard=true&limit=100&offset={offset}")
            )
            yield from page["entries"]
            offset = page["next_offset"]

    def audio(self, entry: dict[str, Any]) -> bytes:
        """The WAV the server gives for one entry."""
        return self.request(str(entry["audio_url"]))

    def mark_heard(self, entry: dict[str, Any]) -> None:
        """Tell the server the listener heard this entry."""
        self.request(f"/api/v1/entries/{entry['id']}/heard", method="POST")
