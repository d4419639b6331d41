from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

# The admin has no login form of its own: it sends people to allauth's login, so MFA applies there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", include("klankbord.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("i18n/js/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("allauth.urls")),
    path("profiel/", include("klankbord.accounts.urls")),
    path("regio/", include("klankbord.geo.urls")),
    path("uitgaande-mail/", include("klankbord.outbox.urls")),
    path("", include("klankbord.reports.urls")),
    path("toestemming/", include("klankbord.consent.urls")),
    path("berichten/", include("klankbord.messaging.urls")),
    path("ambassadeurs/", include("klankbord.ambassadors.urls")),
    path("koppeling/", include("klankbord.matching.urls")),
    path("begeleiding/", include("klankbord.support.urls")),
    path("api/", include("klankbord.api.urls")),
    path("vacatures/", include("klankbord.recruitment.urls_public")),
    path("werving/", include("klankbord.recruitment.urls")),
    path("signalen/", include("klankbord.signals.urls")),
    path("netwerk/", include("klankbord.network.urls")),
    path(f"{settings.ADMIN_URL_PATH}/", admin.site.urls),
]

handler400 = "klankbord.core.views.error_400"
handler403 = "klankbord.core.views.error_403"
handler404 = "klankbord.core.views.error_404"
handler500 = "klankbord.core.views.error_500"
