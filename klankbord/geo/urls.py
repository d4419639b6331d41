from django.urls import path

from . import views

app_name = "geo"

urlpatterns = [
    path("", views.regions, name="regions"),
    path("nieuw/", views.scheme_create, name="scheme_create"),
    path("<slug:slug>/", views.scheme_detail, name="scheme"),
    path("<slug:slug>/activeren/", views.scheme_activate, name="scheme_activate"),
    path("<slug:slug>/verwijderen/", views.scheme_delete, name="scheme_delete"),
    path("<slug:slug>/regio-toevoegen/", views.region_create, name="region_create"),
    path("<slug:slug>/verplaatsen/", views.municipality_move, name="municipality_move"),
    path("<slug:slug>/regio/<slug:code>/hernoemen/", views.region_rename, name="region_rename"),
    path("<slug:slug>/regio/<slug:code>/verwijderen/", views.region_delete, name="region_delete"),
]
