"""Staff pages of recruitment (mounted at /werving/): every view is gated with MFA and a permission."""

from django.urls import path

from .views import applications, coverage, procedure

app_name = "recruitment"

urlpatterns = [
    path("", coverage.coverage, name="coverage"),
    path("regio/<int:pk>/", coverage.region_detail, name="region"),
    path("vacature/<int:pk>/sluiten/", coverage.vacancy_close, name="vacancy_close"),
    path("vacaturetekst/tijdsbesteding/", coverage.time_guidance, name="time_guidance"),
    path("sollicitaties/", applications.application_list, name="applications"),
    path("sollicitaties/overzicht/", applications.overview, name="overview"),
    path("sollicitaties/<int:pk>/", applications.application_detail, name="application"),
    path("sollicitaties/<int:pk>/cv/", applications.application_cv, name="cv"),
    path("sollicitaties/<int:pk>/beoordelen/", applications.score, name="score"),
    path("sollicitaties/<int:pk>/belangenconflict/", applications.conflict, name="conflict"),
    path("sollicitaties/<int:pk>/teruggetrokken/", applications.withdraw, name="withdraw"),
    path("sollicitaties/<int:pk>/gesprek/", procedure.interview_new, name="interview_new"),
    path("sollicitaties/<int:pk>/besluit/", procedure.decide, name="decide"),
    path("sollicitaties/<int:pk>/inwerken/", procedure.onboarding, name="onboarding"),
    path(
        "sollicitaties/<int:pk>/inwerken/account/", procedure.onboarding_complete, name="onboarding_complete"
    ),
    path("gesprekken/<int:pk>/verslag/", procedure.interview_outcome, name="interview_outcome"),
    path("gesprekken/<int:pk>/annuleren/", procedure.interview_cancel, name="interview_cancel"),
    path("gesprekken/<int:pk>/agenda.ics", procedure.interview_ics, name="interview_ics"),
]
