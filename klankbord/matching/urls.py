from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("melding/<int:pk>/", views.match, name="match"),
    path("over-te-dragen/", views.handover, name="handover"),
]
