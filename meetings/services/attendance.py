"""The attendance list: a line per member (who attended for it, whether by proxy) and the
other people present or absent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max

from meetings.constants import AttendanceRole
from meetings.models import Attendance, Meeting
from meetings.services._common import lock, only_secretariat_prepares

if TYPE_CHECKING:
    from accounts.models import User
    from members.models import Member


def attendance_save(
    *,
    meeting: Meeting,
    user: User,
    role: str,
    member: Member | None = None,
    person: str = "",
    present: bool = True,
    remark: str = "",
    note: str = "",
    row: Attendance | None = None,
) -> Attendance:
    """Add or correct one line of the attendance list (the secretariat)."""
    only_secretariat_prepares(user)
    return attendance_record(
        meeting=meeting,
        role=role,
        member=member,
        person=person,
        present=present,
        remark=remark,
        note=note,
        row=row,
    )


def attendance_record(
    *,
    meeting: Meeting,
    member: Member | None = None,
    role: str = AttendanceRole.MEMBER,
    person: str = "",
    present: bool = True,
    remark: str = "",
    note: str = "",
    row: Attendance | None = None,
) -> Attendance:
    """Write one line of the attendance list. For other apps' services (a representative
    registering, proxies deriving the list); they check who may do so."""
    with transaction.atomic():
        lock(meeting)
        if row is None and member is not None:
            row = meeting.attendance.filter(member=member).first()
        if row is None:
            last = meeting.attendance.aggregate(Max("position"))["position__max"]
            row = Attendance(meeting=meeting, position=(last or 0) + 1)
        row.role = AttendanceRole.MEMBER if member is not None else role
        row.member = member
        row.person = person.strip()
        row.present = present and bool(person.strip() or member is None)
        row.remark = remark.strip()
        row.note = note.strip()
        row.full_clean()
        row.save()
    return row


def attendance_start_from_register(*, meeting: Meeting, user: User) -> int:
    """A line per member on the register that day (absent until filled in); returns how many."""
    from members.selectors import member_register

    only_secretariat_prepares(user)
    created = 0
    with transaction.atomic():
        lock(meeting)
        have = set(meeting.attendance.exclude(member=None).values_list("member_id", flat=True))
        last = meeting.attendance.aggregate(Max("position"))["position__max"] or 0
        for member in member_register(on=meeting.date).order_by("name"):
            if member.pk in have:
                continue
            last += 1
            Attendance.objects.create(
                meeting=meeting,
                member=member,
                role=AttendanceRole.MEMBER,
                present=False,
                position=last,
            )
            created += 1
    return created
