"""Property-based checks of the whole OpenAPI document: no 5xx, responses match their schemas.

Examples are bounded so the suite stays fast; the database is the sample graph (SQLite).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks as st_checks

from jejaring.serve.app import create_app
from jejaring.settings import Settings

CHECKS = [
    st_checks.not_a_server_error,
    st_checks.response_schema_conformance,
    st_checks.content_type_conformance,
]


@pytest.fixture(scope="module")
def api_schema(request, sample, sqlite_template, tmp_path_factory):
    import shutil

    from jejaring.store.db import open_store

    path = tmp_path_factory.mktemp("schemathesis") / "graph.db"
    shutil.copyfile(sqlite_template, path)
    store = open_store(path)
    app = create_app(Settings(secret_key="s" * 40), store=store)
    request.addfinalizer(store.close)
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def test_api_conforms_to_its_openapi_document(api_schema):
    # schemathesis's pytest plugin does not load under this pytest; drive hypothesis directly.
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(checks=CHECKS)

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {str(exc)[:600]}")
    assert not failures, "\n\n".join(failures)
