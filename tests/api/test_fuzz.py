"""Schemathesis drives every operation of the OpenAPI schema with generated requests:
no 500s and no response that breaks the schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.main import create_app

MAX_EXAMPLES = 25  # per operation: bounded, so CI stays quick

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@pytest.fixture
def fuzz_app(loaded: object) -> object:
    return loaded


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run, so CI is repeatable
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: schemathesis.Case, fuzz_app: object) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
        headers={"X-API-Key": "test-key"},
    )
