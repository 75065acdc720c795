"""Loads the demo proxies from `seed/proxies.yaml` (idempotent, like the other loaders)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.selectors import user_by_username
from dimpact_portal.seeding import SeedReport, upsert
from meetings.selectors import agenda_item_at, meeting_on
from members.selectors import member_by_slug
from proxies.constants import ProxyStatus
from proxies.models import Proxy, VotingInstruction
from proxies.services import Holder, _holder_user, proxy_letter_request


@transaction.atomic
def proxies_seed_load(data: dict[str, Any], report: SeedReport) -> None:
    for spec in data["proxies"]:
        meeting = meeting_on(spec["meeting"])
        member = member_by_slug(spec["member"])
        holder_spec = spec["holder"]
        holder_member = member_by_slug(holder_spec["member"]) if holder_spec.get("member") else None
        holder = Holder(
            name=holder_spec["name"],
            email=holder_spec["email"],
            function=holder_spec.get("function", ""),
            organisation=holder_spec.get("organisation", ""),
            member=holder_member,
        )
        holder_user, _created = _holder_user(holder)
        decision = spec.get("decision") or {}
        proxy = upsert(
            Proxy,
            report,
            lookup={"meeting": meeting, "member": member, "status": ProxyStatus.ACTIVE},
            values={
                "holder_name": holder.name,
                "holder_function": holder.function,
                "holder_organisation": holder.organisation,
                "holder_email": holder.email,
                "holder_user": holder_user,
                "holder_member": holder_member,
                "signatory_name": spec["signatory"]["name"],
                "signatory_function": spec["signatory"]["function"],
                "signed_on": spec["signed_on"],
                "decision_reference": decision.get("reference", ""),
                "decision_date": decision.get("date"),
                "filed_by": user_by_username(spec["filed_by"]),
            },
        )
        instructions = spec.get("instructions") or {}
        for number, position in instructions.items():
            upsert(
                VotingInstruction,
                report,
                lookup={"proxy": proxy, "agenda_item": agenda_item_at(meeting, number)},
                values={"position": position},
            )
        if instructions:
            proxy_letter_request(proxy=proxy, user=None)
