"""The selection committee scores independently: nobody sees others' scores before submitting their own."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.crypto.keyring import KeyRing
from klankbord.recruitment import selectors, services
from klankbord.recruitment.models import Application, Score
from tests.factories.core import raises_domain_error
from tests.factories.recruitment import SCORES, MakeApplication, score

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_member(make_user: Any) -> Any:
    return make_user(RoleSlug.SELECTION_COMMITTEE)


def test_a_member_cannot_see_the_others_scores_before_submitting(
    application: Application, selection_member: Any, second_member: Any
) -> None:
    score(second_member, application, neutral=1)
    view = selectors.scores_for_user(user=selection_member, application=application)
    assert not view.others_visible
    assert view.others == [] and view.summary is None and view.table == []
    assert view.total == 1 and view.may_score


def test_after_submitting_the_member_sees_everyone_and_the_combination(
    application: Application, selection_member: Any, second_member: Any
) -> None:
    score(second_member, application, neutral=1)
    score(selection_member, application, neutral=5)
    view = selectors.scores_for_user(user=selection_member, application=application)
    assert view.others_visible and not view.may_score
    assert [other.member_id for other in view.others] == [second_member.pk]
    neutral = next(item for item in view.summary.competences if item.competence == "neutral")
    assert neutral.mean == 3.0 and neutral.spread == 4


def test_the_coordinator_who_does_not_score_sees_all_scores(
    application: Application, selection_member: Any, coordinator: Any
) -> None:
    score(selection_member, application)
    view = selectors.scores_for_user(user=coordinator, application=application)
    assert view.others_visible and len(view.others) == 1 and not view.may_score


def test_the_detail_page_hides_other_scores_until_the_member_scored(
    client_for: Any, application: Application, selection_member: Any, second_member: Any
) -> None:
    score(second_member, application)
    Score.objects.filter(member=second_member).update(remarks="geheime-opmerking")
    url = reverse("recruitment:application", kwargs={"pk": application.pk})
    client = client_for(selection_member)
    page = client.get(url).content.decode()
    assert "scores-blind" in page and "score-summary" not in page and "geheime-opmerking" not in page
    form = {name: str(value) for name, value in SCORES.items()} | {"recommendation": "yes"}
    response = client.post(reverse("recruitment:score", kwargs={"pk": application.pk}), form)
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "score-summary" in page and "geheime-opmerking" in page


def test_the_overview_blinds_rows_the_member_has_not_scored(
    make_application: MakeApplication, selection_member: Any, second_member: Any
) -> None:
    scored, unscored = make_application(), make_application()
    score(second_member, scored)
    score(second_member, unscored)
    score(selection_member, scored)
    rows = {row.application.pk: row for row in selectors.score_overview_for_user(user=selection_member)}
    assert rows[scored.pk].visible and rows[scored.pk].summary.count == 2
    assert not rows[unscored.pk].visible and rows[unscored.pk].summary is None


def test_a_score_is_submitted_once_and_cannot_be_changed(
    application: Application, selection_member: Any
) -> None:
    score(selection_member, application)
    with raises_domain_error("already_scored"):
        score(selection_member, application, neutral=1)
    assert Score.objects.get().neutral == SCORES["neutral"]


def test_scores_outside_one_to_five_are_refused(application: Application, selection_member: Any) -> None:
    with raises_domain_error("scores"):
        score(selection_member, application, neutral=6)
    with raises_domain_error("recommendation"):
        services.score_submit(
            actor=selection_member, application=application, values=SCORES, recommendation="maybe"
        )


def test_only_committee_members_score(application: Application, coordinator: Any) -> None:
    with pytest.raises(PermissionDenied):
        score(coordinator, application)


def test_a_declared_conflict_hides_the_applicant_and_withdraws_the_score(
    application: Application, selection_member: Any
) -> None:
    score(selection_member, application)
    services.conflict_declare(actor=selection_member, application=application, reason="Buurman")
    assert not Score.objects.exists()
    assert not selectors.applications_for_user(user=selection_member).exists()
    with pytest.raises(Http404):
        selectors.application_get_for_user(user=selection_member, pk=application.pk)
    with pytest.raises(PermissionDenied):
        score(selection_member, application)


def test_a_conflicted_member_gets_404_on_every_page_of_the_applicant(
    client_for: Any, application: Application, selection_member: Any
) -> None:
    services.conflict_declare(actor=selection_member, application=application)
    client = client_for(selection_member)
    for name in ("application", "cv", "score", "conflict", "interview_new"):
        assert client.get(reverse(f"recruitment:{name}", kwargs={"pk": application.pk})).status_code == 404
    page = client.get(reverse("recruitment:applications")).content.decode()
    assert application.name not in page and "belangenconflict" in page


def test_the_conflict_form_requires_the_confirmation(
    client_for: Any, application: Application, selection_member: Any
) -> None:
    response = client_for(selection_member).post(
        reverse("recruitment:conflict", kwargs={"pk": application.pk}), {}
    )
    assert response.status_code == 400
    assert "Vink aan" in response.content.decode()


def test_an_incomplete_score_form_keeps_the_choices(
    client_for: Any, application: Application, selection_member: Any
) -> None:
    url = reverse("recruitment:score", kwargs={"pk": application.pk})
    response = client_for(selection_member).post(url, {"neutral": "4", "remarks": "eerste indruk"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "eerste indruk" in page and " checked" in page
    assert 'aria-invalid="true"' in page
    assert not Score.objects.exists()


def test_list_and_overview_need_a_fixed_number_of_queries(
    client_for: Any,
    make_application: MakeApplication,
    selection_member: Any,
    second_member: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(selection_member)

    def load() -> None:
        assert client.get(reverse("recruitment:applications")).status_code == 200
        assert client.get(reverse("recruitment:overview")).status_code == 200

    make_application()
    load()  # warm caches (session, permissions)
    with django_assert_max_num_queries(30) as few:
        load()
    for _ in range(6):
        application = make_application()
        score(second_member, application)
        score(selection_member, application)
    with django_assert_max_num_queries(len(few.captured_queries)):
        load()


def test_the_overview_decrypts_only_the_names_it_shows(
    make_application: MakeApplication,
    selection_member: Any,
    second_member: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for _ in range(3):
        application = make_application()
        score(second_member, application)
        score(selection_member, application)
    decrypted: list[str] = []
    original = KeyRing.decrypt_text

    def recording(self: KeyRing, token: str, *, purpose: str) -> str:
        decrypted.append(purpose)
        return original(self, token, purpose=purpose)

    monkeypatch.setattr(KeyRing, "decrypt_text", recording)
    rows = selectors.score_overview_for_user(user=selection_member)
    names = [row.application.name for row in rows]
    assert len(names) == 3
    assert set(decrypted) == {"field:recruitment.application.name"}
