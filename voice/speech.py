"""Text to speech (pyttsx3 / eSpeak NG) returning Audio, and players as sinks."""

from __future__ import annotations

import functools
import logging
import os
import queue
import re
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, Protocol, TypeVar

from voice.audio import Audio, has_sound, read_wav_path, write_wav
from voice.errors import AudioFormatError, SpeechError, UnknownVoice

log = logging.getLogger(__name__)
T = TypeVar("T")


class Synthesizer(Protocol):
    """Turns one line of text into audio; it does not play it."""

    name: str

    def synthesize(self, text: str) -> Audio:
        """The spoken line as Audio; SpeechError if it cannot be made."""
        ...


ATTEMPTS = 4
"""Tries per line. pyttsx3 runs eSpeak NG in its asynchronous retrieval mode, which now and then
ends a message at once with no audio (espeak-ng issue 2286): about one line in twenty on a busy
machine, independently from one try to the next. A short pause before each retry lets it settle."""


DEFAULT_VOICE = "gmw/en-us"
"""eSpeak NG's American English: the en-us locale's voice (``gmw/en`` is British)."""
DEFAULT_RATE = 170
"""Words per minute; eSpeak NG's 200 is brisk for an evening conversation."""


class _Worker:
    """One daemon thread that owns the TTS engine; a hung call cannot block interpreter exit."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future[Any]]] = queue.Queue()
        threading.Thread(target=self._run, name="heartline-tts", daemon=True).start()

    def _run(self) -> None:
        while True:
            job, future = self._jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job())
            except BaseException as e:  # noqa: BLE001 - handed to the caller through the future
                future.set_exception(e)

    def call(self, job: Callable[[], T], timeout: float) -> T:
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return future.result(timeout)


def _quiet_print(*args: object, **kwargs: object) -> None:
    """Stands in for ``print`` inside pyttsx3's espeak driver, which prints "Audio saved to ..."."""
    log.debug(" ".join(str(a) for a in args))


class Pyttsx3Synthesizer:
    """pyttsx3 with eSpeak NG: one engine per process on one worker thread, each line via a WAV.

    Works around pyttsx3's known traps: a second runAndWait can hang (issues 126, 440), ``say``
    speaks once (142), save_to_file can write an empty file, and the 2.99 espeak driver prints to
    stdout. Each line runs under a timeout; a hang marks the engine broken and every later line
    raises SpeechError so the caller prints text instead.
    """

    name = "pyttsx3"
    _lock = threading.Lock()
    _worker: _Worker | None = None
    _engine: Any = None
    _broken: str | None = None

    def __init__(self, voice: str | None = None, rate: int | None = None,
                 volume: float | None = None, timeout_s: float = 20.0) -> None:
        self.voice = voice
        self.rate = rate
        self.volume = volume
        self.timeout_s = timeout_s

    @classmethod
    def _init_engine(cls) -> Any:
        if cls._engine is None:
            try:
                import pyttsx3
                import pyttsx3.drivers.espeak as espeak_driver
            except Exception as e:
                raise SpeechError(f"pyttsx3/eSpeak NG is unavailable ({e}): "
                                  "apt install espeak-ng; pip install pyttsx3") from None
            # The driver's print() would corrupt the CLI's JSON stream on stdout; shadow it in
            # that module only (redirect_stdout would swap sys.stdout for every thread).
            espeak_driver.print = _quiet_print  # type: ignore[attr-defined]
            cls._engine = pyttsx3.init("espeak")
        return cls._engine

    def _render(self, text: str, path: Path) -> None:
        engine = self._init_engine()
        import pyttsx3.drivers.espeak as espeak_driver

        # engine.setProperty is queued and can land after the synthesis has started; the driver's
        # static setProperty applies at once. Every line sets all three, so one synthesizer's
        # settings never leak into another's. eSpeak NG sets a voice at once but queues a rate or
        # volume behind the work still in its own thread, so a voice set during that work could
        # lose the rate that follows (2 of 45 fresh processes spoke their first lines at the old
        # rate; alternating rates, 7 to 11 of 20 lines): wait until eSpeak is idle before and
        # after the settings (espeak_Synchronize). 0 of 210 processes and 0 of 40 alternations
        # since.
        from pyttsx3.drivers import _espeak

        driver = espeak_driver.EspeakDriver
        _espeak.Synchronize()
        driver.setProperty("voice", self.voice or DEFAULT_VOICE)
        driver.setProperty("rate", self.rate or DEFAULT_RATE)
        driver.setProperty("volume", 1.0 if self.volume is None else self.volume)
        _espeak.Synchronize()
        engine.save_to_file(text, str(path))
        engine.runAndWait()

    @classmethod
    def voices(cls, timeout_s: float = 20.0) -> list[tuple[str, str]]:
        """(id, name) of every installed eSpeak NG voice; SpeechError if none can be listed."""
        with cls._lock:
            if cls._broken:
                raise SpeechError(f"Text-to-speech is off for this session ({cls._broken})")
            if cls._worker is None:
                cls._worker = _Worker()
            worker = cls._worker

        def listing() -> list[tuple[str, str]]:
            return [(str(v.id), str(v.name)) for v in cls._init_engine().getProperty("voices")]

        try:
            return worker.call(listing, timeout_s)
        except FutureTimeout:
            raise SpeechError("eSpeak NG did not list its voices in time") from None

    @classmethod
    def check_voice(cls, voice: str) -> None:
        """SpeechError naming a few choices unless ``voice`` (variant after "+") is installed."""
        ids = [v for v, _ in cls.voices()]
        if voice.split("+", 1)[0] not in ids:
            english = [v for v in ids if "/en" in v]
            english = sorted(english, key=lambda v: DEFAULT_VOICE not in v)[:6]
            raise UnknownVoice(voice, english)

    def _stop(self) -> None:
        engine = type(self)._engine
        if engine is not None:
            try:
                engine.stop()
            except Exception as e:  # noqa: BLE001 - already failing; keep the first error
                log.debug("stopping pyttsx3 failed: %s", e)

    def _call(self, worker: _Worker, render: Callable[[], None]) -> None:
        """One render on the engine's thread; a hang marks the engine broken (SpeechError)."""
        cls = type(self)
        try:
            worker.call(render, self.timeout_s)
        except FutureTimeout:
            cls._broken = f"eSpeak NG hung for over {self.timeout_s:g} s"
            self._stop()
            raise SpeechError(f"Text-to-speech timed out: {cls._broken}") from None

    def synthesize(self, text: str) -> Audio:
        """The line as 22050 Hz mono Audio; SpeechError on failure (after ATTEMPTS tries)."""
        text = " ".join(text.split())
        if not text:
            raise SpeechError("Nothing to say: the line is empty")
        cls = type(self)
        with cls._lock:
            if cls._broken:
                raise SpeechError(f"Text-to-speech is off for this session ({cls._broken})")
            if cls._worker is None:
                cls._worker = _Worker()
            worker = cls._worker
            with tempfile.TemporaryDirectory(prefix="heartline-tts-") as tmp:
                for attempt in range(ATTEMPTS):
                    if attempt:
                        time.sleep(0.02 * attempt)
                    path = Path(tmp) / f"line{attempt}.wav"
                    try:
                        self._call(worker, functools.partial(self._render, text, path))
                    except SpeechError:
                        raise
                    except Exception as e:
                        log.debug("pyttsx3 failed on attempt %d: %s", attempt + 1, e)
                        continue
                    try:
                        audio = read_wav_path(path)
                    except AudioFormatError as e:
                        log.debug("pyttsx3 wrote no usable WAV on attempt %d: %s", attempt + 1, e)
                        continue
                    if has_sound(audio):
                        return audio
        raise SpeechError(f"Text-to-speech produced no sound for: {text[:60]!r}")


class Player(Protocol):
    """A sink for spoken lines."""

    def play(self, audio: Audio, label: str = "line", text: str = "") -> None:
        """Play (or store) one line (``text``: its words, when known); returns when it is done."""
        ...


class NullPlayer:
    """Plays nothing (no output device, or --quiet)."""

    def play(self, audio: Audio, label: str = "line", text: str = "") -> None:
        """Do nothing."""


class SoundDevicePlayer:
    """Plays through the default output device, blocking until the line has been played."""

    def __init__(self, device: int | str | None = None) -> None:
        import sounddevice as sd

        self._sd = sd
        self.device = device

    def play(self, audio: Audio, label: str = "line", text: str = "") -> None:
        """Play the audio to the end."""
        try:
            with self._sd.RawOutputStream(samplerate=audio.rate, channels=audio.channels,
                                          dtype="int16", device=self.device) as out:
                out.write(audio.pcm)
        except Exception as e:
            raise SpeechError(f"Could not play audio ({e}); the line is printed instead") from None


class WavDirSink:
    """Writes each line to ``directory`` as ``001-<label>.wav``, ``002-<label>.wav``, ..."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        if not self.directory.exists():
            self.directory.mkdir(parents=True)
            self.directory.chmod(0o700)  # spoken lines repeat what was said: its owner's only
        self.count = 0
        self.paths: list[Path] = []

    def play(self, audio: Audio, label: str = "line", text: str = "") -> None:
        """Write the next numbered WAV."""
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40] or "line"
        path = self.directory / f"{self.count:03d}-{slug}.wav"
        # 0600 whatever the umask; an older file of the same name is tightened too.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            write_wav(f, audio)
        self.paths.append(path)


class TeePlayer:
    """Sends each line to several players in turn."""

    def __init__(self, *players: Player) -> None:
        self.players = players

    def play(self, audio: Audio, label: str = "line", text: str = "") -> None:
        """Play on every player."""
        for player in self.players:
            player.play(audio, label, text)


def default_player() -> Player:
    """SoundDevicePlayer if there is an output device, else NullPlayer."""
    try:
        import sounddevice as sd

        info = sd.query_devices(kind="output")
        if info and int(info.get("max_output_channels", 0)) > 0:
            return SoundDevicePlayer()
    except Exception as e:  # noqa: BLE001 - no PortAudio or no device: stay silent
        log.debug("no output device: %s", e)
    return NullPlayer()
