"""Wires a check-in together: reply source, recognizer, dialog, voice and store."""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from dialogs.acts import Act, ActKind
from dialogs.checkin import CheckIn, Settings
from dialogs.invitation import display_name
from store import Store
from voice.duplex import DuplexMicrophone
from voice.recognizers import Recognizer, create_recognizer
from voice.speech import Player, Pyttsx3Synthesizer, WavDirSink, default_player

from . import lenient  # noqa: F401 - registers the heartline-lenient codec error handler
from .cli.console import stderr_warn
from .listening import STDIN, ListenOptions, open_listener
from .paths import model_folders
from .runner import Output, ReplySource, Session, TextReplies, TurnLog, Voice

__all__ = ["STDIN", "CheckinOptions", "checkin_session", "load_recognizer", "make_voice",
           "partner_replies", "run_checkin"]


@dataclass(frozen=True, kw_only=True)
class CheckinOptions(ListenOptions):
    """How one check-in is run, as the CLI was asked."""

    person: str
    """Who is speaking (created on first use)."""
    text: bool = False
    """Read typed replies, one per line, from stdin."""
    opener: bool = False
    """Start with the seeds' open question before the four emotions."""
    keep_audio: bool = False
    """Keep the speaker's recorded voice with each entry."""


def load_recognizer(engine: str, model: Path | None) -> Recognizer:
    """The chosen speech engine, its model loaded once for this process."""
    return create_recognizer(engine, model, notice=stderr_warn, folders=model_folders())


def run_checkin(
    options: CheckinOptions,
    *,
    stdin: BinaryIO | None = None,
    stdout: IO[str] | None = None,
    recognizer: Recognizer | None = None,
) -> TurnLog:
    """Run one check-in to its end and return what happened.

    ``stdin`` (default: the process's) carries typed replies with --text, raw PCM with --audio -.
    """
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout or sys.stdout
    with ExitStack() as stack:
        store = Store.open(options.db)  # an unwritable database fails before anything is said
        stack.callback(store.close)
        source: ReplySource
        engine = "text"
        duplex: DuplexMicrophone | None = None
        if options.text:
            # Typed replies are read as bytes and decoded leniently: one Latin-1 byte must not
            # lose the check-in, whatever the locale says (issue 12.3).
            typed = io.TextIOWrapper(stdin, encoding="utf-8", errors="heartline-lenient")
            stack.callback(typed.detach)  # the caller's stream stays open
            source = TextReplies(typed)
        else:
            # Full duplex (barge-in) when Heartline speaks aloud and the machine can.
            hearing = open_listener(
                stack, options, stdin=stdin, duplex=options.speak is not False,
                recognizer=lambda: recognizer or load_recognizer(options.engine, options.model),
            )
            engine, duplex, source = hearing.engine, hearing.duplex, hearing.replies()
        speak = options.speak if options.speak is not None else not options.text
        session = checkin_session(
            store=store,
            person=options.person,
            source=source,
            output=Output(stdout, as_json=options.as_json, name=display_name(options.person)),
            voice=make_voice(options.say_to, speak, options.voice, options.rate, duplex),
            engine=engine,
            opener=options.opener,
            keep_audio=options.keep_audio,
            seed=options.seed,
        )
        return session.run()
    raise AssertionError("unreachable")


def make_voice(say_to: Path | None, speak: bool, voice: str | None = None,
               rate: int | None = None, speaker: Player | None = None) -> Voice:
    """Speech output: numbered WAVs into ``say_to`` and/or ``speaker`` (default: the device)."""
    players: list[Player] = []
    if voice is not None:
        Pyttsx3Synthesizer.check_voice(voice)  # an unknown voice fails before anything is said
    if say_to is not None:
        players.append(WavDirSink(say_to))
    if speak:
        players.append(speaker or default_player())
    synthesizer = Pyttsx3Synthesizer(voice, rate) if players else None
    return Voice(synthesizer, players, stderr_warn)


def checkin_session(
    *,
    store: Store,
    person: str,
    source: ReplySource,
    output: Output,
    voice: Voice,
    engine: str,
    opener: bool = False,
    keep_audio: bool = False,
    seed: int | None = None,
) -> Session:
    """A check-in over an existing reply source (the evening assistant shares one listener)."""
    seed = seed if seed is not None else time.time_ns()
    dialog = CheckIn(Settings(name=display_name(person), opener=opener, seed=seed))
    opening, opened = partner_replies(store, person)
    return Session(
        store=store,
        person=person,
        dialog=dialog,
        source=source,
        output=output,
        voice=voice,
        engine=engine,
        keep_audio=keep_audio,
        opening=opening,
        opened=opened,
    )


def partner_replies(store: Store, person: str) -> tuple[tuple[Act, ...], Callable[[], None]]:
    """What partners said back since the last check-in, as lines; and how to mark them heard."""
    from dialogs.locale import load
    from store.replies import Replies

    replies = Replies(store)
    person_id = store.person(person)
    waiting = replies.to_speaker(person_id, unheard=True)
    lang = load("en-us")
    acts = tuple(
        Act(ActKind.PARTNER_REPLY, lang.phrases.first("partner.reply", name=r.sender, text=r.text))
        for r in waiting
    )
    return acts, lambda: replies.mark_heard(person_id, [r.id for r in waiting])

