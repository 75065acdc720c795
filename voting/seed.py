"""Loads the demo decisions outside a meeting from `seed/resolutions.yaml` (idempotent)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.selectors import user_by_username
from dimpact_portal.seeding import SeedReport, upsert
from meetings import services as meeting_services
from members.selectors import member_register
from voting.constants import Answer, ResolutionStatus
from voting.models import WrittenAnswer, WrittenResolution


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _result_text(count: int) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("adopted: all %(count)s members consented") % {"count": count}


def _decision_text(closed: datetime.date, resolution: WrittenResolution) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Decision outside a meeting (%(date)s): %(title)s; %(result)s.") % {
            "date": f"{closed:%d-%m-%Y}",
            "title": resolution.title,
            "result": resolution.result_text,
        }


@transaction.atomic
def resolutions_seed_load(data: dict[str, Any], report: SeedReport) -> None:
    for spec in data["resolutions"]:
        user = user_by_username(spec["recorded_by"])
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
                "result_text": _result_text(len(members)),
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
                text=_decision_text(spec["closed"], resolution),
                user=user,
            )
            resolution.save(update_fields=["decision"])
