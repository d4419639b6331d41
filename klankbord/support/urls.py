from django.urls import path

from .views import case, office

app_name = "support"

urlpatterns = [
    # The ambassador.
    path("", case.mine, name="mine"),
    path("zaak/<int:report_pk>/verzoek/", case.request_page, name="request"),
    path("zaak/<int:report_pk>/", case.case_page, name="case"),
    path("zaak/<int:report_pk>/contact/", case.contact_add, name="contact_add"),
    path("zaak/<int:report_pk>/doorverwijzing/", case.referral_new, name="referral_add"),
    path(
        "zaak/<int:report_pk>/doorverwijzing/<int:pk>/stand/", case.referral_outcome, name="referral_outcome"
    ),
    path("zaak/<int:report_pk>/escaleren/", case.escalate, name="escalate"),
    path("zaak/<int:report_pk>/fase/", case.step, name="step"),
    path("zaak/<int:report_pk>/nazorg/<int:pk>/", case.checkin, name="checkin"),
    path("zaak/<int:report_pk>/reflectie/", case.reflection, name="reflection"),
    path("zaak/<int:report_pk>/bericht/", case.message, name="message"),
    # The counsellor.
    path("zaak/<int:report_pk>/afsluiten/", case.close, name="close"),
    path("escalaties/", office.escalations, name="escalations"),
    path("escalaties/<int:pk>/opgepakt/", office.escalation_done, name="escalation_done"),
    # The coordinator.
    path("hulpaanbod/", office.resources, name="resources"),
    path("hulpaanbod/nieuw/", office.resource_edit, name="resource_new"),
    path("hulpaanbod/<int:pk>/bewerken/", office.resource_edit, name="resource_edit"),
    # The member.
    path("mijn-melding/<int:report_pk>/evaluatie/", office.evaluation, name="evaluation"),
]
