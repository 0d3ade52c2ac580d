"""Policies: which targets each metric has for a ticket, chosen by the ticket's attributes.

An ordered list of policies, each with conditions on the ticket (tier, customer,
product, channel, severity, tags) and the targets it sets per metric. The first
policy whose conditions all hold applies (Zendesk's and Jira Service
Management's rule); a metric the policy does not name keeps its own targets,
and a ticket no policy matches keeps every metric's own. The severity is the one
in force at `now`, so a reclassification re-selects the policy, as it re-selects
the first-response target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pydantic import Field, field_validator, model_validator

from slaclock._checks import shorten, tuple_of
from slaclock._model import FrozenModel
from slaclock._once import once
from slaclock.errors import InvalidModelError
from slaclock.sla.plan import MetricTargets
from slaclock.sla.severity import Severity
from slaclock.sla.support import Channel, Tier

__all__ = [
    "MetricTargets",
    "Policy",
    "PolicyMatch",
    "TicketAttributes",
    "policy_tuple",
    "select_policies",
]


class PolicyMatch(FrozenModel):
    """Conditions on a ticket, all of which must hold; a field left None holds always."""

    tiers: frozenset[Tier] | None = None
    customers: frozenset[str] | None = None
    products: frozenset[str] | None = None
    channels: frozenset[Channel] | None = None
    severities: frozenset[Severity] | None = None
    #: Holds when the ticket has at least one of these tags.
    tags: frozenset[str] | None = None

    @field_validator("severities", mode="before")
    @classmethod
    def _severities(cls, v: object) -> object:
        if isinstance(v, list | tuple | set | frozenset):
            return frozenset(Severity.parse(s) for s in v)
        return v


_every_ticket = once(PolicyMatch)  # the default conditions, made on first use


class Policy(FrozenModel):
    """One policy: when it applies, and the targets it sets per metric."""

    name: str = Field(description="Shown in results: which policy set a ticket's targets.")
    when: PolicyMatch = Field(
        default_factory=_every_ticket,
        description="Conditions; the default holds for every ticket.",
    )
    targets: tuple[MetricTargets, ...] = Field(description="Targets per metric, by name.")

    @model_validator(mode="after")
    def _distinct(self) -> Policy:
        names = [t.metric for t in self.targets]
        if len(set(names)) != len(names):
            raise InvalidModelError(
                f"policy {shorten(self.name)} sets targets twice for a metric: {shorten(names)}."
            )
        return self


def policy_tuple(policies: object) -> tuple[Policy, ...]:
    """The policies a caller gave (a `Policy` or an iterable of them, in order), checked."""
    if isinstance(policies, Policy):
        return (policies,)
    return tuple_of(policies, Policy, "policies")


@dataclass(frozen=True)
class TicketAttributes:
    """What policies read of each ticket, as columns (None: the table has no such column;
    a policy that needs it is refused)."""

    tier: Sequence[Tier]
    customer: Sequence[str] | None = None
    product: Sequence[str] | None = None
    channel: Sequence[Channel | str] | None = None
    tags: Sequence[frozenset[str]] | None = None

    def rows(self, a: int, b: int) -> TicketAttributes:
        """Tickets a..b-1's attributes."""
        return TicketAttributes(
            tier=self.tier[a:b],
            customer=None if self.customer is None else self.customer[a:b],
            product=None if self.product is None else self.product[a:b],
            channel=None if self.channel is None else self.channel[a:b],
            tags=None if self.tags is None else self.tags[a:b],
        )


_FIELDS = (("customers", "customer"), ("products", "product"), ("channels", "channel"))


def select_policies(
    policies: tuple[Policy, ...], attributes: TicketAttributes, severity: npt.NDArray[np.int8]
) -> npt.NDArray[np.int64]:
    """The index of the policy each ticket gets (len(policies): none matched), with its
    severity at now."""
    n = len(severity)
    chosen = np.full(n, len(policies), dtype=np.int64)
    open_ = np.ones(n, dtype=bool)
    for k, policy in enumerate(policies):
        w = policy.when
        ok = open_.copy()
        if w.tiers is not None:
            ok &= np.array([t in w.tiers for t in attributes.tier], dtype=bool)
        for name, attribute in _FIELDS:
            wanted = getattr(w, name)
            if wanted is None:
                continue
            values = getattr(attributes, attribute)
            if values is None:
                raise InvalidModelError(
                    f"policy {shorten(policy.name)} matches on {attribute}, which the tickets "
                    f"do not have; add a {attribute!r} column (or drop the condition)."
                )
            allowed = {str(getattr(x, "value", x)) for x in wanted}
            ok &= np.array([str(getattr(v, "value", v)) in allowed for v in values], dtype=bool)
        if w.severities is not None:
            ok &= np.isin(severity, [int(s) for s in w.severities])
        if w.tags is not None:
            if attributes.tags is None:
                raise InvalidModelError(
                    f"policy {shorten(policy.name)} matches on tags, which the tickets do not "
                    "have; add a 'tags' column (or drop the condition)."
                )
            ok &= np.array([bool(w.tags & t) for t in attributes.tags], dtype=bool)
        chosen[ok] = k
        open_ &= ~ok
    return chosen
