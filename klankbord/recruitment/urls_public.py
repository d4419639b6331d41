"""Public vacancy pages: no login (mounted at /vacatures/)."""

from django.urls import path

from .views import public

app_name = "vacancies"

urlpatterns = [
    path("", public.vacancy_list, name="list"),
    path("functieprofiel/", public.function_profile, name="profile"),
    path("<int:pk>/", public.vacancy_detail, name="detail"),
    path("<int:pk>/solliciteren/", public.apply, name="apply"),
    path("<int:pk>/bedankt/", public.thanks, name="thanks"),
]
