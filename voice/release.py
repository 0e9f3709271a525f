"""Whether a decoded last word is only the release of the word before it (a /t/ burst read as "it").

Some voices release a final stop audibly ("about" as "abou-t"): after the vowel comes a stop's
closure (near silence) and a weak unvoiced burst. PocketSphinx can read that stretch as a short
word ("worried about" heard as "worried about it", issue 10), and the language model prefers a
sentence that ends so. A real word has a vowel at about the speaker's level; a release is mostly
far quieter than the speaker's loud frames. Checked only on a short, unsure last word.
"""

from __future__ import annotations

import numpy as np

from voice.audio import RECOGNIZER_RATE
from voice.types import Word

RELEASE_MAX_S = 0.25
"""A release read as a word is short: 0.21-0.22 s (awb), real final "it" 0.14-0.27 s."""

RELEASE_MAX_CONF = 0.6
"""And unsure: 0.08-0.52 (awb's "about it", "without it"); a clear final word is trusted."""

RELEASE_QUIET_SHARE = 0.6
"""Share of the word's frames more than 20 dB under the speaker's loud level (releases 0.71-0.73,
real final words up to 0.48 in the development set of bench/paused_answers.py's voices)."""

_QUIET_RATIO = 0.1  # -20 dB under the utterance's loud level
_LOUD_PERCENTILE = 90
_WINDOW = round(0.03 * RECOGNIZER_RATE)
_HOP = round(0.01 * RECOGNIZER_RATE)


def frame_levels(pcm: bytes) -> np.ndarray:
    """RMS of 30 ms windows every 10 ms over 16 kHz mono 16-bit ``pcm``, mean removed."""
    x = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2").astype(np.float32)
    if len(x) < _WINDOW:
        return np.zeros(0, dtype=np.float32)
    starts = np.arange(0, len(x) - _WINDOW + 1, _HOP)
    frames = np.stack([x[s : s + _WINDOW] for s in starts])
    frames -= frames.mean(axis=1, keepdims=True)
    return np.sqrt((frames**2).mean(axis=1))


def is_release(word: Word, pcm: bytes) -> bool:
    """Whether ``word`` (times in seconds from the start of ``pcm``) is a short, unsure word made
    mostly of near silence: a stop's closure and burst, not a word with a vowel."""
    if word.end - word.start > RELEASE_MAX_S or word.conf >= RELEASE_MAX_CONF:
        return False
    levels = frame_levels(pcm)
    if not len(levels):
        return False
    loud = float(np.percentile(levels, _LOUD_PERCENTILE))
    centres = (np.arange(len(levels)) * _HOP + _WINDOW / 2) / RECOGNIZER_RATE
    inside = levels[(centres >= word.start) & (centres <= word.end)]
    if not len(inside) or loud <= 0:
        return False
    return float((inside < _QUIET_RATIO * loud).mean()) >= RELEASE_QUIET_SHARE
