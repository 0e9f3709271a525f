"""Errors of the voice stage; each carries its facts (path, reason), the CLI adds what to type."""

from __future__ import annotations

from pathlib import Path


class VoiceError(Exception):
    """Something went wrong with audio or a speech engine."""

    code = "voice"


class AudioFormatError(VoiceError):
    """The audio could not be read: use a 16-bit PCM WAV file (mono or stereo, any rate)."""

    code = "audio-format"

    def __init__(
        self, message: str, *, path: str | Path | None = None, reason: str | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        """The file (or stream name) that could not be read, when there is one."""
        self.reason = reason
        """What is wrong with it ("is empty", "is 8-bit", ...)."""


class ModelError(VoiceError):
    """The speech model is missing or broken."""

    code = "model"

    def __init__(
        self,
        message: str,
        *,
        engine: str = "",
        path: Path | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.engine = engine
        """The engine whose model it is: "vosk" or "pocketsphinx" ("" when neither applies)."""
        self.path = path
        """The model folder that was tried, if one was."""
        self.reason = reason
        """What is wrong with it, in the engine's or the folder check's words."""


class NoVoskModel(ModelError):
    """No Vosk model is installed."""

    code = "no-vosk-model"

    def __init__(self, searched: tuple[Path, ...]) -> None:
        places = ", ".join(["$HEARTLINE_VOSK_MODEL", *(str(p) for p in searched)])
        super().__init__(f"No Vosk model found (looked in {places})", engine="vosk")
        self.searched = searched
        """The folders that were searched for a model, in order."""


class EngineError(VoiceError):
    """The speech engine is unknown or unavailable."""

    code = "engine"


class NoMicrophoneError(VoiceError):
    """No microphone was found."""

    code = "no-microphone"

    def __init__(self, message: str = "No microphone found", *, duplex: bool = False) -> None:
        super().__init__(message)
        self.duplex = duplex
        """True when a microphone and a speaker were wanted together (full duplex)."""


class SpeechError(VoiceError):
    """Text-to-speech failed for one line; the caller prints the line instead."""

    code = "speech"


class UnknownVoice(SpeechError):
    """No such eSpeak NG voice is installed."""

    code = "unknown-voice"

    def __init__(self, voice: str, suggestions: list[str]) -> None:
        super().__init__(f"No voice {voice!r}; try one of {', '.join(suggestions)}")
        self.voice = voice
        """The voice asked for."""
        self.suggestions = suggestions
        """A few installed English voices, the default first."""


class FetchError(VoiceError):
    """A model download failed; nothing was left half-written."""

    code = "fetch"
