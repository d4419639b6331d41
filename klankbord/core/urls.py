from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("overzicht/", views.dashboard, name="dashboard"),
    path("start/", views.start, name="start"),
    path("werkplek/<slug:slug>/", views.role_home, name="role_home"),
    path("over/", views.about, name="about"),
    path("huisstijl.css", views.brand_css, name="brand_css"),
]
