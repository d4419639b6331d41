"""The OpenAPI 3 document at /api/v1/openapi.json and the API's fixed shape."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from klankbord.api.constants import SCOPE_PERMISSIONS, ApiScope

OPENAPI = "/api/v1/openapi.json"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


@pytest.fixture
def document(db) -> dict[str, Any]:
    response = Client().get(OPENAPI)
    assert response.status_code == 200
    return json.loads(response.content)


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_document_is_openapi_3_with_title_and_version(document) -> None:
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Klankbord API"
    assert document["info"]["version"] == "1"


def test_the_document_declares_the_bearer_security_scheme(document) -> None:
    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["ApiTokenAuth"].items()


def test_the_document_lists_me_with_its_scope_and_error_responses(document) -> None:
    operation = document["paths"]["/api/v1/me"]["get"]
    assert operation["security"] == [{"ApiTokenAuth": ["profile:read"]}]
    assert {"200", "401", "403"} <= set(operation["responses"])


def test_every_operation_requires_a_token_with_a_known_scope(document) -> None:
    operations = list(_operations(document))
    assert operations
    for path, method, operation in operations:
        scopes = [
            scope
            for requirement in operation.get("security", [])
            for scope in requirement.get("ApiTokenAuth", [])
        ]
        assert scopes, f"{method.upper()} {path} declares no scope"
        assert set(scopes) <= set(ApiScope.values), f"{method.upper()} {path} uses an unknown scope"


def test_every_reference_in_the_document_resolves(document) -> None:
    schemas = document["components"].get("schemas", {})
    for ref in _refs(document):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref


def test_operation_ids_are_unique(document) -> None:
    ids = [operation["operationId"] for _path, _method, operation in _operations(document)]
    assert len(ids) == len(set(ids))


def test_no_docs_page_that_would_load_assets_from_a_cdn_is_served(db) -> None:
    assert Client().get("/api/v1/docs").status_code == 404


def test_every_scope_says_which_permission_it_needs() -> None:
    assert set(SCOPE_PERMISSIONS) == set(ApiScope.values)
