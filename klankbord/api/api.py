"""The JSON API: ``NinjaAPI`` at ``/api/v1/``, its OpenAPI 3 document and Dutch JSON errors.

Every operation needs a personal access token (the API-wide default auth); each endpoint names the scope
it needs with ``auth=ApiTokenAuth(ApiScope.X)``, and that scope is listed in the operation's security
requirement in the OpenAPI document. No docs page is served: Swagger UI would load assets from a CDN.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from klankbord.geo.api import router as geo_router
from klankbord.signals.api import router as signals_router

from .auth import ApiTokenAuth, TokenRateLimitedError
from .constants import ApiScope
from .me import router as me_router
from .schemas import ErrorOut, ValidationErrorOut

logger = logging.getLogger(__name__)
REALM = 'Bearer realm="Klankbord API"'

# Documented on every operation (unless it documents the status itself), with the headers that come with them.
ERROR_STATUSES: dict[int, tuple[str, dict[str, str]]] = {
    401: (
        "Geen, een ongeldig, verlopen of ingetrokken token.",
        {"WWW-Authenticate": "Bearer-challenge (RFC 6750)"},
    ),
    403: (
        "Het token mist de scope of de eigenaar de toestemming.",
        {"WWW-Authenticate": "insufficient_scope"},
    ),
    404: ("Niet gevonden.", {}),
    429: (
        "Te veel verzoeken met dit token, of te veel ongeldige tokens vanaf dit adres.",
        {"Retry-After": "Seconden tot een nieuwe poging zin heeft."},
    ),
}


class ScopedOpenAPISchema(OpenAPISchema):
    """Lists each operation's required scope in its security requirement (OpenAPI 3.1 allows role names)."""

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        requirements = []
        for auth in operation.auth_callbacks:
            schema = getattr(auth, "openapi_security_schema", None)
            if schema is None:
                continue
            name = type(auth).__name__
            self.securitySchemes[name] = schema
            scope = getattr(auth, "scope", None)
            requirements.append({name: [scope] if scope else []})
        return requirements or None

    def responses(self, operation: Operation) -> dict[int, Any]:
        """The operation's own answers plus every error answer the API can give (``ERROR_STATUSES``, 422)."""
        result = super().responses(operation)
        errors: dict[int, tuple[type[ErrorOut], str, dict[str, str]]] = {
            status: (ErrorOut, description, headers)
            for status, (description, headers) in ERROR_STATUSES.items()
        }
        if operation.models:  # path, query or body parameters: ninja refuses invalid ones with 422
            errors[422] = (ValidationErrorOut, "De invoer klopt niet.", {})
        for status, (model, description, headers) in errors.items():
            if status not in result:  # an operation that documents an error itself keeps its own schema
                # ninja types the model as a parameter model; any pydantic model is what it really takes.
                schema = self._create_schema_from_model(  # type: ignore[type-var]
                    model, by_alias=True, remove_level=False, mode="serialization"
                )[0]
                result[status] = {"content": {self.api.renderer.media_type: {"schema": schema}}}
            result[status]["description"] = description
            if headers:
                result[status]["headers"] = {
                    name: {"description": text, "schema": {"type": "string"}}
                    for name, text in headers.items()
                }
        return result


class KlankbordAPI(NinjaAPI):
    def create_response(self, request: HttpRequest, data: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().create_response(request, data, *args, **kwargs)
        response["Cache-Control"] = "no-store"  # personal data and error details stay out of every cache
        return response

    def get_root_path(self, path_params: dict[str, Any]) -> str:
        # Mounted inside the "api" URL namespace (klankbord/api/urls.py), next to the token pages.
        return reverse(f"api:{self.urls_namespace}:api-root", kwargs=path_params)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return ScopedOpenAPISchema(self, path_prefix)


api = KlankbordAPI(
    title="Klankbord API",
    version="1",
    description=(
        "Leesrechten op Klankbord voor medewerkers van het bureau. Stuur bij elk verzoek een persoonlijk "
        "API-token mee (`Authorization: Bearer kbt_…`); elk eindpunt noemt de scope die het token nodig heeft."
    ),
    urls_namespace="v1",
    docs_url=None,
    auth=ApiTokenAuth(),
)


def _http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    detail = exc.message
    if isinstance(exc, TokenRateLimitedError):
        detail = _("Te veel verzoeken met dit API-token. Probeer het over %(seconds)s seconden opnieuw.") % {
            "seconds": int(exc.wait or 1)
        }
    elif isinstance(exc, Throttled):
        detail = _("Te veel mislukte pogingen met een API-token. Probeer het later opnieuw.")
    elif type(exc) is AuthenticationError:
        detail = _("Geen geldig API-token meegestuurd.")
    elif type(exc) is AuthorizationError:
        detail = _("U heeft geen toegang tot dit eindpunt.")
    response = api.create_response(request, {"detail": detail}, status=exc.status_code)
    if isinstance(exc, AuthenticationError | AuthorizationError):
        response["WWW-Authenticate"] = getattr(exc, "challenge", REALM)
    if isinstance(exc, Throttled) and exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response


def _not_found(request: HttpRequest, exc: Any) -> HttpResponse:
    return api.create_response(request, {"detail": _("Niet gevonden.")}, status=404)


def _invalid(request: HttpRequest, exc: Any) -> HttpResponse:
    body = {"detail": _("De invoer klopt niet."), "errors": exc.errors}
    return api.create_response(request, body, status=422)


def _unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
    logger.exception("Unhandled error in API request %s", request.path, exc_info=exc)
    return api.create_response(request, {"detail": _("Er ging iets mis aan onze kant.")}, status=500)


api.add_exception_handler(HttpError, _http_error)
api.add_exception_handler(Http404, _not_found)
api.add_exception_handler(ValidationError, _invalid)
api.add_exception_handler(Exception, _unexpected)

api.add_router("", me_router)

# Apps' routers: an endpoint that names no scope of its own gets the router's scope here.
api.add_router("/geo/", geo_router, auth=ApiTokenAuth(ApiScope.REFERENCE_READ))
api.add_router("/signals/", signals_router, auth=ApiTokenAuth(ApiScope.SIGNALS_READ))
