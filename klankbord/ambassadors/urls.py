from django.urls import path

from .views import coordinator, own, timespent

app_name = "ambassadors"

urlpatterns = [
    # The ambassador.
    path("mijn-profiel/", own.own, name="own"),
    path("mijn-profiel/partij/", own.party, name="own_party"),
    path("mijn-profiel/status/", own.own_status, name="own_status"),
    path("mijn-profiel/verlof/", own.own_leave_add, name="own_leave_add"),
    path("mijn-profiel/verlof/<int:leave_pk>/verwijderen/", own.own_leave_delete, name="own_leave_delete"),
    path("mijn-profiel/belangenconflict/", own.own_conflict_add, name="own_conflict_add"),
    path(
        "mijn-profiel/belangenconflict/<int:conflict_pk>/verwijderen/",
        own.own_conflict_delete,
        name="own_conflict_delete",
    ),
    path("tijd/", timespent.time_month_view, name="time"),
    path("tijd/<int:entry_pk>/verwijderen/", timespent.time_delete, name="time_delete"),
    # The coordinator.
    path("", coordinator.ambassador_list, name="list"),
    path("afwezig/", coordinator.absences, name="absences"),
    path("nieuw/", coordinator.ambassador_new, name="new"),
    path("regios-herzien/", coordinator.regions_realign, name="regions_realign"),
    path("<int:pk>/", coordinator.ambassador_detail, name="detail"),
    path("<int:pk>/bewerken/", coordinator.ambassador_edit, name="edit"),
    path("<int:pk>/status/", coordinator.ambassador_status, name="status"),
    path("<int:pk>/verlof/", coordinator.ambassador_leave_add, name="leave_add"),
    path(
        "<int:pk>/verlof/<int:leave_pk>/verwijderen/",
        coordinator.ambassador_leave_delete,
        name="leave_delete",
    ),
    path("<int:pk>/belangenconflict/", coordinator.ambassador_conflict_add, name="conflict_add"),
    path(
        "<int:pk>/belangenconflict/<int:conflict_pk>/verwijderen/",
        coordinator.ambassador_conflict_delete,
        name="conflict_delete",
    ),
]
