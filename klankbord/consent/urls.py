from django.urls import path

from . import views

app_name = "consent"

urlpatterns = [
    path("mijn-meldingen/<int:pk>/", views.member_change, name="member_change"),
    path("meldingen/<int:pk>/", views.on_behalf_change, name="on_behalf_change"),
]
