"""Intake checks: does a request carry what the manual requires? A list of findings, no I/O.

The caller says which attachments are suspicious (scanning is I/O) and
whether this is the contact's first request.
"""

from __future__ import annotations

from slaclock._checks import require
from slaclock.sla.contact import fold_text
from slaclock.sla.contract import Contract
from slaclock.sla.findings import Finding, FindingCode
from slaclock.sla.plan import ServicePlan, plan_or_basic
from slaclock.sla.support import Channel
from slaclock.sla.ticket import Ticket

__all__ = ["check_intake", "is_public_mailbox", "signature_names_requester"]


def is_public_mailbox(email: str, plan: ServicePlan | None = None) -> bool:
    """Whether the address is on a public mail service (gmail.com, yahoo.com.ar, ...).

    The list is the plan's (`plan` None: the Basic plan's).
    """
    require(email, str, "email")
    plan = plan_or_basic(plan)
    domain = email.rpartition("@")[2].strip().lower()
    return any(domain == d or domain.endswith("." + d) for d in plan.intake.public_mail_domains)


def signature_names_requester(signature: str | None, first_name: str, last_name: str) -> bool:
    """Whether a signature carries the requester's first and last name (case, accents ignored)."""
    require(signature, (str, type(None)), "signature")
    require(first_name, str, "first_name")
    require(last_name, str, "last_name")
    if not signature:
        return False
    words = set(fold_text(signature).replace(",", " ").replace(".", " ").split())
    needed = fold_text(f"{first_name} {last_name}").split()
    return all(w in words for w in needed)


def check_intake(
    ticket: Ticket,
    contract: Contract | None,
    plan: ServicePlan | None = None,
    *,
    first_request: bool,
) -> tuple[Finding, ...]:
    """Every reason the request falls short; empty when it is acceptable.

    `contract` is the customer's contract (None: no contract on file, which
    is itself a finding). `plan` None means the Basic plan.
    """
    require(ticket, Ticket, "ticket")
    require(contract, (Contract, type(None)), "contract", "pass None when there is none on file.")
    plan = plan_or_basic(plan)
    rules = plan.intake
    out: list[Finding] = []
    requester = ticket.requester_for("the intake check")
    if ticket.channel not in plan.channels:
        offered = ", ".join(sorted(c.value for c in plan.channels))
        out.append(
            Finding(
                code=FindingCode.CHANNEL_NOT_INCLUDED,
                message=f"{ticket.channel.value} is not a channel of {plan.name} "
                f"(use: {offered}).",
            )
        )
    if (
        ticket.channel is Channel.EMAIL
        and rules.require_signature
        and not signature_names_requester(
            ticket.signature, requester.first_name, requester.last_name
        )
    ):
        out.append(
            Finding(
                code=FindingCode.MISSING_SIGNATURE,
                message="an email request must be signed with the requester's first and last "
                f"name ({requester.full_name}); ask for a signed request.",
            )
        )
    if first_request and is_public_mailbox(requester.email, plan):
        out.append(
            Finding(
                code=FindingCode.PUBLIC_MAILBOX,
                message=f"{requester.email} is a public mailbox; a first request must come "
                "from the contact's company address.",
            )
        )
    limit_mb = rules.max_attachment_bytes / (1024 * 1024)
    for a in ticket.attachments:
        if a.suspicious:
            out.append(
                Finding(
                    code=FindingCode.ATTACHMENT_SUSPICIOUS,
                    message=f"{a.filename} is infected or suspicious and is refused; "
                    "send a clean copy.",
                )
            )
        if ticket.channel is not Channel.EMAIL:
            continue
        if a.extension not in rules.attachment_extensions:
            kinds = " or ".join(sorted(e.upper() for e in rules.attachment_extensions))
            out.append(
                Finding(
                    code=FindingCode.ATTACHMENT_TYPE,
                    message=f"{a.filename}: logs and files must be sent compressed as {kinds}.",
                )
            )
        if a.size_bytes > rules.max_attachment_bytes:
            out.append(
                Finding(
                    code=FindingCode.ATTACHMENT_TOO_LARGE,
                    message=f"{a.filename} is {a.size_bytes} bytes; the limit is "
                    f"{rules.max_attachment_bytes} bytes ({limit_mb:g} MB). Split or upload it.",
                )
            )
    if contract is None:
        out.append(
            Finding(
                code=FindingCode.NO_CONTRACT,
                message=f"no contract on file for {ticket.customer!r}; on-board the customer.",
            )
        )
    else:
        out.extend(
            contract.entitlement(
                ticket.product, requester.email, ticket.received, plan.calendar.zone
            ).problems
        )
    return tuple(out)
