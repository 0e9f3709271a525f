"""The recognizer names in one place, for callers that import them from here.

Types and protocols live in voice/types.py, whole-recording decoding in voice/transcribe.py, the
engine registry in voice/registry.py.
"""

from voice.models import find_vosk_model
from voice.registry import ENGINES, create_recognizer
from voice.transcribe import LONG_AUDIO_S, TRANSCRIBE_CHUNK_BYTES, transcribe_with
from voice.types import Recognizer, RecognizerStream, Transcript, Word

__all__ = [
    "ENGINES",
    "LONG_AUDIO_S",
    "TRANSCRIBE_CHUNK_BYTES",
    "Recognizer",
    "RecognizerStream",
    "Transcript",
    "Word",
    "create_recognizer",
    "find_vosk_model",
    "transcribe_with",
]
