"""Round 33: tears of joy are joy (vocab/feelings.value), not the sadness "cried" names alone."""

from __future__ import annotations

import pytest

from dialogs.acts import Emotion
from dialogs.understand import Intent, understand


@pytest.mark.parametrize("text", ["we both cried happy tears at the scan",
                                  "tears of joy at the airport",
                                  "my dad cried with joy when I told him"])
def test_tears_of_joy_are_joy(text: str) -> None:
    got = understand(text, "glad")
    assert got.intent == Intent.FEELING and got.emotions == (Emotion.GLAD,), got
