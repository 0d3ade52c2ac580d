"""Which plan evaluates which ticket: the plan given, or else each customer's contract
tier's plan from the catalog (a customer without a contract: the default plan)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from slaclock._checks import require, shorten
from slaclock.sla.contract import Contract
from slaclock.sla.plan import PlanCatalog, ServicePlan

__all__ = ["plans_by_tier"]


def plans_by_tier(
    customers: Sequence[str],
    default: ServicePlan,
    contracts: Mapping[str, Contract] | None,
    catalog: PlanCatalog | None,
    by_tier: bool,
) -> list[tuple[ServicePlan, list[int]]]:
    """The plan of each group of tickets (positions in `customers`), in first-seen order:
    with `by_tier` (no plan given) and `contracts`, the tier plan of each customer's
    contract in `catalog` (default: the built-in one); otherwise `default` for all."""
    if contracts is None or not by_tier:
        return [(default, list(range(len(customers))))]
    plans = PlanCatalog.builtin() if catalog is None else catalog
    groups: dict[int, tuple[ServicePlan, list[int]]] = {}
    for k, customer in enumerate(customers):
        contract = contracts.get(customer)
        chosen = default
        if contract is not None:
            require(contract, Contract, f"contracts[{shorten(customer)}]")
            chosen = plans.get(contract.tier)
        groups.setdefault(id(chosen), (chosen, []))[1].append(k)
    return list(groups.values())
