"""Entitlement at receipt for a table of tickets: the rule of `sla.status`, per group.

Rows are grouped by (customer, product, requester, maintenance expired at
receipt); each group is asked once with `entitlement_findings`, so a table
gives exactly the reasons `evaluate` gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock._time import from_us
from slaclock.errors import ColumnError
from slaclock.sla.contract import Contract
from slaclock.sla.plan import ServicePlan
from slaclock.sla.status import entitlement_findings

__all__ = ["entitlement_problems"]


def entitlement_problems(
    table: nw.DataFrame[Any],
    names: Mapping[str, str],
    received: npt.NDArray[np.int64],
    contracts: Mapping[str, Contract],
    plan: ServicePlan,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.object_], list[str]]:
    """Which rows were not entitled when received, why (None elsewhere), and customers."""
    values = {}
    for field in ("customer", "product", "requester_email"):
        name = names.get(field, field)
        if name not in table.columns:
            raise ColumnError(
                f"checking entitlement needs a {name!r} column; add it or map yours with "
                f"columns={{{field!r}: 'your_name'}}."
            )
        values[field] = [str(v) for v in table[name].to_list()]
    customers, products, emails = values["customer"], values["product"], values["requester_email"]
    day = plan.calendar.engine.local_ordinals(received)
    last_day = np.full(len(received), np.iinfo(np.int64).max, dtype=np.int64)
    for k, (customer, product) in enumerate(zip(customers, products)):
        contract = contracts.get(customer)
        covered = contract.product(product) if contract is not None else None
        if covered is not None:
            last_day[k] = covered.maintenance_end.toordinal()
    expired = (day > last_day).tolist()
    zone = plan.calendar.zone
    out = np.full(len(received), None, dtype=object)
    refused = np.zeros(len(received), dtype=bool)
    asked: dict[tuple[str, str, str, bool], str | None] = {}
    for k, key in enumerate(zip(customers, products, emails, expired)):
        if key not in asked:
            found = entitlement_findings(
                key[0],
                key[1],
                key[2],
                from_us(int(received[k]), zone),
                contracts.get(key[0]),
                plan,
            )
            asked[key] = "; ".join(str(f) for f in found) or None
        out[k] = asked[key]
        refused[k] = asked[key] is not None
    return refused, out, customers
