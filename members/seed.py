"""Loads the member register and the demo accounts from the seed data file (create-only).

Run twice, it changes nothing: rows are matched on natural keys and created only when they
are missing, so no duplicate rows, no spurious audit history, and a member changed in the
portal stays changed (`load_seed --reset` restores the seed's values).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.text import slugify

from accounts.services import demo_user_seed_upsert
from dimpact_portal.seeding import SeedReport, upsert
from members.constants import MandateKind
from members.models import Mandate, Member, Service
from statutes.services import association_seed_update

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def members_seed_load(data: dict[str, Any], report: SeedReport) -> None:
    association_seed_update(values=data["association"], report=report)

    services = {}
    for item in data.get("services", []):
        services[item["code"]] = upsert(
            Service,
            report,
            lookup={"code": item["code"]},
            values={"name": item["name"], "description": item.get("description", "")},
        )

    for item in data["members"]:
        existed = Member.objects.filter(name=item["name"]).exists()
        member = upsert(
            Member,
            report,
            lookup={"name": item["name"]},
            values={
                "slug": slugify(item["name"]),
                "region": item["region"],
                "size_class": item["size_class"],
                "inhabitants": item.get("inhabitants"),
                "inhabitants_on": item.get("inhabitants_on"),
                "joined_on": item.get("joined_on"),
                "left_on": item.get("left_on"),
            },
        )
        wanted = {services[code].pk for code in item.get("services", [])}
        if set(member.services.values_list("pk", flat=True)) != wanted:
            if existed and not report.reset:
                report.differs(member, ["services"])
            else:
                member.services.set(wanted)
                report.count(Member, created=False, changed=True)
        for kind in MandateKind:
            person = item.get(kind.value)
            if person:
                upsert(
                    Mandate,
                    report,
                    lookup={
                        "member": member,
                        "kind": kind,
                        "name": person["name"],
                        "starts_on": person.get("starts_on"),
                    },
                    values={
                        "salutation": person.get("salutation", ""),
                        "function_title": person.get("function_title", ""),
                        "email": person.get("email", ""),
                        "source": person.get("source", ""),
                    },
                )


@transaction.atomic
def demo_accounts_seed_load(data: dict[str, Any], report: SeedReport) -> list[User]:
    """Demo log-ins, one per role (README). Only ever made by `load_seed`."""
    users = []
    for item in data.get("demo_accounts", []):
        user = demo_user_seed_upsert(item=item, report=report)
        for mandate_ref in item.get("mandates", []):
            _link_mandate(user, mandate_ref, report)
        users.append(user)
        report.logins.append(user.username)
    return users


def _link_mandate(user: User, ref: dict[str, Any], report: SeedReport) -> None:
    member = Member.objects.get(name=ref["member"])
    mandate = Mandate.objects.filter(member=member, kind=ref["kind"], ends_on__isnull=True).first()
    if mandate is None:
        upsert(
            Mandate,
            report,
            lookup={"member": member, "kind": ref["kind"], "name": user.get_full_name()},
            values={
                "user": user,
                "function_title": user.function_title,
                "source": "demo account (load_seed)",
            },
        )
    elif mandate.user_id != user.pk:
        # Linked once; a mandate the users gave to someone else stays theirs.
        unlinked = mandate.user_id is None and not user.mandates.filter(member=member).exists()
        if unlinked or report.reset:
            mandate.user = user
            mandate.save()
            report.count(Mandate, created=False, changed=True)
        else:
            report.differs(mandate, ["user"])
