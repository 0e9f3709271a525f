"""Wires a check-in together: reply source, recognizer, dialog, voice and store."""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from dialogs.acts import Act, ActKind
from dialogs.checkin import CheckIn, Settings
from store import Store
from voice.audio import read_wav_path
from voice.duplex import DuplexMicrophone
from voice.echo import EchoGate
from voice.errors import VoiceError
from voice.recognizers import Recognizer, create_recognizer
from voice.sources import Listener, Microphone, chunks_from_audio, chunks_from_raw
from voice.speech import Player, Pyttsx3Synthesizer, WavDirSink, default_player

from . import lenient  # noqa: F401 - registers the heartline-lenient codec error handler
from .cli.console import stderr_warn
from .listening import SpeechReplies, end_of_turn
from .paths import model_folders
from .runner import Output, ReplySource, Session, TextReplies, TurnLog, Voice

STDIN = "-"


@dataclass(frozen=True)
class CheckinOptions:
    """How one check-in is run, as the CLI was asked."""

    db: Path
    """The database file."""
    person: str
    """Who is speaking (created on first use)."""
    audio: str | None = None
    """A WAV file, "-" for raw 16 kHz 16-bit mono PCM on stdin, or None for the microphone."""
    text: bool = False
    """Read typed replies, one per line, from stdin."""
    as_json: bool = False
    """Print JSON lines instead of a readable conversation."""
    say_to: Path | None = None
    """Write each spoken line as a numbered WAV into this directory."""
    speak: bool | None = None
    """Play speech aloud; None: yes for spoken check-ins, no for typed ones."""
    engine: str = "auto"
    """Speech recognition engine."""
    model: Path | None = None
    """Vosk model directory."""
    opener: bool = False
    """Start with the seeds' open question before the four emotions."""
    keep_audio: bool = False
    """Keep the speaker's recorded voice with each entry."""
    end_silence_s: float = 0.8
    """Trailing silence that ends an utterance."""
    no_answer_s: float = 7.0
    """Silence after a question before the assistant gently asks again."""
    seed: int | None = None
    """Seed for phrase variety (None: vary from one evening to the next)."""
    voice: str | None = None
    """eSpeak NG voice id (None: the en-us voice)."""
    rate: int | None = None
    """Speaking rate in words per minute (None: the default)."""


def load_recognizer(engine: str, model: Path | None) -> Recognizer:
    """The chosen speech engine, its model loaded once for this process."""
    return create_recognizer(engine, model, notice=stderr_warn, folders=model_folders())


def run_checkin(
    options: CheckinOptions,
    *,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    recognizer: Recognizer | None = None,
) -> TurnLog:
    """Run one check-in to its end and return what happened."""
    # Typed replies are read as bytes and decoded leniently: one Latin-1 byte must not lose the
    # check-in, whatever the locale says (issue 12.3).
    stdin = stdin or io.TextIOWrapper(
        sys.stdin.buffer, encoding="utf-8", errors="heartline-lenient"
    )
    stdout = stdout or sys.stdout
    with ExitStack() as stack:
        store = Store.open(options.db)  # an unwritable database fails before anything is said
        stack.callback(store.close)
        source: ReplySource
        engine = "text"
        duplex: DuplexMicrophone | None = None
        if options.text:
            source = TextReplies(stdin)
        else:
            chunks: Iterable[bytes]
            if options.audio is not None and options.audio != STDIN:
                audio = read_wav_path(Path(options.audio))  # bad files fail before anything starts
                chunks = chunks_from_audio(audio)
                mic = None
            elif options.audio == STDIN:
                chunks = chunks_from_raw(sys.stdin.buffer)
                mic = None
            else:
                mic, duplex = _open_microphone(stack, options.speak is not False)
                chunks = mic  # the Microphone itself, so drop_pending() also empties its queue
            recognizer = recognizer or load_recognizer(options.engine, options.model)
            engine = recognizer.name
            listener = Listener(
                recognizer,
                chunks,
                end_silence_s=options.end_silence_s,
                no_answer_s=options.no_answer_s,
                end_of_turn=end_of_turn(options.end_silence_s),
                echo=EchoGate(duplex) if duplex is not None else None,
            )
            # Full duplex: the microphone stays open while Heartline speaks (barge-in).
            source = SpeechReplies(listener, mic if duplex is None else None)
        speak = options.speak if options.speak is not None else not options.text
        session = checkin_session(
            store=store,
            person=options.person,
            source=source,
            output=Output(stdout, as_json=options.as_json, name=_display_name(options.person)),
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
    dialog = CheckIn(Settings(name=_display_name(person), opener=opener, seed=seed))
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


def _open_microphone(stack: ExitStack, speak: bool
                     ) -> tuple[Microphone, DuplexMicrophone | None]:
    """The microphone, full duplex with the speaker when Heartline speaks aloud and can."""
    if speak:
        try:
            duplex = DuplexMicrophone()
            EchoGate(duplex)  # the echo canceller loads
            return stack.enter_context(duplex), duplex
        except VoiceError:
            pass  # no output device or no echo canceller: listen half duplex, as before
    return stack.enter_context(Microphone()), None


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


def _display_name(person: str) -> str:
    return person[:1].upper() + person[1:]
