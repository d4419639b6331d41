from django.urls import path

from .views import gatherings, taking_part, wellbeing

app_name = "network"

urlpatterns = [
    path("", taking_part.mine, name="mine"),
    path("uitnodigingen/<int:pk>/", taking_part.invitation, name="invitation"),
    path("uitnodigingen/<int:pk>/agenda.ics", taking_part.invitation_ics, name="invitation_ics"),
    path("uitnodigingen/<int:pk>/leesmap.pdf", taking_part.invitation_pack, name="invitation_pack"),
    path("uitnodigingen/<int:pk>/ervaring/", taking_part.experience_new, name="experience_new"),
    path(
        "uitnodigingen/<int:pk>/ervaring/bevestigen/",
        taking_part.experience_confirm,
        name="experience_confirm",
    ),
    path("ervaringen/<int:pk>/verwijderen/", taking_part.experience_delete, name="experience_delete"),
    path("bijeenkomsten/", gatherings.gatherings, name="gatherings"),
    path("bijeenkomsten/nieuw/", gatherings.gathering_new, name="gathering_new"),
    path("bijeenkomsten/<int:pk>/", gatherings.gathering_detail, name="gathering"),
    path("bijeenkomsten/<int:pk>/wijzigen/", gatherings.gathering_edit, name="gathering_edit"),
    path("bijeenkomsten/<int:pk>/annuleren/", gatherings.cancel, name="gathering_cancel"),
    path("bijeenkomsten/<int:pk>/uitnodigen/", gatherings.invite, name="invite"),
    path("bijeenkomsten/<int:pk>/aanwezigheid/", gatherings.attendance, name="attendance"),
    path("bijeenkomsten/<int:pk>/leesmap.pdf", gatherings.pack, name="pack"),
    path("welzijn/", wellbeing.own, name="wellbeing"),
    path("welzijn/zwaar/<int:pk>/", wellbeing.mark_heavy, name="mark_heavy"),
    path("welzijn/nagesprek/", wellbeing.ask_debrief, name="ask_debrief"),
    path("welzijn/pauze/", wellbeing.pause, name="pause"),
    path("belasting/", wellbeing.loads_overview, name="loads"),
    path("belasting/<int:pk>/nagesprek/", wellbeing.propose_debrief, name="propose_debrief"),
    path("belasting/<int:pk>/pauze/", wellbeing.propose_pause, name="propose_pause"),
    path("tijdsbesteding/", wellbeing.time_overview, name="time"),
    path("nagesprekken/", wellbeing.debriefs, name="debriefs"),
    path("nagesprekken/<int:pk>/", wellbeing.debrief_status, name="debrief_status"),
]
