"""What Heartline says for a shared entry, and its audio: synthesized once, then cached."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Mapping
from typing import Any

from dialogs.locale import load
from store import Store


def spoken_line(entry: Mapping[str, Any], locale: str = "en-us") -> str:
    """The line read aloud for a shared entry: "Sam shared that they felt mad: ..."."""
    lang = load(locale)
    felt_words = {emotion: words for emotion, words in lang.fields("felt-words")}
    emotion = str(entry["emotion"])
    return lang.phrases.first(
        "partner.shared",
        person=str(entry["person"]),
        felt=felt_words.get(emotion, emotion),
        text=str(entry["text"]).strip(),
    )


def entry_audio(
    store: Store,
    entry: Mapping[str, Any],
    synthesize: Callable[[str], bytes],
    lock: threading.Lock,
) -> tuple[bytes, str]:
    """The WAV for a shared entry and whose voice it is ("own" or "heartline").

    The speaker's own recorded voice when they kept it; otherwise Heartline's voice, synthesized
    once and cached under a hash of the words (so an edited entry is spoken afresh).
    """
    if entry["has_audio"]:
        own = store.entry_audio(int(entry["id"]))
        if own:
            return bytes(own), "own"
    line = spoken_line(entry)
    # Another --voice/--rate is another recording of the line (heartline.synthesis.WavVoice.key).
    key = hashlib.sha256((line + getattr(synthesize, "key", "")).encode()).hexdigest()
    cached = store.cached_audio(int(entry["id"]), key)
    if cached is not None:
        return cached, "heartline"
    with lock:
        cached = store.cached_audio(int(entry["id"]), key)  # another request may have made it
        if cached is not None:
            return cached, "heartline"
        wav = synthesize(line)
        store.cache_audio(int(entry["id"]), key, wav)
    return wav, "heartline"
