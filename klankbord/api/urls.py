from django.urls import path

from . import views
from .api import api

app_name = "api"

urlpatterns = [
    path("v1/", api.urls),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/intrekken/", views.token_revoke_view, name="token_revoke"),
]
