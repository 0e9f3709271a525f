"""How often the check-in does the right thing after one answer, by category; randomized runs."""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialogs.acts import Act, ActKind, AnswerKind, Emotion, Heard, Outcome  # noqa: E402
from dialogs.checkin import ORDER, CheckIn, Settings  # noqa: E402
from dialogs.locale import load  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "answers-labelled.json"
HELP = ("988", "emergency", "crisis", "helpline", "hotline", "lifeline")
HARD_WORDS = ("sucks", "sorry", "hard", "frustrat", "painful", "rough")
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "i'm", "i've", "i'll", "i'd"}
BANDS = {"low": 1, "mid": 2, "high": 3}
SILENCE = "<silence>"


def _kinds(out: Outcome) -> list[ActKind]:
    return [a.kind for a in out.acts]


def _said(out: Outcome) -> str:
    return " ".join(a.text for a in out.acts).lower()


def _words(text: str) -> set[str]:
    return {w.strip(".,!?") for w in text.lower().split()}


def _next_asked(out: Outcome, asked: Emotion) -> bool:
    later = ORDER[ORDER.index(asked) + 1 :]
    return any(a.kind == ActKind.QUESTION and a.emotion in later for a in out.acts) or (
        not later and ActKind.SHARE_PROMPT in _kinds(out)
    )


def judge(row: dict[str, str], seed: int = 0) -> tuple[bool, str]:
    """Run one labelled answer through a fresh check-in at its question; (met, what was said)."""
    asked = Emotion(row["asked"])
    ci = CheckIn.at(asked, Settings(seed=seed))
    exp = row["expect"]
    if row["text"] == SILENCE:
        first = ci.silence()
        second = ci.silence()
        ok = (
            [a.kind for a in first.acts] == [ActKind.REPROMPT]
            and first.acts[0].emotion == asked
            and any(x.kind == AnswerKind.SKIPPED for x in second.answers)
            and _next_asked(second, asked)
        )
        return ok, _said(first) + " / " + _said(second)
    out = ci.hear(Heard(row["text"]))
    kinds = _kinds(out)
    said = _said(out)
    emp = " ".join(a.text for a in out.acts if a.kind == ActKind.EMPATHY).lower()
    answer_kinds = [x.kind for x in out.answers]
    no_emp = ActKind.EMPATHY not in kinds and ActKind.NUDGE not in kinds
    if exp == "empathy":
        ok = ActKind.EMPATHY in kinds and not any(w in said for w in ("wonderful", "great to hear"))
    elif exp == "empathy_positive":
        ok = ActKind.EMPATHY in kinds and not any(w in emp for w in HARD_WORDS)
    elif exp == "nothing":
        ok = no_emp and answer_kinds == [AnswerKind.NOTHING] and _next_asked(out, asked)
    elif exp == "unsure":
        # One gentle nudge on the same question; what was said is kept.
        ok = ActKind.EMPATHY not in kinds and answer_kinds == [AnswerKind.UNSURE] and any(
            a.kind == ActKind.NUDGE and a.emotion == asked and a.listening for a in out.acts)
    elif exp == "nudge":
        ok = any(a.kind == ActKind.NUDGE and a.emotion == asked and a.listening for a in out.acts)
    elif exp == "skip":
        ok = no_emp and answer_kinds == [AnswerKind.SKIPPED] and _next_asked(out, asked)
    elif exp == "repeat":
        ok = no_emp and not out.answers and any(
            a.kind in (ActKind.QUESTION, ActKind.REPROMPT) and a.emotion == asked
            for a in out.acts
        )
    elif exp == "stop":
        ok = ActKind.CLOSING in kinds and out.done and not out.share
    elif exp == "private":
        ok = no_emp and out.command == "private" and any(
            a.kind == ActKind.QUESTION and a.emotion == asked and a.listening for a in out.acts
        )
    elif exp == "safety":
        # Clear words of crisis get the safety act with a help line; hopeless or ambiguous ones
        # (tier 2, issue 9) get the direct safety check first. Both are kept private.
        saf = " ".join(a.text for a in out.acts if a.kind == ActKind.SAFETY).lower()
        tier1 = any(h in saf for h in HELP) and answer_kinds == [AnswerKind.SAFETY]
        tier2 = kinds == [ActKind.SAFETY_CHECK] and answer_kinds == [AnswerKind.SAFETY_CHECK]
        ok = ActKind.EMPATHY not in kinds and (tier1 or tier2)
    else:
        raise ValueError(f"unknown expect {exp!r}")
    if "emotion" in row and exp in ("empathy", "empathy_positive") and out.answers:
        ok = ok and out.answers[0].emotion == row["emotion"]
    if _words(emp) & FIRST_PERSON:
        ok = False
    return ok, said


def band_ok(row: dict[str, str]) -> bool | None:
    """Whether the intensity heard falls in the labelled band (None when unlabelled)."""
    if "band" not in row:
        return None
    out = CheckIn.at(Emotion(row["asked"])).hear(Heard(row["text"]))
    return bool(out.answers) and out.answers[0].intensity == BANDS[row["band"]]


# -- randomized check-ins ---------------------------------------------------------------------

_FEELINGS = ["annoyed", "furious", "livid", "sad", "lonely", "heartbroken", "proud", "grateful",
             "relieved", "anxious", "scared", "terrified", "nervous", "worried", "happy", "angry",
             "frustrated", "upset", "miserable", "thrilled", "on edge", "fed up", "over the moon",
             "dread", "pissed off", "teriffied", "lonley", "anxous", "greatful"]
_QUALS = ["", "a bit ", "kind of ", "slightly ", "really ", "so ", "extremely ", "not ", "never "]
_EVENTS = ["my boss yelled at me", "the bank lost my paperwork", "my dog is getting old",
           "we argued about money", "my mom called", "i went to the store", "our son won his game",
           "my friend forgot my birthday", "i had three meetings", "the car broke down again",
           "my sister and I went for a walk", "we missed the train", "my paperwork got lost",
           "i cleaned the kitchen", "my partner hugged me", "i couldn't sleep", "my team lost",
           "at least it is over", "you should see my desk", "i understand my kids better now",
           "calm down said my boss", "i told myself we'd manage", "me and my brother fought"]
_SHAPES = ["I felt {q}{f} because {e}", "{e} and I was {q}{f}", "{e}", "I was {q}{f}",
           "{q}{f} that {e}", "{e}, it made me {q}{f}", "{E} {q}{f}", "i am {q}{f} about {e}",
           "{e} and then {e2}", "{f}", "{e} which made me feel {q}{f}?"]
_COMMANDS = ["skip", "next", "repeat", "what was the question", "keep that private", "pass",
             "don't share that", "I don't know", "nothing", "nope", "not really", "no",
             "I'd rather not say", "sorry what", "yes", "sure", "go ahead", "hmm", "asdf qwer",
             "I want to die", "i keep thinking about hurting myself", "", "stop"]
_WORDS = ["the", "and", "my", "me", "I", "we", "our", "so", "that", "because", "when", "work",
          "it", "was", "really", "fine", "a", "bit", "lol", "uh", "?", "my heart", "myself"]


def random_reply(rng: random.Random) -> str:
    """One varied reply: feelings, events, qualifiers, typos, commands or junk."""
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(_COMMANDS)
    if roll < 0.22:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 14)))
    text = rng.choice(_SHAPES).format(
        q=rng.choice(_QUALS), f=rng.choice(_FEELINGS), e=rng.choice(_EVENTS),
        e2=rng.choice(_EVENTS), E=rng.choice(_EVENTS).capitalize())
    if rng.random() < 0.2 and len(text) > 4:
        k = rng.randrange(len(text) - 1)
        text = text[:k] + text[k + 1] + text[k] + text[k + 2 :]
    return text


def run_random(count: int, seed: int = 7) -> Counter[str]:
    """Drive count randomized check-ins to the end; count every broken promise."""
    rng = random.Random(seed)
    forbidden = [f.lower() for f in load().voc("forbidden")]
    problems: Counter[str] = Counter()
    for k in range(count):
        ci = CheckIn(Settings(name=rng.choice([None, "Sam"]), opener=rng.random() < 0.3, seed=k))
        outs = [ci.start()]
        used: list[str] = []
        steps = 0
        while not ci.finished and steps < 60:
            steps += 1
            roll = rng.random()
            outs.append(ci.silence() if roll < 0.08 else ci.end_of_input() if roll < 0.09
                        else ci.hear(Heard(random_reply(rng))))
        if not ci.finished:
            problems["did not finish"] += 1
        for out in outs:
            listening = [a for a in out.acts if a.listening]
            if out.done != (len(listening) == 0) or len(listening) > 1:
                problems["listening acts"] += 1
            if listening and out.acts[-1] is not listening[0]:
                problems["listening act not last"] += 1
            for act in out.acts:
                _check_act(act, forbidden, problems)
                if act.kind == ActKind.EMPATHY:
                    used.append(act.text)
        problems["empathy said twice"] += len(used) - len(set(used))
        problems["check-ins"] += 1
    return problems


def _check_act(act: Act, forbidden: list[str], problems: Counter[str]) -> None:
    low = act.text.lower()
    problems["forbidden phrases said"] += sum(1 for f in forbidden if f in low)
    if act.kind in (ActKind.EMPATHY, ActKind.NUDGE) and _words(low) & FIRST_PERSON:
        problems["first person echoed"] += 1


def rows() -> Iterator[dict[str, str]]:
    """The labelled answers."""
    yield from json.loads(DATA.read_text())["answers"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--random", type=int, default=2000, help="randomized check-ins to run")
    parser.add_argument("--show", choices=["none", "tune", "all"], default="tune",
                        help="print failures of this part (tune = rows whose index %% 3 != 0)")
    args = parser.parse_args()
    per: dict[str, list[bool]] = defaultdict(list)
    part: dict[str, list[bool]] = defaultdict(list)
    bands: list[bool] = []
    for i, row in enumerate(rows()):
        ok, said = judge(row)
        per[row["expect"]].append(ok)
        part["held out" if i % 3 == 0 else "tuned on"].append(ok)
        band = band_ok(row)
        if band is not None:
            bands.append(band)
        if not ok and (args.show == "all" or (args.show == "tune" and i % 3 != 0)):
            print(f"MISS [{row['expect']}/{row['asked']}] {row['text']!r} -> {said!r}")
    print("\n| category | answers | correct | accuracy |\n|---|---:|---:|---:|")
    for cat, oks in sorted(per.items()):
        print(f"| {cat} | {len(oks)} | {sum(oks)} | {100 * sum(oks) / len(oks):.1f}% |")
    allok = [o for oks in per.values() for o in oks]
    print(f"| **overall** | {len(allok)} | {sum(allok)} | {100 * sum(allok) / len(allok):.1f}% |")
    for name, oks in part.items():
        print(f"| ({name}) | {len(oks)} | {sum(oks)} | {100 * sum(oks) / len(oks):.1f}% |")
    if bands:
        print(f"| (intensity band) | {len(bands)} | {sum(bands)} | "
              f"{100 * sum(bands) / len(bands):.1f}% |")
    if args.random:
        problems = run_random(args.random)
        print("\n| randomized check-ins | count |\n|---|---:|")
        for name in ("check-ins", "forbidden phrases said", "first person echoed",
                     "empathy said twice", "listening acts", "listening act not last",
                     "did not finish"):
            print(f"| {name} | {problems[name]} |")


if __name__ == "__main__":
    main()
