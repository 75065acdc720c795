"""Benchmark of online voting: `make bench-voting` (or `.venv/bin/python bench/voting.py`).

Starts the portal as in production (gunicorn with several workers, DEBUG off, PostgreSQL,
Redis for cache and sessions), creates N members whose representatives have accounts (one in
ten also holds another member's proxy), logs them in (sessions made directly in the session
store: no password hashing), opens a poll, and has them vote from this process over loopback:

  burst    every voter submits at the same moment (a named poll);
  meeting  submissions spread evenly over 10 seconds, while every voter's page polls the
           voting status every 2 seconds as the app's page does, and 10% of submissions are
           sent twice (a secret poll).

For each shape it prints:
  shape=NAME voters=N ballots_per_s=X p50_ms=X p95_ms=X p99_ms=X errors=N lost=N doubled=N
where lost and doubled compare the stored tally with the ballots the server accepted.

Options: --voters 1000 --workers 2 --threads 1 (sync workers) --shape both. Needs the local
PostgreSQL and Redis (BENCH_DATABASE_URL, default database dimpact_bench_voting, recreated each run;
BENCH_REDIS_URL, default Redis db 7).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dimpact_bench_voting"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
SECRET = secrets.token_urlsafe(50)


def recreate_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def setup(voters: int):
    """Members, representatives with sessions, proxies, and an assembly in session."""
    import datetime

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.cache import cache

    from accounts.models import User
    from meetings.constants import ItemPurpose, MeetingFormat, MeetingKind, MeetingStatus
    from meetings.models import AgendaItem, Meeting
    from members.constants import MandateKind
    from members.models import Mandate, Member
    from proxies.models import Proxy
    from statutes.selectors import association_current

    cache.clear()
    association_current()
    members = Member.objects.bulk_create(
        Member(
            name=f"Gemeente {n:04d}",
            slug=f"gemeente-{n:04d}",
            region="east",
            size_class="under_50k",
        )
        for n in range(voters)
    )
    users = User.objects.bulk_create(
        User(
            username=f"voter{n:04d}",
            email=f"voter{n:04d}@bench.invalid",
            first_name="Stemmer",
            last_name=str(n),
            password="!",
        )
        for n in range(voters)
    )
    Mandate.objects.bulk_create(
        Mandate(
            member=member, kind=MandateKind.REPRESENTATIVE, name=user.get_full_name(), user=user
        )
        for member, user in zip(members, users, strict=True)
    )
    today = datetime.date.today()
    meeting = Meeting.objects.create(
        kind=MeetingKind.ALV,
        title="Algemene Ledenvergadering (bench)",
        date=today,
        start_time=datetime.time(0, 0),
        format=MeetingFormat.DIGITAL,
        status=MeetingStatus.IN_SESSION,
    )
    item = AgendaItem.objects.create(
        meeting=meeting, position=1, title="Voorstel", purpose=ItemPurpose.DECISION
    )
    # One voter in ten holds the proxy of the next member, whose representative stays away.
    proxies = []
    for n, member in enumerate(members):
        if n % 10 == 1:
            holder = users[n - 1]
            proxies.append(
                Proxy(
                    meeting=meeting,
                    member=member,
                    holder_name=holder.get_full_name(),
                    holder_email=holder.email,
                    holder_user=holder,
                    signatory_name="Burgemeester",
                    signatory_function="Burgemeester",
                    signed_on=today,
                    filed_by=holder,
                )
            )
    Proxy.objects.bulk_create(proxies)
    # Who votes for which member: the portal's one definition (the holder while a proxy is
    # active, else the representative), not a second copy here.
    from proxies.selectors import voters_of_meeting

    plan: dict[int, list[int]] = {}
    for member_pk, voter in voters_of_meeting(meeting).items():
        plan.setdefault(voter.user_id, []).append(member_pk)
    sessions = {}
    for user in users:
        if user.pk not in plan:
            continue
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "accounts.backends.PortalModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions[user.pk] = store.session_key
    return meeting, item, plan, sessions


def open_poll(meeting, item, *, secret: bool):
    from accounts.constants import Role
    from accounts.models import User
    from accounts.roles import role_grant
    from voting import services

    chair, _ = User.objects.get_or_create(
        username="bench-chair", defaults={"email": "chair@bench.invalid"}
    )
    role_grant(user=chair, role=Role.CHAIR)
    poll = services.poll_create(
        meeting=meeting, user=chair, question="Stemming", agenda_item=item, secret=secret
    )
    return services.poll_open(poll=poll, user=chair), chair


async def run_shape(
    name, base, meeting, poll, plan, sessions, *, spread: float, doubles: float, poll_pages: bool
):
    import aiohttp

    latencies: list[float] = []
    accepted: set[int] = set()
    errors = 0
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=120)
    start = asyncio.Event()
    window_end = 0.0

    async def voter(user_pk, member_pks, index, session):
        nonlocal errors
        cookies = {"sessionid": sessions[user_pk], "csrftoken": csrf}
        headers = {
            "X-CSRFToken": csrf,
            "HX-Request": "true",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        }
        await start.wait()
        if spread:
            await asyncio.sleep(spread * index / len(plan))
        for member_pk in member_pks:
            token = str(uuid.uuid4())
            sends = 2 if doubles and (hash((user_pk, member_pk)) % 100) < doubles * 100 else 1
            for attempt in range(sends):
                began = time.perf_counter()
                try:
                    async with session.post(
                        f"{base}/stemmen/stemming/{poll.pk}/stem/",
                        data={"member": member_pk, "choice": "for", "token": token},
                        headers=headers,
                    ) as response:
                        body = await response.text()
                        elapsed = (time.perf_counter() - began) * 1000
                        if response.status == 200 and "vastgelegd" in body:
                            latencies.append(elapsed)
                            accepted.add(member_pk)
                        else:
                            errors += 1
                except aiohttp.ClientError:
                    errors += 1
                if attempt == 0 and sends == 2:
                    await asyncio.sleep(0.05)

    async def page(user_pk, session):
        """The voter's open page: the status poll every 2 seconds, as the app's page does."""
        url = f"{base}/stemmen/vergadering/{meeting.pk}/status/?v={version}"
        headers = {"Cookie": f"sessionid={sessions[user_pk]}", "HX-Request": "true"}
        await start.wait()
        await asyncio.sleep((user_pk % 20) / 10)
        while time.perf_counter() < window_end:
            try:
                async with session.get(url, headers=headers) as response:
                    await response.read()
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(2)

    csrf = secrets.token_hex(16)
    from voting.selectors import voting_version

    version = voting_version(meeting.pk)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = [
            asyncio.create_task(voter(user_pk, members, index, session))
            for index, (user_pk, members) in enumerate(plan.items())
        ]
        pages = (
            [asyncio.create_task(page(user_pk, session)) for user_pk in plan] if poll_pages else []
        )
        await asyncio.sleep(0.5)
        began = time.perf_counter()
        window_end = began + spread + 2
        start.set()
        await asyncio.gather(*tasks)
        seconds = time.perf_counter() - began
        window_end = 0
        await asyncio.gather(*pages)
    return latencies, accepted, errors, seconds


def stored(poll) -> tuple[int, set[int]]:
    from voting.models import Ballot, SecretTally

    members = set(Ballot.objects.filter(poll=poll).values_list("member_id", flat=True))
    if poll.secret:
        total = sum(SecretTally.objects.filter(poll=poll).values_list("total", flat=True))
    else:
        total = Ballot.objects.filter(poll=poll).count()
    return total, members


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=1000)
    # Sync workers: the work is CPU-bound, and threads in one process share one interpreter lock.
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--shape", choices=["burst", "meeting", "both"], default="both")
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE": "0",
        "DJANGO_SETTINGS_MODULE": "dimpact_portal.settings",
        "EMAIL_URL": "consolemail://",
    }
    os.environ.update(env)
    recreate_database(DATABASE_URL)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    meeting, item, plan, sessions = setup(args.voters)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "dimpact_portal.wsgi", "--workers", str(args.workers),
         "--worker-class", "sync" if args.threads == 1 else "gthread",
         "--threads", str(args.threads), "--bind", f"127.0.0.1:{port}",
         "--backlog", "4096", "--log-level", "warning"],
        cwd=BASE, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    sys.exit("gunicorn did not start")
                time.sleep(0.2)
        shapes = ["burst", "meeting"] if args.shape == "both" else [args.shape]
        for shape in shapes:
            poll, chair = open_poll(meeting, item, secret=shape == "meeting")
            latencies, accepted, errors, seconds = asyncio.run(
                run_shape(
                    shape,
                    base,
                    meeting,
                    poll,
                    plan,
                    sessions,
                    spread=10.0 if shape == "meeting" else 0.0,
                    doubles=0.10 if shape == "meeting" else 0.0,
                    poll_pages=shape == "meeting",
                )
            )
            total, members = stored(poll)
            lost = len(accepted - members) + max(0, len(accepted) - total)
            doubled = max(0, total - len(accepted)) + len(members - accepted)
            p50, p95, p99 = (percentile(latencies, q) for q in (0.50, 0.95, 0.99))
            print(
                f"shape={shape} voters={args.voters} ballots_per_s={len(accepted) / seconds:.0f} "
                f"p50_ms={p50:.0f} p95_ms={p95:.0f} p99_ms={p99:.0f} "
                f"errors={errors} lost={lost} doubled={doubled}",
                flush=True,
            )
            from voting import services

            services.poll_close(poll=poll, user=chair)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
