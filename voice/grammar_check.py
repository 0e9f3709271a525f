"""The evidence on one grammar reply at a short-reply prompt: does the open model hear the same?

Used by voice/sphinx_engine.py: the grammar's words against the open model's readings of the same
sound (span, phones, acoustic margin per word) and against the sound itself, phone by phone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from voice.types import Word

VARIANT = re.compile(r"\(\d+\)$")
"""A pronunciation variant's suffix in PocketSphinx's word names ("the(2)")."""


def is_filler(word: str) -> bool:
    """Silence, sentence markers and noise words: <s>, </s>, <sil>, [NOISE], ++GARBAGE++."""
    return not word or word[0] in "<[+"



GRAMMAR_PHONE_DISTANCE = 0.4
"""Largest phone edit distance (per phone) between the grammar's words and the open model's for
a grammar reply to count: in-grammar 48/49, out-of-grammar 0/14 accepted (bench/short_replies.py
has the full figures)."""


NBEST = 5
"""Readings of the open model compared with the grammar's words."""

GRAMMAR_WORD_MARGIN = 90.0
"""Most by which the open model's reading may outscore a grammar word over that word's frames
(natural log of PocketSphinx's acoustic scores) for the reply to count. Set on the development
set bench/data/short-replies-dev.txt: its grammar phrases reached at most 70, the unrelated
phrases the other checks let through 100 to 181 (8 of 14) or less (6)."""

GRAMMAR_PHONE_FLOOR = -60.0
"""Lowest acoustic score per 10 ms frame that any phone of the grammar's words may reach in their
forced alignment for the reply to count (round 10; PocketSphinx's alignment units). Scores are
relative to the best senone of each frame, so 0 is what a free phone loop would score: this is a
likelihood ratio against it, phone by phone. Chosen on bench/data/short-replies-heldout3.txt
(spent in round 9), four flite voices: the first grammar reply lost at -45; from -55 to -60 the
not-answers accepted fall from 22/320 to 15/320 with grammar phrases unchanged at 218/224
("chicken" forced onto "check in": "in" -62; "lego" onto "let's go": -108; "too tight" onto
"too tired": -70 to -156; a real "check in" -29, "let's go" -10)."""

GRAMMAR_SPAN_SLACK_S = 0.25
"""How far the grammar's words may start or end away from the open model's words (seconds)."""


def _covers(grammar: Sequence[Word], heard: Sequence[Word]) -> bool:
    """Whether the grammar's words span the same speech as the open model's words.

    Speech outside every grammar phrase that begins like one ("seventeen", "a minute ago") is
    forced onto the phrase and the rest of the sound is left to silence: the grammar's words end
    early (or start late, or are stretched over silence the open model leaves empty).
    """
    return (abs(grammar[0].start - heard[0].start) <= GRAMMAR_SPAN_SLACK_S
            and abs(grammar[-1].end - heard[-1].end) <= GRAMMAR_SPAN_SLACK_S)


_Segment = tuple[str, float, int, int]
"""A decoded segment: word, natural log of its acoustic score, first and last frame."""


def _segments(decoder: Any) -> list[_Segment]:
    """The last decode's segments with their acoustic scores (a score of 0.0 has underflowed)."""
    return [(seg.word, math.log(seg.ascore) if seg.ascore > 0.0 else -math.inf,
             seg.start_frame, seg.end_frame) for seg in decoder.seg() or ()]


def _word_margin(grammar: Sequence[_Segment], heard: Sequence[_Segment]) -> float | None:
    """The most by which ``heard`` (the open model's path) outscores a grammar word on its frames.

    Each grammar word is set against whatever the open model put on the same frames (its words,
    silences and noises; a segment partly inside counts pro rata). A grammar word whose score
    underflowed fits worse than any reading that did not (an infinite margin); a word where both
    underflowed tells nothing.
    """
    margins = []
    for word, score, start, end in grammar:
        if is_filler(word):
            continue
        other = 0.0
        for _, other_score, other_start, other_end in heard:
            overlap = min(end, other_end) - max(start, other_start) + 1
            if overlap > 0:
                other += other_score * overlap / (other_end - other_start + 1)
        margins.append(other - score)
    known = [m for m in margins if not math.isnan(m)]
    return max(known) if known else None


_Phone = tuple[str, str, int, int]
"""One phone of a forced alignment: word, phone, acoustic log score, frames."""


def _aligned(decoder: Any, pcm: bytes, adapt: bool, text: str | None = None) -> tuple[_Phone, ...]:
    """The last hypothesis (or ``text``) forced onto ``pcm`` phone by phone, silences included.

    Two more passes of the same decoder over the same sound, each with the words as its only
    path (words, then phones; about 0.02 s each time). Aligning phones straight on the grammar's
    word boundaries fails on some replies ("let's do it"), so the words are aligned again first.
    The decoder is left on the alignment search: the next decode activates its own. An alignment
    that fails gives no phones (no evidence either way).
    """
    if text is None:
        hypothesis = decoder.hyp()
        text = hypothesis.hypstr if hypothesis else ""
    text = " ".join(w for w in text.split() if not is_filler(w))
    if not text:
        return ()
    try:
        for align in (lambda: decoder.set_align_text(text), decoder.set_alignment):
            align()
            if not adapt:
                decoder.reinit_feat()
            decoder.start_utt()
            decoder.process_raw(pcm, False, True)
            decoder.end_utt()
        alignment = decoder.get_alignment()
    except RuntimeError:  # a path the alignment could not fit to the sound
        return ()
    if alignment is None:
        return ()
    return tuple((VARIANT.sub("", word.name), phone.name, int(phone.score), int(phone.duration))
                 for word in alignment for phone in word)


def _align(decoder: Any, pcm: bytes, adapt: bool,
           text: str | None = None) -> tuple[_Phone, ...]:
    """The words of ``_aligned`` alone, their silences and noises left out."""
    return tuple(a for a in _aligned(decoder, pcm, adapt, text) if not is_filler(a[0]))


def open_gain(grammar: Sequence[_Phone], heard: Sequence[_Phone]) -> float | None:
    """How much better the open model's best reading fits the whole reply than the grammar's
    words: the difference of the two forced alignments' acoustic log scores over the whole sound
    (silences included), per 10 ms frame of the grammar's words (round 12).

    Both alignments cover every frame of the same sound, so their difference is a likelihood
    ratio of the two paths. A sound the grammar's word lacks ("goat" forced onto "go", "nose"
    onto "no") is left to the grammar path's silence, which fits it badly, while the open
    model's reading has a phone for it. None: either alignment is missing.
    """
    frames = sum(n for word, _, _, n in grammar if not is_filler(word))
    if not frames or not heard:
        return None
    return (sum(a[2] for a in heard) - sum(a[2] for a in grammar)) / frames


@dataclass(frozen=True)
class GrammarCheck:
    """The evidence on one grammar reply: whether the open model hears the same as the grammar."""

    covers: bool
    """The grammar's words span the speech the open model found (``_covers``)."""
    near: bool
    """One of the open model's best readings is near the grammar's words in phones."""
    margin: float | None
    """The most by which the open model's reading outscores one of the grammar's words over that
    word's frames, in PocketSphinx's acoustic log score (None: no word could be compared)."""
    said: str = ""
    """The grammar's words (kept when the reply is rejected)."""
    heard: tuple[str, ...] = ()
    """The open model's readings of the same sound, its best first (NBEST more after it)."""
    alignment: tuple[tuple[str, str, int, int], ...] = ()
    """The grammar's words forced onto the sound phone by phone: (word, phone, acoustic log
    score, frames), fillers left out (empty: the alignment failed)."""
    gain: float | None = None
    """How much better per frame the open model's best reading fits the whole sound than the
    grammar's words (``open_gain``; None: not measured). Evidence for the caller: the checks
    above do not weigh it (the invitation does, ``dialogs.evening.heard_reply``)."""

    @property
    def worst_phone(self) -> float | None:
        """The lowest acoustic score per frame of any phone of the grammar's words (None: none)."""
        scores = [score / frames for _, _, score, frames in self.alignment if frames > 0]
        return min(scores) if scores else None

    @property
    def accepted(self) -> bool:
        """Whether the reply counts as the grammar's words."""
        fits = self.margin is None or self.margin <= GRAMMAR_WORD_MARGIN
        worst = self.worst_phone
        phones_fit = worst is None or worst >= GRAMMAR_PHONE_FLOOR
        return self.covers and self.near and fits and phones_fit
