from django.urls import path

from .views import correction, inbox, intake, portal, talk

app_name = "reports"

urlpatterns = [
    # The member: report, receipt, sparren, and the portal.
    path("melden/", intake.start, name="start"),
    path("melden/triage/", intake.triage_guidance, name="triage"),
    path("melden/formulier/", intake.report_form, name="form"),
    path("melden/ontvangen/", intake.receipt, name="receipt"),
    path("melden/sparren/", intake.talk_request, name="talk_request"),
    path("melden/sparren/ontvangen/", intake.talk_request_done, name="talk_request_done"),
    path("melden/terugkomen/", portal.return_with_code, name="return"),
    path("melden/afmelden/", portal.end_session, name="end_session"),
    path("mijn-meldingen/", portal.mine, name="mine"),
    path("mijn-meldingen/<int:pk>/", portal.detail, name="portal_detail"),
    path("mijn-meldingen/<int:pk>/bericht/", portal.send_message, name="portal_message"),
    path("mijn-meldingen/<int:pk>/intrekken/", portal.withdraw, name="portal_withdraw"),
    path("mijn-meldingen/<int:pk>/export.json", portal.export, {"fmt": "json"}, name="portal_export_json"),
    path("mijn-meldingen/<int:pk>/export.pdf", portal.export, {"fmt": "pdf"}, name="portal_export_pdf"),
    # Counsellors (and, for consented fields, the report's ambassador).
    path("meldingen/", inbox.inbox, name="inbox"),
    path("meldingen/nieuw/", inbox.register, name="register"),
    path("meldingen/sparren/", talk.talk_requests, name="talk_requests"),
    path("meldingen/sparren/<int:pk>/omzetten/", talk.convert, name="talk_convert"),
    path("meldingen/sparren/<int:pk>/afhandelen/", talk.close, name="talk_close"),
    path("meldingen/<int:pk>/", inbox.case, name="case"),
    path("meldingen/<int:pk>/oppakken/", inbox.claim, name="claim"),
    path("meldingen/<int:pk>/toewijzen/", inbox.assign, name="assign"),
    path("meldingen/<int:pk>/status/", inbox.transition, name="transition"),
    path("meldingen/<int:pk>/notitie/", inbox.add_note, name="add_note"),
    path("meldingen/<int:pk>/eerste-reactie/", inbox.first_response, name="first_response"),
    path("meldingen/<int:pk>/urgentie/", inbox.set_urgent, name="set_urgent"),
    path("meldingen/<int:pk>/bericht/", inbox.send_message, name="case_message"),
    path("meldingen/<int:pk>/aanvullen/", correction.correct, name="correct"),
]
