"""Typed input decoded leniently: a byte that is not UTF-8 never loses an answer (issue 12.3)."""

from __future__ import annotations

import codecs


def _cp1252_byte(byte: int) -> str:
    # The five bytes cp1252 leaves undefined are read as Latin-1, so every byte maps to a character.
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


def repair(text: str) -> str:
    """`text` with undecodable bytes (kept by Python as lone surrogates) read as Windows-1252.

    A terminal or file in Latin-1 or Windows-1252 sends "café" as b"caf\\xe9"; Python's
    surrogateescape keeps that byte as "\\udce9", which no database or terminal can encode.
    """
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    return decode(raw)


def decode(raw: bytes) -> str:
    """UTF-8 where it is valid; any other byte as its Windows-1252 character."""
    return raw.decode("utf-8", "heartline-lenient")


def _lenient(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_cp1252_byte(b) for b in bad), exc.end


codecs.register_error("heartline-lenient", _lenient)
