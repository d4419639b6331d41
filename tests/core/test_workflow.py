"""The shared transition-table type, and a consistency check over every app's registered table."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from klankbord.core.errors import DomainError
from klankbord.core.workflow import (
    INVALID_TRANSITION,
    NOT_PERMITTED,
    REASON_REQUIRED,
    UNKNOWN_STATE,
    Transition,
    Workflow,
    register,
    registered,
)


class Light(models.TextChoices):
    RED = "red", "Rood"
    GREEN = "green", "Groen"
    AMBER = "amber", "Oranje"
    BROKEN = "broken", "Kapot"


GO, WARN, STOP, BREAK = "go", "warn", "stop", "break"

LIGHTS = Workflow(
    name="tests.light",
    states=Light,
    initial=Light.RED,
    transitions=(
        Transition(Light.RED, GO, Light.GREEN, frozenset({"driver"})),
        Transition(Light.GREEN, WARN, Light.AMBER),
        Transition(Light.AMBER, STOP, Light.RED),
        Transition(Light.AMBER, BREAK, Light.BROKEN, frozenset({"storm"}), needs_reason=True),
    ),
)


def _code(error: pytest.ExceptionInfo[DomainError]) -> str | None:
    return error.value.code


def test_allowed_actions_and_targets_follow_the_table_and_who_asks() -> None:
    assert LIGHTS.actions(Light.AMBER, "storm") == [STOP, BREAK]
    assert LIGHTS.actions(Light.AMBER, "driver") == [STOP]
    assert LIGHTS.actions(Light.RED) == []  # a restricted step needs someone it names
    assert LIGHTS.targets(Light.AMBER, "storm") == [Light.RED, Light.BROKEN]
    assert LIGHTS.actions(Light.BROKEN) == []
    assert LIGHTS.sources(STOP) == [Light.AMBER]


def test_applying_an_allowed_step_gives_the_next_state() -> None:
    assert LIGHTS.apply(Light.RED, GO, by="driver") == Light.GREEN
    assert LIGHTS.apply(Light.GREEN, WARN, by="anyone") == Light.AMBER
    assert LIGHTS.can(Light.AMBER, STOP)


def test_a_step_the_table_lacks_is_refused_with_a_code_and_the_current_label() -> None:
    with pytest.raises(DomainError) as error:
        LIGHTS.check(Light.RED, STOP)
    assert _code(error) == INVALID_TRANSITION
    assert "‘Rood’" in str(error.value)
    assert not LIGHTS.can(Light.RED, STOP)


def test_a_step_for_someone_else_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        LIGHTS.check(Light.RED, GO, by="pedestrian")
    assert _code(error) == NOT_PERMITTED
    assert not LIGHTS.can(Light.RED, GO, "pedestrian")


def test_a_step_that_needs_a_reason_is_refused_with_a_blank_one() -> None:
    with pytest.raises(DomainError) as error:
        LIGHTS.check(Light.AMBER, BREAK, by="storm", reason="  ")
    assert _code(error) == REASON_REQUIRED
    assert LIGHTS.apply(Light.AMBER, BREAK, by="storm", reason="bliksem") == Light.BROKEN


def test_an_unknown_current_state_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        LIGHTS.check("blue", GO)
    assert _code(error) == UNKNOWN_STATE


def test_a_refusal_is_a_validation_error_whose_text_is_the_message() -> None:
    with pytest.raises(ValidationError) as error:
        LIGHTS.check(Light.GREEN, GO)
    assert str(error.value) == error.value.messages[0]


def test_a_refusal_message_can_name_the_target_state() -> None:
    to_state = Workflow(
        name="tests.to_state",
        states=Light,
        initial=Light.RED,
        transitions=(Transition.to(Light.RED, Light.GREEN),),
        refusal="Van %(from)s naar %(to)s gaat niet.",
    )
    assert to_state.apply(Light.RED, Light.GREEN) == Light.GREEN
    with pytest.raises(DomainError, match="Van Groen naar Rood gaat niet"):
        to_state.check(Light.GREEN, Light.RED)


def test_a_table_naming_one_step_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        Workflow(
            name="tests.twice",
            states=Light,
            initial=Light.RED,
            transitions=(Transition(Light.RED, GO, Light.GREEN), Transition(Light.RED, GO, Light.AMBER)),
        )


def test_the_consistency_check_finds_unknown_and_unreachable_states() -> None:
    broken = Workflow(
        name="tests.broken",
        states=Light,
        initial=Light.RED,
        transitions=(Transition(Light.RED, GO, "purple"),),
    )
    assert broken.problems() == [
        "tests.broken: unknown state 'purple'",
        "tests.broken: 'amber' cannot be reached",
        "tests.broken: 'broken' cannot be reached",
        "tests.broken: 'green' cannot be reached",
    ]
    assert LIGHTS.problems() == []


def test_a_second_workflow_under_a_taken_name_is_refused() -> None:
    first = register(Workflow(name="tests.unique", states=Light, initial=Light.RED, transitions=()))
    assert register(first) is first
    with pytest.raises(ValueError, match="registered already"):
        register(
            Workflow(
                name="tests.unique",
                states=Light,
                initial=Light.GREEN,
                transitions=(Transition(Light.GREEN, WARN, Light.AMBER),),
            )
        )


APP_WORKFLOWS = {
    "ambassadors.ambassador",
    "matching.assignment",
    "network.debrief",
    "network.invitation",
    "recruitment.application",
    "recruitment.vacancy",
    "reports.report",
    "support.checkin",
}


def test_every_registered_table_names_only_its_own_states_and_reaches_them_all() -> None:
    workflows = [found for found in registered() if not found.name.startswith("tests.")]
    assert {workflow.name for workflow in workflows} >= APP_WORKFLOWS
    assert [problem for workflow in workflows for problem in workflow.problems()] == []
