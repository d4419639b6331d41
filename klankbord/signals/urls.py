from django.urls import path

from . import views

app_name = "signals"

urlpatterns = [
    path("nieuw/", views.signal_create, name="create"),
    path("nieuw/voorbeeld/", views.signal_preview, name="preview"),
    path("nieuw/bevestigen/", views.signal_confirm, name="confirm"),
    path("inzicht/", views.dashboard, name="dashboard"),
    path("waarschuwingen/", views.warnings, name="warnings"),
    path("export/rapport.pdf", views.export_pdf, name="export_pdf"),
    path("export/<slug:dimension>.csv", views.export_csv, name="export_csv"),
    path("export/<slug:dimension>.json", views.export_json, name="export_json"),
]
