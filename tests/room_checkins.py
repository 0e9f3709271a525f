"""Shared by the voice tests: a spoken check-in in a simulated room, and a voice's pitch."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dialogs.turns import carries_words
from heartline.listening import SpeechReplies, end_of_turn
from heartline.runner import Output, TurnLog, Voice
from heartline.session import checkin_session
from store import Store
from voice.audio import Audio
from voice.echo import EchoGate, Room
from voice.sources import Listener
from voice.speech import Pyttsx3Synthesizer, Synthesizer
from voice.sphinx_engine import SphinxRecognizer


class _Quiet:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def checkin_in_room(room: Room, db: Path, seed: int = 1, synthesizer: Synthesizer | None = None
                    ) -> tuple[TurnLog, list[dict]]:
    """Run a whole spoken check-in in `room` (its recording as the microphone, Heartline's lines,
    from eSpeak NG unless a `synthesizer` is given, played back into it); the turn log and the
    entries stored, in order."""
    # Its own recognizer: a listening session's streams carry the front end's noise estimate from
    # one answer to the next, and the process-wide one's decoders carry it from earlier tests,
    # which made the words heard here depend on the order tests ran in.
    listener = Listener(SphinxRecognizer(None), room, end_of_turn=end_of_turn(0.8),
                        echo=EchoGate(room), confirms=carries_words)
    store = Store.open(db)
    try:
        session = checkin_session(
            store=store, person="sam", source=SpeechReplies(listener), engine="pocketsphinx",
            output=Output(_Quiet(), as_json=True, name="Sam"),  # type: ignore[arg-type]
            voice=Voice(synthesizer or Pyttsx3Synthesizer(), [room], lambda m: None), seed=seed,
        )
        log = session.run()
        rows = sorted(store.entries("sam"), key=lambda r: r["id"])
    finally:
        store.close()
    return log, rows


class RecordedLines:
    """Heartline's lines as eSpeak NG once said them (16 kHz, saved with numpy), for a check-in
    that must hear exactly those samples again; a line not recorded fails loudly (KeyError)."""

    name = "recorded"

    def __init__(self, path: Path) -> None:
        data = np.load(path)
        self._lines = {str(text): Audio(data[f"line{i:02d}"].tobytes(), 16000)
                       for i, text in enumerate(data["texts"])}

    def synthesize(self, text: str) -> Audio:
        return self._lines[" ".join(text.split())]


def pitch_hz(audio: Audio) -> float:
    """Median fundamental frequency of the voiced 50 ms frames (autocorrelation, 70-400 Hz)."""
    x = np.frombuffer(audio.pcm, dtype="<i2").astype(float)
    size = audio.rate // 20
    found = []
    for i in range(0, len(x) - size, size):
        seg = x[i : i + size] - x[i : i + size].mean()
        if np.sqrt(np.mean(seg**2)) < 500:
            continue  # silence
        ac = np.correlate(seg, seg, "full")[size - 1 :]
        lo, hi = audio.rate // 400, audio.rate // 70  # 70..400 Hz
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] > 0.3 * ac[0]:
            found.append(audio.rate / lag)
    assert len(found) > 10, "no voiced frames"
    return float(np.median(found))
