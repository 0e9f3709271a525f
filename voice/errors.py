"""Errors of the voice stage; each message says what to do."""


class VoiceError(Exception):
    """Something went wrong with audio or a speech engine."""

    code = "voice"


class AudioFormatError(VoiceError):
    """The audio could not be read: use a 16-bit PCM WAV file (mono or stereo, any rate)."""

    code = "audio-format"


class ModelError(VoiceError):
    """The speech model is missing or broken: run `heartline models fetch` or pass --model DIR."""

    code = "model"


class EngineError(VoiceError):
    """The speech engine is unknown or unavailable."""

    code = "engine"


class NoMicrophoneError(VoiceError):
    """No microphone was found: use --audio FILE or --text instead."""

    code = "no-microphone"


class SpeechError(VoiceError):
    """Text-to-speech failed for one line; the caller prints the line instead."""

    code = "speech"


class FetchError(VoiceError):
    """A model download failed; nothing was left half-written."""

    code = "fetch"
