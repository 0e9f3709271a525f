"""Schemathesis generates requests from the OpenAPI document; the app must honour it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from .conftest import World, bearer, make_app

OPERATIONS = [
    ("GET", "/api/v1/entries"),
    ("GET", "/api/v1/entries/{entry_id}"),
    ("GET", "/api/v1/entries/{entry_id}/audio"),
    ("POST", "/api/v1/entries/{entry_id}/heard"),
    ("POST", "/api/v1/entries/{entry_id}/replies"),
]


# schemathesis's pytest plugin does not yet run under pytest 9, so each operation's strategy is
# driven by hypothesis directly; call_and_validate runs schemathesis's full set of checks.
@pytest.mark.parametrize("method,path", OPERATIONS)
def test_api_honours_its_openapi_document(
    world: World, synthesize: Callable[[str], bytes], method: str, path: str
) -> None:
    # Plenty of room for failed tries: schemathesis sends requests without the token too.
    app = make_app(world.path, synthesize, RATE_LIMIT_FAILURES=100_000)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema[path][method]
    headers = bearer(world.tokens["right"])

    @given(case=operation.as_strategy())
    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers)

    check()


def test_every_documented_operation_is_checked(world: World) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", make_app(world.path, None))
    found = {(r.ok().method.upper(), r.ok().path) for r in schema.get_all_operations()}
    assert found == set(OPERATIONS)
