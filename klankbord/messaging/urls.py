from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("bijlagen/<int:pk>/", views.download, name="download"),
]
