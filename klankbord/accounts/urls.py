from django.urls import path, re_path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("verder/", views.continue_after_mfa, name="continue"),
    path("uitnodiging/<str:token>/", views.invitation_accept_view, name="invitation"),
    path("gebruikers/", views.user_list, name="users"),
    path("gebruikers/uitnodigen/", views.user_invite, name="invite"),
    path("gebruikers/<int:pk>/", views.user_detail, name="user"),
    path("gebruikers/<int:pk>/rollen/", views.user_roles_view, name="user_roles"),
    path("gebruikers/<int:pk>/opschorten/", views.user_suspend_view, name="user_suspend"),
    path("gebruikers/<int:pk>/heropenen/", views.user_reactivate_view, name="user_reactivate"),
    path("gebruikers/<int:pk>/beeindigen/", views.user_end_view, name="user_end"),
    path("gebruikers/<int:pk>/tweede-factor/", views.user_mfa_reset_view, name="user_mfa_reset"),
    path("gebruikers/<int:pk>/opnieuw-uitnodigen/", views.user_invite_resend, name="user_invite_resend"),
    path("toekenningen/", views.grants_pending, name="grants"),
    path("toekenningen/<int:pk>/", views.grant_decide, name="grant_decide"),
    path("auditlog/", views.audit_list, name="audit"),
    re_path(r"^auditlog/export\.(?P<fmt>csv|json)$", views.audit_export_view, name="audit_export"),
]
