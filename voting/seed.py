"""Loads the demo decisions outside a meeting from `seed/resolutions.yaml` (idempotent)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from dimpact_portal.seeding import SeedReport, upsert
from meetings import services as meeting_services
from members.selectors import member_register
from voting.constants import Answer, ResolutionStatus
from voting.models import WrittenAnswer, WrittenResolution


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@transaction.atomic
def resolutions_seed_load(data: dict[str, Any], report: SeedReport) -> None:
    for spec in data["resolutions"]:
        user = User.objects.get(username=spec["recorded_by"])
        members = list(member_register(on=spec["opened"]).order_by("name"))
        resolution = upsert(
            WrittenResolution,
            report,
            lookup={"title": spec["title"]},
            values={
                "proposal": spec["proposal"],
                "deadline": _moment(spec["deadline"]),
                "board_informed_on": spec["board_informed_on"],
                "board_note": spec["board_note"],
                "status": ResolutionStatus.CLOSED,
                "opened_at": _moment(spec["opened"]),
                "closed_at": _moment(spec["closed"]),
                "adopted": True,
                "entitled": [{"member": m.pk, "name": m.name} for m in members],
                "result_text": f"aangenomen: alle {len(members)} leden stemden in",
                "created_by": user,
            },
        )
        for member in members:
            upsert(
                WrittenAnswer,
                report,
                lookup={"resolution": resolution, "member": member},
                values={"answer": Answer.CONSENT, "answered_by": user},
            )
        if resolution.decision_id is None:
            resolution.decision = meeting_services.decision_record(
                meeting=None,
                date=spec["closed"],
                text=(
                    f"Besluit buiten vergadering ({spec['closed']:%d-%m-%Y}): {resolution.title}; "
                    f"{resolution.result_text}."
                ),
                user=user,
            )
            resolution.save(update_fields=["decision"])
