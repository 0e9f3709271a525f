"""Heartline's voice as text -> WAV bytes, for the partner's audio (`serve`, `listen`)."""

from __future__ import annotations

import io

from voice.speech import Pyttsx3Synthesizer


class WavVoice:
    """Text -> WAV bytes in one eSpeak NG voice and rate."""

    def __init__(self, voice: str | None = None, rate: int | None = None) -> None:
        self.voice = voice
        """eSpeak NG voice id (None: the default en-us voice)."""
        self.rate = rate
        """Speaking rate in words per minute (None: the default)."""
        self._synth = Pyttsx3Synthesizer(voice, rate)  # the engine itself loads on first use

    @property
    def key(self) -> str:
        """What sets this voice apart in a cache key ("" for the default voice and rate)."""
        if self.voice is None and self.rate is None:
            return ""  # the key cached audio had before --voice existed: still valid
        return f"\0{self.voice or ''}\0{self.rate or ''}"

    def check(self) -> None:
        """SpeechError naming some choices unless the voice is installed (before serving)."""
        if self.voice is not None:
            Pyttsx3Synthesizer.check_voice(self.voice)

    def __call__(self, text: str) -> bytes:
        from voice.audio import write_wav

        buf = io.BytesIO()
        write_wav(buf, self._synth.synthesize(text))
        return buf.getvalue()


def wav_synthesizer(voice: str | None = None, rate: int | None = None) -> WavVoice:
    """Heartline's voice as text -> WAV bytes (pyttsx3, loaded on first use)."""
    return WavVoice(voice, rate)
