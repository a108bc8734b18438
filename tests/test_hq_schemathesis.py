"""Property-based run of the HQ API from its own OpenAPI document: no input makes a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from hq_fixtures import ThreadServer

MAX_EXAMPLES = 25


@pytest.mark.slow
def test_no_input_makes_the_service_fail(hq_server: ThreadServer) -> None:
    api = schemathesis.openapi.from_url(f"{hq_server.url}/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/push", "/v1/pull", "/v1/enrol", "/v1/verify"}
    calls = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            nonlocal calls
            response = case.call(base_url=hq_server.url, timeout=30)
            calls += 1
            case.validate_response(response, checks=[not_a_server_error])

        run()
    assert calls >= len(operations)
