"""Property tests: thousands of varied answers never make the assistant break a promise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs.acts import ActKind, Heard, Outcome
from dialogs.checkin import CheckIn, Settings
from dialogs.locale import load

FORBIDDEN = [f.lower() for f in load().voc("forbidden")]
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "i'm", "i've",
                "i'll", "i'd"}

feelings = st.sampled_from([f[0] for f in load().fields("feelings")] + [
    "angery", "lonley", "anxous", "teriffied", "frustated", "hapy", "prowd", "scaried"])
qualifiers = st.sampled_from(["", "a bit ", "kind of ", "slightly ", "really ", "so ",
                              "extremely ", "not ", "never ", "wasn't ", "too "])
events = st.sampled_from([
    "my boss yelled at me", "the bank lost my paperwork", "my old dog is getting slower",
    "we argued about money", "i went to the store and cleaned the kitchen", "my mom called me",
    "our son won his game", "my friend forgot my birthday", "i had three meetings",
    "you should have seen my desk", "at least it's over", "i understand my kids better",
    "calm down my husband said", "me and my brother fought", "i told myself we'd manage",
    "what are you going to do", "that reminds me of my dad", "when i was a kid",
    "mine broke again", "us and our neighbours", "i'm tired", "i've been working",
])
shapes = st.sampled_from([
    "I felt {q}{f} because {e}", "{e} and I was {q}{f}", "{e}", "I was {q}{f}",
    "{q}{f} that {e}", "{e}, it made me {q}{f}", "{e} {q}{f}", "i am {q}{f} about {e}",
    "{e} and then {e}", "{f}", "{e} which made me feel {q}{f}?", "{q}{f} when {e}",
    "nothing made me {f}", "{e}. {e}. I felt {q}{f}",
])
commands = st.sampled_from([
    "skip", "next", "repeat", "what was the question", "keep that private", "pass", "no",
    "I don't know", "nothing", "nope", "not really", "I'd rather not say", "sorry what", "yes",
    "sure", "go ahead", "hmm", "", "stop", "I want to die", "keep going", "share it",
])
junk = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
               max_size=60)


@st.composite
def replies(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(commands)
    if kind == 1:
        return draw(junk)
    text = draw(shapes).format(q=draw(qualifiers), f=draw(feelings), e=draw(events))
    if draw(st.booleans()) and len(text) > 3:
        k = draw(st.integers(0, len(text) - 2))
        text = text[:k] + text[k + 1] + text[k] + text[k + 2 :]
    if draw(st.booleans()):
        text = text.lower().replace(",", "").replace(".", "").replace("?", "")
    return text


steps = st.lists(st.one_of(replies(), st.just("<silence>"), st.just("<eof>")), max_size=24)


def _check(out: Outcome, said: list[str]) -> None:
    listening = [a for a in out.acts if a.listening]
    assert len(listening) == (0 if out.done else 1), out
    if listening:
        assert out.acts[-1] is listening[0]
    for act in out.acts:
        low = act.text.lower()
        assert not any(f in low for f in FORBIDDEN), act.text
        if act.kind in (ActKind.EMPATHY, ActKind.NUDGE):
            assert not {w.strip(".,!?") for w in low.split()} & FIRST_PERSON, act.text
        if act.kind == ActKind.EMPATHY:
            assert act.text not in said, f"said twice: {act.text}"
            said.append(act.text)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps, seed=st.integers(0, 10_000), opener=st.booleans())
def test_any_conversation_keeps_the_promises(steps: list[str], seed: int, opener: bool) -> None:
    ci = CheckIn(Settings(name="Sam", opener=opener, seed=seed))
    said: list[str] = []
    _check(ci.start(), said)
    for step in steps:
        if ci.finished:
            break
        if step == "<silence>":
            out = ci.silence()
        elif step == "<eof>":
            out = ci.end_of_input()
        else:
            out = ci.hear(Heard(step))
        _check(out, said)
    # The dialog always terminates: silence alone ends it within a few turns.
    for _ in range(20):
        if ci.finished:
            break
        _check(ci.silence(), said)
    assert ci.finished


@settings(max_examples=1500, deadline=None)
@given(text=replies(), seed=st.integers(0, 1000))
def test_any_single_answer_gets_one_listening_act(text: str, seed: int) -> None:
    for emotion in ("mad", "sad", "glad", "fear"):
        from dialogs.acts import Emotion

        out = CheckIn.at(Emotion(emotion), Settings(seed=seed)).hear(Heard(text))
        _check(out, [])
