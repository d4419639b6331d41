"""One shape for every state machine: an explicit table of (from state, action) -> to state.

Each app keeps its table in its own ``workflow.py`` and registers it here; the app's services consult it before
they change a status, so the table is the single place that says which step is legal. A transition may name
who may take it (``by``: actor kinds of that app, e.g. ``counsellor``) and whether it needs a reason. What a
step does besides changing the status (history, audit, mail, hooks) stays in the app's service.

Where a workflow's action simply means "move to that state" (reports, recruitment), the action is the target
state's value; ``Transition.to`` builds such a row.

A refusal is a ``DomainError`` (``klankbord.core.errors``) with one of the codes ``unknown_state``,
``invalid_transition``, ``not_permitted`` or ``reason_required``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.db import models
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from klankbord.core.errors import DomainError

UNKNOWN_STATE = "unknown_state"
INVALID_TRANSITION = "invalid_transition"
NOT_PERMITTED = "not_permitted"
REASON_REQUIRED = "reason_required"


@dataclass(frozen=True)
class Transition:
    """One row of a table. An empty ``by`` means the table does not restrict who takes the step."""

    source: str
    action: str
    target: str
    by: frozenset[str] = frozenset()
    needs_reason: bool = False

    @classmethod
    def to(cls, source: str, target: str, *by: str, needs_reason: bool = False) -> Transition:
        """A row whose action is "move to ``target``"."""
        return cls(source, str(target), target, frozenset(by), needs_reason)

    def permits(self, by: str | None) -> bool:
        """Whether ``by`` may take this step; ``None`` (nobody named) passes only an unrestricted row."""
        return not self.by or by in self.by


# Placeholders available to a refusal message: current/from (label of the current state), to/target (label
# of the target state, or the action when it is not a state).
DEFAULT_REFUSAL = _("Deze stap kan niet vanuit de status ‘%(current)s’.")


@dataclass(frozen=True)
class Workflow:
    """A named, immutable transition table over the states of one ``TextChoices``, starting in ``initial``."""

    name: str
    states: type[models.TextChoices]
    initial: str
    transitions: tuple[Transition, ...]
    refusal: str | Promise = DEFAULT_REFUSAL
    table: Mapping[tuple[str, str], Transition] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table: dict[tuple[str, str], Transition] = {}
        for transition in self.transitions:
            key = (transition.source, transition.action)
            if key in table:
                raise ValueError(f"{self.name}: {key!r} appears twice")
            table[key] = transition
        object.__setattr__(self, "table", MappingProxyType(table))

    def step(self, source: str, action: str) -> Transition | None:
        return self.table.get((source, action))

    def can(self, source: str, action: str, by: str | None = None) -> bool:
        transition = self.step(source, action)
        return transition is not None and transition.permits(by)

    def available(self, source: str, by: str | None = None) -> list[Transition]:
        """The steps open from ``source`` to ``by``, in table order."""
        return [t for t in self.transitions if t.source == source and t.permits(by)]

    def actions(self, source: str, by: str | None = None) -> list[str]:
        return [t.action for t in self.available(source, by)]

    def targets(self, source: str, by: str | None = None) -> list[str]:
        """States reachable in one step from ``source`` for ``by``, in the order of ``states``."""
        reachable = {t.target for t in self.available(source, by)}
        return [value for value in self.states.values if value in reachable]

    def sources(self, action: str) -> list[str]:
        """States from which ``action`` may be taken, in the order of ``states`` (for a bulk query)."""
        starts = {t.source for t in self.transitions if t.action == action}
        return [value for value in self.states.values if value in starts]

    def check(
        self, source: str, action: str, *, by: str | None = None, reason: str | None = None
    ) -> Transition:
        """The transition for ``action`` from ``source``, or a ``DomainError`` saying why not.

        ``reason`` is only judged when given: a caller that collects no reason passes None.
        """
        if source not in self.states.values:
            raise DomainError(_("Onbekende status."), code=UNKNOWN_STATE)
        transition = self.step(source, action)
        if transition is None:
            raise DomainError(self._refusal(source, action), code=INVALID_TRANSITION)
        if not transition.permits(by):
            raise DomainError(_("U mag deze statuswijziging niet uitvoeren."), code=NOT_PERMITTED)
        if transition.needs_reason and reason is not None and not reason.strip():
            raise DomainError(_("Geef een reden op voor deze statuswijziging."), code=REASON_REQUIRED)
        return transition

    def apply(self, source: str, action: str, *, by: str | None = None, reason: str | None = None) -> str:
        """The state after ``action`` from ``source``; raises ``DomainError`` when it is not allowed."""
        return self.check(source, action, by=by, reason=reason).target

    def _refusal(self, source: str, action: str) -> str:
        current = self.states(source).label
        target = self.states(action).label if action in self.states.values else action
        return str(self.refusal) % {"current": current, "from": current, "to": target, "target": target}

    def problems(self) -> list[str]:
        """What is inconsistent in the table: unknown states, and states no path from ``initial`` reaches."""
        known = set(self.states.values)
        named = {self.initial} | {s for t in self.transitions for s in (t.source, t.target)}
        found = [f"{self.name}: unknown state {state!r}" for state in sorted(named - known)]
        found += [f"{self.name}: {state!r} cannot be reached" for state in sorted(known - self.reachable())]
        return found

    def reachable(self) -> set[str]:
        """States some path from ``initial`` reaches, whoever takes each step."""
        seen, frontier = {self.initial}, [self.initial]
        while frontier:
            state = frontier.pop()
            for transition in self.transitions:
                if transition.source == state and transition.target not in seen:
                    seen.add(transition.target)
                    frontier.append(transition.target)
        return seen


_REGISTRY: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    """Make ``workflow`` known to the consistency checks; names are unique across the project."""
    existing = _REGISTRY.setdefault(workflow.name, workflow)
    if existing is not workflow and existing != workflow:
        raise ValueError(f"a workflow named {workflow.name!r} is registered already")
    return workflow


def registered() -> list[Workflow]:
    """Every registered workflow, after importing each installed app's ``workflow`` module."""
    autodiscover_modules("workflow")
    return sorted(_REGISTRY.values(), key=lambda workflow: workflow.name)
