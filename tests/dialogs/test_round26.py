"""Round 26, after scoring held-out v26: its misses in wordings of their own, not its sentences."""

from __future__ import annotations

import pytest

from dialogs.classify import crisis_rules
from dialogs.safety import AtCheck, read_check


@pytest.mark.parametrize(("text", "tier"), [
    ("went up to the quarry, stood at the edge a long time and almost stepped off", 2),
    ("sat on the ledge of the car park roof, nearly let go", 2),
    ("sat on the edge of my bed and nearly fell asleep in my clothes", 0),
    ("we stood at the edge of the pool and almost jumped in, it was freezing", 0),
    ("Nezvakare ndazvicheka mangwanani", 1),
    ("Mapiritsi angu ese ndichaanwa svondo rino", 1),
    ("Kiyimderimdi jana buyumdarymdy taratyp berdim", 1),
    ("Ponoči sem se s cigareto opečem po zapestju", 1),
    ("ndifuna ukuzenzakalisa namhlanje", 1),
    ("tunnen et väljapääsu pole", 2),
    ("chygar jol jok, emne kylam", 2),
    ("Mislim, da bi bilo vsem lažje, ce bi izginil", 2),
])
def test_round_26_after_scoring(text: str, tier: int) -> None:
    """A drop's edge and nearly going over; cutting, burning, hurting oneself, pills gathered,
    things given away, no way out and disappearing in Shona, Kyrgyz, Slovenian, isiXhosa and
    Estonian; the edge of a bed or a pool stays calm."""
    assert crisis_rules(text, "en-us")[0] == tier


@pytest.mark.parametrize(("reply", "check"), [
    ("kwete kwete, hapana zvakadaro, ndaneta hangu", AtCheck.NO),
    ("Ne, ne. Samo sem utrujena od službe.", AtCheck.NO),
    ("no, I have no thoughts of ending my life, I'm just worn out", AtCheck.NO),
    ("ne vem, res ne vem", AtCheck.YES),
    ("nu stiu ce sa zic", AtCheck.YES),
    ("haan... kabhi kabhi", AtCheck.YES),
])
def test_a_no_in_any_language_at_the_check_and_never_an_i_dont_know(reply: str,
                                                                     check: AtCheck) -> None:
    """A reply led by a one-word no of some language is a no (unless that word is a yes
    elsewhere); "I don't know", which in many languages opens with their no, never is."""
    assert read_check(reply, "sad", "en-us") is check
