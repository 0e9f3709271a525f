"""The learned understanding model at run time: exported weights and plain numpy, no sklearn."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from dialogs.features import DIM, PROMPTS, VOCABULARY_DIM, hashed, word_indices

MODEL_PATH = Path(__file__).parent / "understanding" / "model.npz"


class ModelMissing(FileNotFoundError):
    """The understanding model is missing or broken: run scripts/build_understanding.py."""


@dataclass(frozen=True)
class Guess:
    """What the model read in one reply."""

    intent: str
    """The most likely intent allowed at this prompt (feeling, stop, yes, safety...)."""
    confidence: float
    """Its probability, 0..1."""
    probs: dict[str, float]
    """Every intent allowed at this prompt, with its probability."""
    emotions: dict[str, float]
    """mad/sad/glad/fear -> probability that the reply expresses it (multi-label)."""
    flags: dict[str, float]
    """private_inline/sarcasm/strong/idiom -> probability."""
    topic: str | None
    """For a question back: saved, who_hears, why, skip or other."""
    known: float
    """Share of the reply's words seen in the corpus (0: nothing the model can read)."""
    lean: float = 0.0
    """Probability that the reply speaks of crisis, from the crisis head trained on the corpus and
    every language's phrasebook lines (0 with a model built without that head)."""
    asked: str = "other"
    """The topic head's reading whatever the intent head made of the reply, for a reply taken as
    a question back on other grounds ("Who'd hear it?" read as a yes)."""


@dataclass(frozen=True)
class Model:
    """Exported weights: one hashed-feature matrix, heads side by side."""

    weights: np.ndarray
    """DIM x outputs (float16 as shipped)."""
    bias: np.ndarray
    """One per output."""
    heads: dict[str, list[str]]
    """Head name -> its output labels, in column order (intent, emotion, flag, topic, lean)."""
    allowed: dict[str, list[str]]
    """Prompt group -> intents that can be meant there."""
    meta: dict[str, object]
    """How the model was built (corpus sizes, seed, thresholds)."""
    seen: np.ndarray
    """VOCABULARY_DIM booleans: the words of the corpus (features.word_indices)."""

    def _columns(self, head: str) -> slice:
        start = 0
        for name, labels in self.heads.items():
            if name == head:
                return slice(start, start + len(labels))
            start += len(labels)
        raise KeyError(head)

    def read(self, text: str, at: str) -> Guess:
        """Read one reply given at prompt `at` (mad, sad, glad, fear, share, safety_check)."""
        idx = hashed(text, at)
        words = word_indices(text)
        known = sum(bool(self.seen[k]) for k in words) / len(words) if words else 0.0
        scale = 1.0 / np.sqrt(max(1, len(idx)))
        z = self.weights[idx].sum(axis=0, dtype=np.float32) * scale + self.bias
        intents = self.heads["intent"]
        zi = z[self._columns("intent")]
        ok = self.allowed.get(PROMPTS.get(at, "emotion"), intents)
        mask = np.array([name in ok for name in intents])
        zi = np.where(mask, zi, -np.inf)
        p = np.exp(zi - zi.max())
        p /= p.sum()
        best = int(p.argmax())
        probs = {intents[k]: float(p[k]) for k in range(len(intents)) if mask[k]}
        emo = 1.0 / (1.0 + np.exp(-z[self._columns("emotion")]))
        flag = 1.0 / (1.0 + np.exp(-z[self._columns("flag")]))
        topics = self.heads["topic"]
        asked = topics[int(z[self._columns("topic")].argmax())]
        topic = asked if intents[best] == "question" else None
        lean = 1.0 / (1.0 + np.exp(-z[self._columns("lean")][0])) if "lean" in self.heads else 0.0
        return Guess(
            intent=intents[best],
            confidence=float(p[best]),
            probs=probs,
            emotions={e: float(v) for e, v in zip(self.heads["emotion"], emo, strict=True)},
            flags={f: float(v) for f, v in zip(self.heads["flag"], flag, strict=True)},
            topic=topic,
            known=known,
            lean=float(lean),
            asked=asked,
        )


def save(path: Path, weights: np.ndarray, bias: np.ndarray, heads: dict[str, list[str]],
         allowed: dict[str, list[str]], meta: dict[str, object], seen: np.ndarray) -> None:
    """Write a model: float16 weights, uncompressed so that loading is one read."""
    info = {"heads": heads, "allowed": allowed, "meta": meta, "dim": DIM}
    with path.open("wb") as f:
        np.savez(f, weights=weights.astype(np.float16), bias=bias.astype(np.float32),
                 seen=np.packbits(seen), info=np.array(json.dumps(info)))


def load_from(path: Path) -> Model:
    """Read a model file written by save()."""
    try:
        with np.load(path, allow_pickle=False) as data:
            info = json.loads(str(data["info"]))
            if info["dim"] != DIM:
                raise ModelMissing(f"{path} was built for other features; rebuild it")
            weights = data["weights"]
            bias = data["bias"]
            seen = np.unpackbits(data["seen"])[:VOCABULARY_DIM].astype(bool)
            if len(seen) != VOCABULARY_DIM:
                raise ModelMissing(f"{path} was built without its vocabulary; rebuild it")
    except (OSError, KeyError, ValueError) as err:
        raise ModelMissing(
            f"cannot read the understanding model {path} ({err}); "
            "rebuild it: python scripts/build_understanding.py"
        ) from None
    return Model(weights, bias, info["heads"], info["allowed"], info["meta"], seen)


@cache
def model() -> Model:
    """The shipped model, loaded once per process."""
    return load_from(MODEL_PATH)
