"""Answering by voice after `heartline listen` reads an entry: offer, hear, coach, send."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from dialogs.answer_back import AnswerBack
from dialogs.coach import ModelMissing
from dialogs.locale import load
from store import Store

from .replying import CoachUnavailable, NotShared, about_entry, send
from .runner import ReplySource, Silence, TextReplies

EXPECTING = "answer_back"
"""What the reply source is told it waits for (open transcription, no short-reply grammar)."""


def open_source(
    stack: ExitStack, *, text: bool, audio: str | None, engine: str, model: Path | None
) -> ReplySource:
    """Where the listener's answers come from: typed lines, a recording or the microphone."""
    if text:
        return TextReplies(sys.stdin)
    from voice.audio import read_wav_path
    from voice.microphone import Microphone
    from voice.sources import Listener, chunks_from_audio

    from .listening import SpeechReplies
    from .session import load_recognizer

    chunks: Iterable[bytes]
    mic = None
    if audio is not None:
        chunks = chunks_from_audio(read_wav_path(Path(audio)))
    else:
        mic = stack.enter_context(Microphone())
        chunks = mic
    recognizer = load_recognizer(engine, model)
    return SpeechReplies(Listener(recognizer, chunks), mic)


def answer_back(
    store: Store,
    listener_id: int,
    entry: dict[str, Any],
    source: ReplySource,
    say: Callable[[str], None],
    heard: Callable[[str], None],
) -> int | None:
    """Offer to answer one shared entry and send what the listener says; the reply's id."""
    about = about_entry(entry)
    assert about is not None
    try:
        talk = AnswerBack(about, load("en-us"))
        turn = talk.start()
    except ModelMissing:
        raise CoachUnavailable() from None
    while True:
        with source.speaking():
            for line in turn.say:
                say(line)
        if turn.send is not None:
            try:
                sent = send(store, listener_id, str(entry["public_id"]), turn.send, anyway=True)
            except NotShared:
                return None  # unshared or deleted while they spoke
            return sent.reply_id
        if turn.done:
            return None
        got = source.next_reply(EXPECTING)
        if got is None:
            return None  # the input ended: nothing more to hear
        if isinstance(got, Silence):
            turn = talk.silence()
            continue
        heard(got.text)
        turn = talk.hear(got.text)
