from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
]
