"""A customer's contract: tier, product titles with their maintenance end, designated contacts.

Support covers a product title only while the vendor maintenance of its
licences is in force: up to and including `maintenance_end`, a date read in
the plan calendar's zone. Up to two designated contacts per title.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from pydantic import model_validator

from slaclock import _text as short
from slaclock._checks import cut, require, shorten
from slaclock._model import FrozenModel, Text
from slaclock._time import to_us
from slaclock.errors import InvalidModelError, TooManyContactsError, WrongTypeError
from slaclock.sla.contact import Contact, fold_text
from slaclock.sla.findings import Finding, FindingCode
from slaclock.sla.support import Tier

__all__ = ["MAX_CONTACTS_PER_TITLE", "Contract", "CoveredProduct", "Entitlement"]

#: The manual: "up to 2 designated contacts per software title whose maintenance is in force".
MAX_CONTACTS_PER_TITLE = 2


class CoveredProduct(FrozenModel):
    """A software title under the contract, its maintenance end and its designated contacts."""

    title: Text
    maintenance_end: date
    contacts: tuple[Contact, ...] = ()

    @model_validator(mode="after")
    def _contacts(self) -> CoveredProduct:
        if len(self.contacts) > MAX_CONTACTS_PER_TITLE:
            names = ", ".join(c.full_name for c in self.contacts)
            raise TooManyContactsError(
                f"{shorten(self.title)} has {len(self.contacts)} designated contacts "
                f"({cut(names, 200)}); "
                f"at most {MAX_CONTACTS_PER_TITLE} per title are allowed. Replace one instead."
            )
        emails = [c.email.casefold() for c in self.contacts]
        if len(set(emails)) != len(emails):
            twice = next(e for e in emails if emails.count(e) > 1)
            raise InvalidModelError(
                f"{shorten(self.title)} lists the contact {shorten(twice)} twice (contacts are "
                "matched by email, ignoring case); list each designated contact once."
            )
        return self

    def __repr__(self) -> str:
        named = {"maintenance_end": self.maintenance_end.isoformat()}
        if self.contacts:
            named["contacts"] = short.value(tuple(c.full_name for c in self.contacts))
        return short.call("CoveredProduct", short.text(self.title), named=named)

    def in_maintenance(self, day: date) -> bool:
        """Whether maintenance covers `day` (the end date is the last covered day)."""
        if isinstance(day, datetime) or not isinstance(day, date):
            raise WrongTypeError(
                f"day must be a datetime.date, got {type(day).__name__}: {shorten(day)}; for an "
                "instant pass its local date, e.g. at.astimezone(plan.calendar.zone).date()."
            )
        return day <= self.maintenance_end

    def is_designated(self, email: str) -> bool:
        """Whether `email` belongs to one of this title's designated contacts."""
        require(email, str, "email")
        return any(c.same_person(email) for c in self.contacts)


class Entitlement(FrozenModel):
    """Whether a request is entitled to support, and if not, every reason why."""

    entitled: bool
    product: CoveredProduct | None
    problems: tuple[Finding, ...] = ()

    def __bool__(self) -> bool:
        return self.entitled

    def __repr__(self) -> str:
        named = {}
        if self.product is not None:
            named["product"] = short.text(self.product.title)
        if self.problems:
            named["problems"] = short.value(tuple(p.code for p in self.problems))
        return short.call("Entitlement", str(self.entitled), named=named)


class Contract(FrozenModel):
    """What a customer bought: a tier, product titles, contacts, remote-assistance cards."""

    customer: Text
    tier: Tier = Tier.BASIC
    products: tuple[CoveredProduct, ...]
    remote_assistance_cards: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _unique_titles(self) -> Contract:
        seen: set[str] = set()
        for p in self.products:
            key = fold_text(p.title)
            if key in seen:
                raise InvalidModelError(
                    f"product title {shorten(p.title)} appears twice (titles are matched ignoring "
                    "case and accents); list each title once, with all its contacts."
                )
            seen.add(key)
        return self

    def __repr__(self) -> str:
        titles = tuple(f"{p.title} to {p.maintenance_end.isoformat()}" for p in self.products)
        named = {"tier": self.tier.value, "products": short.value(titles)}
        if self.remote_assistance_cards:
            named["cards"] = str(len(self.remote_assistance_cards))
        return short.call("Contract", short.text(self.customer), named=named)

    def product(self, title: str) -> CoveredProduct | None:
        """The covered product with this title (case and accents ignored), or None."""
        require(title, str, "title")
        key = fold_text(title)
        return next((p for p in self.products if fold_text(p.title) == key), None)

    def entitlement(
        self, product: str, requester_email: str, at: datetime, zone: tzinfo
    ) -> Entitlement:
        """Is `requester_email` entitled to support on `product` at instant `at`?

        `zone` is the plan calendar's zone: the maintenance end date is read there.
        """
        to_us(at, "at")
        require(requester_email, str, "requester_email")
        require(zone, tzinfo, "zone", "pass the plan calendar's zone, plan.calendar.zone.")
        covered = self.product(product)
        if covered is None:
            titles = ", ".join(p.title for p in self.products) or "none"
            return Entitlement(
                entitled=False,
                product=None,
                problems=(
                    Finding(
                        code=FindingCode.PRODUCT_NOT_COVERED,
                        message=f"{product!r} is not covered by {self.customer}'s contract "
                        f"(covered: {titles}).",
                    ),
                ),
            )
        problems: list[Finding] = []
        day = at.astimezone(zone).date()
        if not covered.in_maintenance(day):
            problems.append(
                Finding(
                    code=FindingCode.MAINTENANCE_EXPIRED,
                    message=f"maintenance of {covered.title!r} ended on "
                    f"{covered.maintenance_end.isoformat()}; support expires with it. "
                    "Renew the vendor maintenance to restore support.",
                )
            )
        if not covered.is_designated(requester_email):
            names = ", ".join(str(c) for c in covered.contacts) or "none"
            problems.append(
                Finding(
                    code=FindingCode.NOT_DESIGNATED_CONTACT,
                    message=f"{requester_email} is not a designated contact for "
                    f"{covered.title!r} (designated: {names}).",
                )
            )
        return Entitlement(entitled=not problems, product=covered, problems=tuple(problems))
