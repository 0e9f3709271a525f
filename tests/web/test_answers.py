"""Answers kept until the next commit, against a real database and its change watch."""

from __future__ import annotations

from pathlib import Path

from heartline.web.answers import Answers
from store import Store
from store.changes import ChangeWatch


def test_kept_until_a_commit_and_then_let_go(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    Store.open(path).close()
    answers = Answers(ChangeWatch.open(path), size=3)
    try:
        v = answers.version()
        assert v is not None
        answers.keep("a", v, "page a")
        answers.keep("b", v, "page b")
        assert answers.get("a", answers.version()) == "page a" and len(answers) == 2
        with Store.open(path) as st:
            st.person("Sam")
        after = answers.version()
        assert after != v and len(answers) == 0  # nothing outlives the commit
        assert answers.get("a", after) is None
        answers.keep("late", v, "computed before the commit")  # a slow request's answer
        assert answers.get("late", answers.version()) is None
        for key in "cdef":  # bounded
            answers.keep(key, after, key)
        assert len(answers) <= 3
    finally:
        answers.close()
    assert answers.version() is None and answers.get("f", None) is None


def test_without_a_watch_nothing_is_kept() -> None:
    answers = Answers(None)
    version = answers.version()
    answers.keep("a", version, "page")
    assert version is None and answers.get("a", version) is None and len(answers) == 0
