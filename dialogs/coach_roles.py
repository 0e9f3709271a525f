"""The coach's clause roles: what a clause of a listener's reply does to the person, beyond
its surface words (advice put as a suggestion, the listener taking the floor, a judgement of the
feeling, consolation, the kind of question asked). Read by `dialogs.coach_features`."""

from __future__ import annotations

import re

# Clause roles: what the clause does to the listener, beyond its surface words. Each pattern runs
# on the clause's words joined by single spaces (lower case, no punctuation).
ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx))
    for name, rx in (
        # Suggestion mood: advice put as a modal, a hypothesis or a "let's".
        ("suggest", r"\b(?:you|u) (?:should|could|might want to|need to|have to|gotta|ought to"
         r"|must)\b(?! (?:be|have been|feel) (?:so )?proud| (?:never )?have (?:been|had to)\b"
         r"| not have had to\b| be treated\b)|\bwhat if you\b|\bhow about\b"
         r"|\blet'?s\b|\bmaybe (?:you|it's time)\b|\bwhy (?:don't|not)\b|\bnext time\b"
         r"|\bwould (?:fix|help|solve)\b|\bhave you (?:tried|thought)\b"
         r"|^(?:\w+ )?time to\b"
         r"|\b(?:it's|its|it is|might be|may be|probably|high|about) time to\b"),
        # What ought to have happened to them, not what they should do: "you should never have
        # been left like that", "you shouldn't have had to sit there" (validation, or a reproach:
        # the words around it decide).
        ("ought-for-you", r"\b(?:you|u) (?:should|shouldn't|shouldnt|should not|never should)"
         r"(?: never)? (?:have (?:been|had to)|not have had to|be treated|of been)\b"),
        # The first person takes the floor: "I ...", "me too", "my ..." as the clause's subject.
        ("me-subject", r"^(?:i'm|i've|i'd|i'll|im|ive|i|me|my|we're|we've|we|our)(?= |$)"
         r"(?! (?:am )?(?:so |really |just )?(?:sorry|here|with you|hear|listening|proud|glad"
         r"|love you|can see|can hear|believe you|want to hear|in this with you"
         r"|(?:angry|mad|furious|worried|scared|happy|thrilled|excited|heartbroken|gutted) for you"
         r"|wish i (?:could|could've|could have|had|'d) (?:have )?been there|wish i was there))"),
        ("me-past", r"\b(?:i|my)\b.*\b(?:had|was|did|went|got|applied|used to|remember when"
         r"|last (?:year|week|month)|years ago|when i)\b"),
        ("for-me", r"\b(?:for|to|about) me\b|\bwhat about me\b|\bwhat am i\b|\bi'm the one\b"
         r"|\bi feel (?:terrible|bad|awful|guilty)\b|\bmean for (?:us|me)\b"),
        # Second-person judgement of the feeling.
        ("judge", r"\b(?:you're|you are|ur|you)\b(?: being| so| way| kind of| a bit| just)*"
         r" (?:too|over|overreacting|dramatic|touchy|sensitive|silly|paranoid|still on)\b"
         r"|\b(?:silly|weird|dumb|ridiculous|crazy) (?:thing )?to be\b|\bin your head\b"
         r"|\bisn't going to help\b|\bcan't keep\b|\bsettle down\b|\bthicker skin\b"
         r"|\bshouldn't let it\b|\byou worry about\b|\bkind of silly\b"),
        # The judgement denied: "you're not overreacting", "it's not silly" are good replies.
        ("judge-denied", r"\b(?:not|isn't|aren't|never) (?:\w+ ){0,2}(?:overreacting|silly|dumb"
         r"|dramatic|stupid|too much|crazy|weird|touchy|unreasonable|sensitive|paranoid)\b"),
        # Consolation and comparison: the feeling made smaller.
        ("console", r"\bat least\b|\bcould (?:be|have been) worse\b|\bplenty of\b"
         r"|\beveryone\b|\bnobody's going to\b|\bwon't (?:even )?remember\b|\bbetter place\b"
         r"|\bthe new\b|\bthen again\b|\bit's (?:just|only)\b|\balways find\b"
         r"|\bin a (?:year|week|month)\b|\bnot like\b|\bit's a\b.*\bbabe\b|\blook on\b"),
        # Question types: about what comes next (plans) versus about the feeling or the story.
        ("q-next", r"\b(?:backup|plan|next|going to do|gonna do|what will you|fix|solution)\b"),
        ("q-feel", r"\b(?:feel|felt|feeling|holding up|like for you|tell me|talk about|react"
         r"|shifted|happened|keeps coming)\b"),
        # Curious about the story itself (what happened, who, which, how it went): not a plan.
        ("q-story", r"^(?:\w+ )?(?:who|which|where)\b|\b(?:how|when|what) did\b|\bhow long"
         r"|\bwhat (?:was|were|happened|song|part|is it like)\b|\bwhat do you miss\b"
         r"|\bwhat will you miss\b|\bwould you have wanted\b|\bfavou?rite\b|\bcelebrate\b"
         r"|\bwho would\b|\breally\b|\bseriously\b|\bkidding\b"),
    )
)
