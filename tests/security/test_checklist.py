"""SECURITY.md names a test for every item, and every test it names exists."""

from __future__ import annotations

import re

from helpers import ROOT


def test_every_item_names_tests_that_exist() -> None:
    text = (ROOT / "SECURITY.md").read_text()
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) >= 20
    for row in rows:
        cited = re.findall(r"`((?:tests|bench)/[\w/]+\.py)((?:::\w+)?)`|`::(\w+)`", row)
        assert cited, f"no test named for: {row[:60]}"
        current = None
        for path, name, bare in cited:
            if path:
                current = ROOT / path
                assert current.exists(), path
            name = name.lstrip(":") or bare
            if name:
                assert current is not None
                assert re.search(rf"^def {name}\(", current.read_text(), re.M), (current, name)
