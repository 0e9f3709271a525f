"""Audio chunks from WAV and raw stdin, and utterance segmentation (endpointing)."""

from __future__ import annotations

import math
import operator
import sys
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from voice.audio import RECOGNIZER_RATE, Audio
from voice.echo import FAR_WINDOW_S, EchoGate, echoes_own
from voice.microphone import Microphone as Microphone  # where callers have always found it
from voice.types import Recognizer, RecognizerStream, Transcript

_BYTES_PER_S = 2 * RECOGNIZER_RATE


def chunks_from_audio(audio: Audio, chunk_ms: int = 100) -> Iterator[bytes]:
    """The audio as 16 kHz mono 16-bit chunks of ``chunk_ms`` (the last may be shorter)."""
    pcm = audio.to_mono16k().pcm
    size = _BYTES_PER_S * chunk_ms // 1000
    for i in range(0, len(pcm), size):
        yield pcm[i : i + size]


def chunks_from_raw(f: BinaryIO, chunk_ms: int = 100) -> Iterator[bytes]:
    """Chunks of raw 16 kHz 16-bit mono PCM read from a binary stream (e.g. stdin) until EOF."""
    size = _BYTES_PER_S * chunk_ms // 1000
    carry = b""
    while True:
        block = f.read(size)
        if not block:
            break
        block = carry + block
        cut = len(block) - len(block) % 2  # never split a sample
        carry = block[cut:]
        if cut:
            yield block[:cut]


@dataclass(frozen=True)
class Utterance:
    """One spoken answer found by the Listener."""

    transcript: Transcript
    """What the recognizer heard."""
    audio: Audio
    """The audio given to the recognizer (pre-roll, speech and trailing silence), 16 kHz mono."""
    start_s: float
    """Where the audio given to the recognizer starts, in seconds of input."""
    end_s: float
    """Where the speech ended (last voiced frame), in seconds of input."""
    barge_in: bool = False
    """It began while Heartline was speaking (playback was stopped for it)."""


@dataclass(frozen=True)
class NoAnswer:
    """Nobody spoke within the waiting time."""

    waited_s: float
    """Seconds of input audio listened to since the question."""


# Voice-activity detector settings, in 30 ms frames.
FRAME_S = 0.03
_FRAME_BYTES = round(FRAME_S * _BYTES_PER_S)
_PRE_ROLL_FRAMES = 10  # 300 ms kept before the onset so word beginnings reach the recognizer
_ONSET_FRAMES = 3  # 90 ms of consecutive loud frames start speech; shorter clicks are ignored
_MIN_SPEECH_FRAMES = 5  # utterances with fewer voiced frames are noise
_BARGE_FRAMES = 10  # 300 ms of speech over Heartline's voice, carrying words, stop it
_RECHECK = 1.5  # unconfirmed speech over Heartline is decoded again once it is this much longer
_TAIL_FRAMES = 10  # 300 ms of quiet after speech: decode the words so far and judge the pause
_START_RATIO = 3.0  # speech starts this far above the noise floor (about +10 dB)
_CONTINUE_RATIO = 2.0  # and continues while above this
_MIN_START_RMS = 150.0  # nothing quieter counts as speech, even over digital silence
_FLOOR_MIN = 20.0
_FLOOR_RISE = 0.02  # the floor follows louder noise slowly ...
_FLOOR_FALL = 0.3  # ... and quieter noise quickly


def _frame_rms(frame: bytes) -> float:
    samples = array("h")
    samples.frombytes(frame)
    if sys.byteorder == "big":
        samples.byteswap()
    return math.sqrt(sum(map(operator.mul, samples, samples)) / len(samples)) if samples else 0.0


class Listener:
    """Turns a stream of 16 kHz mono chunks into Utterances, NoAnswers and the end of input.

    An energy detector with an adaptive noise floor finds speech; speech is fed to a recognizer
    stream as it arrives, so at the endpoint only finalisation remains. Time is audio time, so a
    file and a microphone behave alike.
    """

    def __init__(
        self,
        recognizer: Recognizer,
        chunks: Iterable[bytes],
        *,
        end_silence_s: float = 0.8,
        no_answer_s: float = 7.0,
        grammar: Sequence[str] | None = None,
        end_of_turn: Callable[[str, bool], float] | None = None,
        echo: EchoGate | None = None,
        confirms: Callable[[str], bool] | None = None,
    ) -> None:
        self.recognizer = recognizer
        self.end_silence_s = end_silence_s
        self.end_of_turn = end_of_turn
        """Given the words before a pause (and whether a grammar is on), the silence in seconds
        that ends the turn; None: always ``end_silence_s``."""
        self.echo = echo
        """Heartline's own voice in the input: speech must beat its echo, and stops it."""
        self.confirms = confirms or (lambda text: bool(text.strip()))
        """Whether the words decoded from sound over Heartline's voice are the person's (not
        fillers); only then is playback stopped. Default: any word."""
        self.no_answer_s = no_answer_s
        self.grammar = grammar
        self._source = chunks
        self._chunks = iter(chunks)
        self._buffer = bytearray()
        self._frames_read = 0
        self._floor: float | None = None
        self._pre_roll: deque[bytes] = deque(maxlen=_PRE_ROLL_FRAMES + _ONSET_FRAMES)
        self._ended = False
        self.last_audio_end_s = 0.0
        """Input time where the speech of the last Utterance ended."""
        self.last_finalize_s = 0.0
        """Wall-clock seconds the recognizer took to finalise the last Utterance."""
        self.last_pause_decode_s = 0.0
        """Wall-clock seconds the last pause's decode took (made while waiting in silence)."""
        self.last_end_wait_s = 0.0
        """Seconds of silence after its last voiced frame that ended the last Utterance."""

    @property
    def position_s(self) -> float:
        """Seconds of input audio consumed so far."""
        return self._frames_read * FRAME_S

    def drop_pending(self) -> None:
        """Discard buffered input (e.g. the assistant's own voice captured by a microphone)."""
        self._buffer.clear()
        self._pre_roll.clear()
        drop = getattr(self._source, "drop_pending", None)
        if callable(drop):
            drop()

    def _next_frame(self) -> bytes | None:
        while len(self._buffer) < _FRAME_BYTES:
            if self._ended:
                break
            try:
                self._buffer += next(self._chunks)
            except StopIteration:
                self._ended = True
        if not self._buffer:
            return None
        frame = bytes(self._buffer[:_FRAME_BYTES])
        del self._buffer[:_FRAME_BYTES]
        start_s = self.position_s
        self._frames_read += 1
        if self.echo is not None:
            frame = self.echo.cancel(frame, start_s)
        return frame

    def _update_floor(self, energy: float) -> None:
        if self._floor is None:
            self._floor = max(energy, _FLOOR_MIN)
            return
        rate = _FLOOR_FALL if energy < self._floor else _FLOOR_RISE
        self._floor = max(_FLOOR_MIN, self._floor + rate * (energy - self._floor))

    def next_event(self, grammar: Sequence[str] | None = None) -> Utterance | NoAnswer | None:
        """The next Utterance, a NoAnswer after ``no_answer_s`` of no speech, or None at the end."""
        grammar = grammar if grammar is not None else self.grammar
        waited_from = self._frames_read
        onset = 0
        while True:
            if (self._frames_read - waited_from) * FRAME_S >= self.no_answer_s:
                return NoAnswer(round((self._frames_read - waited_from) * FRAME_S, 3))
            frame = self._next_frame()
            if frame is None:
                return None
            energy = _frame_rms(frame)
            floor = self._floor if self._floor is not None else max(energy, _FLOOR_MIN)
            self._pre_roll.append(frame)
            far = self._far()
            loud = energy > max(floor * _START_RATIO, _MIN_START_RMS)
            if loud and (self.echo is None or self.echo.is_speech(energy, far)):
                onset += 1
                if onset >= _ONSET_FRAMES:
                    # Over Heartline's own voice this is only a candidate: _follow stops the
                    # playback once the sound carries words (a barge-in), else lets it play on.
                    over_reply = self._playing()
                    utterance = self._follow(grammar, over_reply)
                    if utterance is not None:
                        return utterance
                    onset = 0
                    if over_reply:  # it was Heartline's echo: the wait starts after Heartline
                        waited_from = self._frames_read
                continue
            onset = 0
            if far and self.echo is not None:
                self.echo.observe(energy, far)  # the echo must not raise the noise floor
                waited_from = self._frames_read  # the wait for an answer starts after Heartline
                continue
            self._update_floor(energy)

    def _playing(self) -> bool:
        """Whether Heartline spoke in the last half second (its pauses between words included)."""
        if self.echo is None:
            return False
        return self.echo.reference.far_level(self.position_s - 0.5, self.position_s) > 0

    def _far(self) -> float:
        """How loud Heartline's own voice can be in the frame just read (0 when silent)."""
        if self.echo is None:
            return 0.0
        return self.echo.far(self.position_s - FRAME_S, FRAME_S)

    def _follow(self, grammar: Sequence[str] | None, over_reply: bool = False
                ) -> Utterance | None:
        """Feed speech to a new stream until the turn ends in silence; None if it was only noise.

        With ``end_of_turn``, the words are decoded once the speaker has been quiet for
        ``_TAIL_FRAMES``; what they say decides how much more silence ends the turn (longer
        after "I felt ..."). Quiet after that tail is held back from the recognizer, so at the
        endpoint the decode made during the pause is the result and nothing remains to compute.

        ``over_reply``: the sound began while Heartline was speaking. Its level alone decides
        nothing (what is left of the echo after cancelling differs from one synthesis of a line
        to the next): Heartline plays on while the echo-cancelled sound is decoded, after
        ``_BARGE_FRAMES`` of it, again as it grows and at its first pause, and stops once the
        words are the person's (``confirms``). Everything heard from the onset on is kept, so
        the whole stretch is the rest of the answer; sound that reaches a pause without such
        words is dropped there as echo.
        """
        stream: RecognizerStream = self.recognizer.stream(grammar, adapt=True)
        try:
            fed = list(self._pre_roll)
            self._pre_roll.clear()
            start_frame = self._frames_read - len(fed)
            voiced = _ONSET_FRAMES
            last_voiced = self._frames_read
            base_frames = round(self.end_silence_s / FRAME_S)
            quiet_frames = base_frames
            stream.accept(b"".join(fed))
            pending: list[bytes] = []
            held: list[bytes] = []
            asked = False
            confirmed = not over_reply
            check_at = _BARGE_FRAMES
            excess: list[tuple[float, float]] = []  # EchoGate.excess of each frame over Heartline
            self.last_pause_decode_s = 0.0
            while self._frames_read - last_voiced < quiet_frames:
                frame = self._next_frame()
                if frame is None:
                    break
                fed.append(frame)
                energy = _frame_rms(frame)
                floor = self._floor or _FLOOR_MIN
                far = self._far()
                if energy > max(floor * _CONTINUE_RATIO, _MIN_START_RMS * 0.5) and (
                    self.echo is None or self.echo.is_speech(energy, far)
                ):
                    voiced += 1
                    last_voiced = self._frames_read
                    pending += held
                    held.clear()
                    pending.append(frame)
                    quiet_frames, asked = base_frames, False
                    if not confirmed and self.echo is not None:
                        excess.append(self.echo.excess(energy, far))
                    if not confirmed and voiced >= check_at:
                        stream.accept(b"".join(pending))
                        pending.clear()
                        confirmed = self._confirm(stream, grammar, fed, excess)
                        check_at = math.ceil(voiced * _RECHECK)
                else:
                    if not far:
                        self._update_floor(energy)
                    if self.end_of_turn is None:
                        pending.append(frame)
                    else:
                        held.append(frame)
                        if not asked and len(held) >= _TAIL_FRAMES:
                            pending += held
                            held.clear()
                            stream.accept(b"".join(pending))
                            pending.clear()
                            # Sound over Heartline that pauses unconfirmed is its echo. (Echo is
                            # not decoded: each decode moves the room's noise estimate.)
                            confirmed = confirmed or (
                                voiced >= _BARGE_FRAMES
                                and self._confirm(stream, grammar, fed, excess))
                            if not confirmed:
                                return None
                            t = time.perf_counter()
                            # The longest wait any reading asks for: "worried about" stays
                            # unfinished when a released /t/ was also read as "it".
                            wait_s = max(self.end_of_turn(text, grammar is not None)
                                         for text in stream.readings())
                            self.last_pause_decode_s = time.perf_counter() - t
                            quiet_frames, asked = max(_TAIL_FRAMES, round(wait_s / FRAME_S)), True
                # Feed whatever the source has delivered so far; a frame at a time costs more.
                if pending and (not self._buffer or len(pending) >= 4):
                    stream.accept(b"".join(pending))
                    pending.clear()
            if pending:
                stream.accept(b"".join(pending))
            if not asked and held:  # input ended inside the tail: decode what there is
                stream.accept(b"".join(held))
            if not confirmed and voiced >= _BARGE_FRAMES:  # input ended first
                confirmed = self._confirm(stream, grammar, fed, excess)
            if not confirmed:
                return None  # echo (not decoded)
            t = time.perf_counter()
            transcript = stream.result()
            self.last_finalize_s = time.perf_counter() - t
        finally:
            stream.close()
        # Speech a grammar found no path through still counts when the engine heard more than a
        # word in it (open_readings, round 14): answered, or asked again, never dropped as noise.
        heard = transcript.text.strip() or transcript.out_of_grammar or transcript.open_readings
        if voiced < _MIN_SPEECH_FRAMES or not heard:
            return None
        self.last_audio_end_s = last_voiced * FRAME_S
        self.last_end_wait_s = (self._frames_read - last_voiced) * FRAME_S
        return Utterance(transcript, Audio(b"".join(fed), RECOGNIZER_RATE),
                         start_frame * FRAME_S, last_voiced * FRAME_S, over_reply)

    def _confirm(self, stream: RecognizerStream, grammar: Sequence[str] | None,
                 fed: list[bytes], excess: list[tuple[float, float]]) -> bool:
        """Whether sound over Heartline's voice is the person's: louder than what is left of the
        echo over the whole stretch, and carrying words. If so, stop Heartline."""
        began = self.position_s - len(fed) * FRAME_S
        if self.echo is not None and not self.echo.outweighs(excess, b"".join(fed), began):
            return False
        if grammar is None:
            words = stream.partial()
        else:
            # A grammar hears one of its phrases in anything, and rejects other speech: ask
            # the open model whether these are words (a reply out of the grammar is kept too).
            check = self.recognizer.stream(None, adapt=True)
            try:
                check.accept(b"".join(fed))
                words = check.partial()
            finally:
                check.close()
        if self.echo is not None:
            if echoes_own(words, self.echo.reference.said(began - FAR_WINDOW_S, self.position_s)):
                return False
        if not self.confirms(words):
            return False
        if self.echo is not None:
            self.echo.reference.stop()
        return True
