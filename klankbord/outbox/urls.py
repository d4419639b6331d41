from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("", views.mail_list, name="list"),
    path("<int:pk>/opnieuw-versturen/", views.mail_resend, name="resend"),
    path("<int:pk>/afhandelen/", views.mail_dismiss, name="dismiss"),
]
