"""Answers kept until the next commit, against a real database and per-connection watches."""

from __future__ import annotations

from pathlib import Path

from heartline.web.answers import Answers
from store import Store
from store.changes import ChangeWatch


def test_kept_until_a_commit_and_then_let_go(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    with Store.open(path) as mine, Store.open(path) as theirs:
        watch = ChangeWatch(mine.db.conn)
        answers = Answers(size=3)
        v = answers.version(watch.changed())
        assert v is not None
        answers.keep("a", v, "page a")
        answers.keep("b", v, "page b")
        assert answers.get("a", answers.version(watch.changed())) == "page a"
        assert len(answers) == 2
        theirs.person("Sam")  # another connection commits
        after = answers.version(watch.changed())
        assert after != v and len(answers) == 0  # nothing outlives the commit
        assert answers.get("a", after) is None
        answers.keep("late", v, "computed before the commit")  # a slow request's answer
        assert answers.get("late", answers.version(watch.changed())) is None
        mine.person("Alex")  # the watch's own connection commits: that counts too
        assert watch.changed()
        now = answers.version(watch.changed())
        for key in "cdef":  # bounded
            answers.keep(key, now, key)
        assert len(answers) <= 3
        answers.close()
        assert answers.version(False) is None and answers.get("f", now) is None


def test_without_keeping_nothing_is_kept() -> None:
    answers = Answers(enabled=False)
    version = answers.version(False)
    answers.keep("a", version, "page")
    assert version is None and answers.get("a", version) is None and len(answers) == 0
