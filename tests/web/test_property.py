"""After any sequence of check-ins, shares, unshares and deletions the API returns exactly the
shared set."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from heartline.web import create_app
from store import Store
from store.public_ids import new_public_id
from store.replies import Replies

KINDS = ["feeling", "outer", "nothing", "unsure", "skipped", "safety"]
PEOPLE = ["Sam", "Dana"]


class Sharing(RuleBasedStateMachine):
    """A model of who shared what, checked against the API after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        path = Path(self.dir.name) / "h.db"
        self.st = Store.open(path)
        self.ids = {p: self.st.person(p) for p in PEOPLE}
        self.st.person("Alex")
        _, self.token = self.st.create_token("Sam", "Alex")
        self.client = create_app({"TESTING": True, "DATABASE": path}).test_client()
        # The model: every entry's owner, kind and flags.
        self.entries: dict[int, dict] = {}
        self.checkins: dict[int, str] = {}
        # Replies Alex sent: reply id -> entry id.
        self.replies: list[int] = []  # the entry each sent reply answers, in order

    def teardown(self) -> None:
        self.st.close()
        self.dir.cleanup()

    @rule(
        person=st.sampled_from(PEOPLE),
        answers=st.lists(st.tuples(st.sampled_from(KINDS), st.booleans()), max_size=5),
    )
    def check_in(self, person: str, answers: list[tuple[str, bool]]) -> None:
        c = self.st.start_checkin(self.ids[person], "text")
        self.checkins[c] = person
        for kind, private in answers:
            e = self.st.add_entry(
                checkin_id=c,
                person_id=self.ids[person],
                asked="sad",
                emotion="sad",
                kind=kind,
                text=f"{kind} words",
                reply="ok",
                words=None,
                engine="text",
            )
            self.entries[e] = dict(
                owner=person, checkin=c, kind=kind, private=False, shared=False, deleted=False
            )
            if private:
                self.st.set_private(e)
                self.entries[e]["private"] = True
        self.st.finish_checkin(c, "completed")

    @precondition(lambda self: self.checkins)
    @rule(data=st.data())
    def share_checkin(self, data: st.DataObject) -> None:
        c = data.draw(st.sampled_from(sorted(self.checkins)))
        self.st.share_checkin(c)
        for e in self.entries.values():
            if (
                e["checkin"] == c
                and not e["private"]
                and not e["deleted"]
                and e["kind"] in ("feeling", "outer")
            ):
                e["shared"] = True

    @precondition(lambda self: self.entries)
    @rule(data=st.data(), action=st.sampled_from(["unshare", "delete", "private", "share"]))
    def change_entry(self, data: st.DataObject, action: str) -> None:
        e = data.draw(st.sampled_from(sorted(self.entries)))
        m = self.entries[e]
        if action == "unshare":
            self.st.unshare_entry(e)
            m["shared"] = False
        elif action == "delete":
            self.st.delete_entry(e)
            m["deleted"], m["shared"] = True, False
            self.replies = [x for x in self.replies if x != e]
        elif action == "private":
            self.st.set_private(e)
            m["private"], m["shared"] = True, False
        elif not m["private"] and not m["deleted"] and m["kind"] in ("feeling", "outer"):
            assert self.st.share_entry(e)
            m["shared"] = True
        else:
            assert not self.st.share_entry(e)

    @precondition(lambda self: self.entries)
    @rule(data=st.data(), anyway=st.booleans())
    def reply(self, data: st.DataObject, anyway: bool) -> None:
        e = data.draw(st.sampled_from(sorted(self.entries)))
        m = self.entries[e]
        h = {"Authorization": f"Bearer {self.token}"}
        body = {"text": "No wonder you felt that way.", "anyway": anyway}
        # The partner names an entry by its opaque public id, never its number in the database.
        public = (self.st.entry(e) or {}).get("public_id") or new_public_id()
        answer = self.client.post(f"/api/v1/entries/{public}/replies", json=body, headers=h)
        if m["owner"] == "Sam" and m["shared"]:
            assert answer.status_code == 201, answer.json
            assert set(answer.json) == {"sent", "mistakes", "suggestion"}  # no row id
            self.replies.append(e)
        else:
            assert answer.status_code == 404

    @invariant()
    def replies_reach_only_their_speaker(self) -> None:
        kept = Replies(self.st)
        sam = sorted(r.entry_id for r in kept.to_speaker(self.ids["Sam"]))
        assert sam == sorted(self.replies)
        assert kept.to_speaker(self.ids["Dana"]) == []

    @invariant()
    def api_returns_exactly_the_shared_set(self) -> None:
        expected = {i for i, m in self.entries.items() if m["owner"] == "Sam" and m["shared"]}
        h = {"Authorization": f"Bearer {self.token}"}
        listed = self.client.get("/api/v1/entries?limit=100", headers=h).json["entries"]
        public = {i: (self.st.entry(i) or {})["public_id"] for i in self.entries}
        assert {e["id"] for e in listed} == {public[i] for i in expected}
        for i in self.entries:
            status = self.client.get(f"/api/v1/entries/{public[i]}", headers=h).status_code
            assert status == (200 if i in expected else 404)


TestSharing = Sharing.TestCase
TestSharing.settings = settings(
    max_examples=40,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
