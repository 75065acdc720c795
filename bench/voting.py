"""Benchmark of online voting: `make bench-voting` (or `.venv/bin/python bench/voting.py`).

Starts the portal as in production (`dimpact_portal/server.py`: granian with several workers,
DEBUG off, PostgreSQL, Redis for cache and sessions, static files collected), creates N members
whose representatives have accounts (one in ten also holds another member's proxy), logs them in
(sessions made directly in the session store: no password hashing), has a few of them open
their voting page (the workers warm, as in an assembly under way), opens a poll, and has them
vote from this process over loopback:

  burst    every voter submits at the same moment (a named poll);
  meeting  submissions spread evenly over 10 seconds, while every voter's page polls the
           voting status every 2 seconds as the app's page does, and 10% of submissions are
           sent twice (a secret poll).

For each shape it prints:
  shape=NAME voters=N ballots_per_s=X p50_ms=X p95_ms=X p99_ms=X errors=N lost=N doubled=N
where lost and doubled compare the stored tally with the ballots the server accepted.

Options: --voters 1000 --workers 2 --threads 1 --shape both --server granian (or gunicorn: its
sync workers, gthread with --threads above 1, as the portal was served before; the baseline
runs under the same server as this tree). Needs the local
PostgreSQL and Redis (BENCH_DATABASE_URL, default database dimpact_bench_voting, recreated each run;
BENCH_REDIS_URL, default Redis db 7).

Against another commit: `--baseline REV [--rounds 2]` exports REV with `git archive` into a
scratch folder (BENCH_BASELINE_DIR, default /tmp/perf_base/REV; this checkout's .venv runs it),
then runs the same shapes alternately with the other commit and this working tree (A B A B, since
absolute figures on a shared machine swing between runs), prints every run's lines prefixed
with `tree=base` or `tree=work`, and per shape
  shape=NAME voters=N ratio=X p99_ratio=X
where ratio is this tree's median ballots/s over the baseline's, p99_ratio this tree's median
p99 over the baseline's (below 1 is faster). `--tree PATH` runs one round with the portal code
of PATH (what --baseline does for each run).

`--floor` sends the burst's requests to a bare WSGI application under the same server
(`bench/floor_app.py`: no Django, no database) and prints
  shape=floor voters=N requests_per_s=X p50_ms=X p95_ms=X p99_ms=X errors=N
per round: what the server and this load generator cost before any portal code runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

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
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
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
        store = import_module(settings.SESSION_ENGINE).SessionStore()  # the tree's own engine
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
    keys = bench_tellers(chair) if secret and hasattr(services, "teller_key_create") else {}
    poll = services.poll_create(
        meeting=meeting,
        user=chair,
        question="Stemming",
        agenda_item=item,
        secret=secret,
        **({"tellers": [user for user, _key in keys]} if keys else {}),
    )
    poll = services.poll_open(poll=poll, user=chair)
    poll.bench_tellers = keys  # a tree with encrypted ballots: the tellers count after the close
    return poll, chair


def bench_tellers(chair) -> list:
    """The chair and a secretariat account as tellers (2 of 2), with their key files."""
    from accounts.constants import Role
    from accounts.models import User
    from accounts.roles import role_grant
    from voting import services

    teller, _ = User.objects.get_or_create(
        username="bench-teller", defaults={"email": "teller@bench.invalid"}
    )
    role_grant(user=teller, role=Role.SECRETARIAT)
    return [(user, services.teller_key_create(user=user)[1]) for user in (chair, teller)]


def secret_counted(poll, chair) -> int:
    """Close an encrypted poll, have its tellers confirm, and return the decrypted total."""
    from voting import services

    services.poll_close(poll=poll, user=chair)
    for user, key in poll.bench_tellers:
        services.poll_teller_confirm(poll=poll, user=user, key_file=key)
    poll.refresh_from_db()
    counts = poll.counts
    return sum(counts[option] for option in ("for", "against", "abstain")) + sum(
        counts["candidates"].values()
    )


def encryption_ms(poll, samples: int = 50) -> float:
    """What encrypting one ballot of `poll` costs, in this process (ms)."""
    import time

    from voting.services.secret import ballot_encrypt

    start = time.perf_counter()
    for _ in range(samples):
        ballot_encrypt(
            poll_pk=poll.pk,
            public_key=poll.public_key,
            options=poll.options,
            choice="for",
            candidate_id=None,
            weight=1,
        )
    return (time.perf_counter() - start) / samples * 1000


async def run_shape(
    name,
    base,
    meeting,
    poll,
    plan,
    sessions,
    *,
    spread: float,
    doubles: float,
    poll_pages: bool,
    version: int,
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
                            if os.environ.get("BENCH_DEBUG"):
                                print(response.status, body[:300], file=sys.stderr)
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
    from voting.models import Ballot

    members = set(Ballot.objects.filter(poll=poll).values_list("member_id", flat=True))
    try:  # A secret poll's totals, where the tree keeps them as SecretTally rows.
        from voting.models import SecretTally
    except ImportError:
        SecretTally = None
    if getattr(poll, "bench_tellers", None):
        total = secret_counted(poll, poll.closed_by or poll.opened_by)
    elif poll.secret and SecretTally is not None:
        total = sum(SecretTally.objects.filter(poll=poll).values_list("total", flat=True))
    else:
        total = Ballot.objects.filter(poll=poll).count()
    return total, members


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=1000)
    # One application thread per worker: the work is CPU-bound, and threads in one process
    # share one interpreter lock.
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--server",
        choices=["granian", "gunicorn"],
        default="granian",
        help="the production server (dimpact_portal/server.py) or gunicorn's sync workers",
    )
    parser.add_argument("--shape", choices=["burst", "meeting", "both"], default="both")
    parser.add_argument("--tree", type=Path, default=HERE, help="the portal code to run")
    parser.add_argument("--baseline", metavar="REV", help="compare with this commit (A B A B)")
    parser.add_argument("--rounds", type=int, default=2, help="with --baseline: A B pairs")
    parser.add_argument(
        "--floor", action="store_true", help="the burst against a bare WSGI app (bench/floor_app)"
    )
    args = parser.parse_args()
    if args.floor:
        floor(args)
    elif args.baseline:
        compare(args)
    else:
        run_tree(args)


def floor(args) -> None:
    """The burst's requests against `bench/floor_app.py` under the same server: what the
    server and this load generator cost per request before any portal code runs."""
    port = free_port()
    server = subprocess.Popen(
        server_command(args, port, application="bench.floor_app:application"), cwd=HERE
    )
    try:
        wait_for(port)
        for _round in range(args.rounds):
            latencies, seconds = asyncio.run(floor_burst(f"http://127.0.0.1:{port}", args.voters))
            p50, p95, p99 = (percentile(latencies, q) for q in (0.50, 0.95, 0.99))
            print(
                f"shape=floor voters={args.voters} requests_per_s={len(latencies) / seconds:.0f} "
                f"p50_ms={p50:.0f} p95_ms={p95:.0f} p99_ms={p99:.0f} "
                f"errors={args.voters - len(latencies)}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


async def floor_burst(base: str, voters: int) -> tuple[list[float], float]:
    import aiohttp

    latencies: list[float] = []
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    start = asyncio.Event()

    async def voter(index, session):
        await start.wait()
        began = time.perf_counter()
        try:
            async with session.post(
                f"{base}/stemmen/stemming/1/stem/",
                data={"member": index, "choice": "for", "token": str(uuid.uuid4())},
                headers={"HX-Request": "true", "X-CSRFToken": "x" * 32},
            ) as response:
                if response.status == 200 and "vastgelegd" in await response.text():
                    latencies.append((time.perf_counter() - began) * 1000)
        except aiohttp.ClientError:
            pass

    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = [asyncio.create_task(voter(index, session)) for index in range(voters)]
        await asyncio.sleep(0.5)
        began = time.perf_counter()
        start.set()
        await asyncio.gather(*tasks)
    return latencies, time.perf_counter() - began


async def warm_up(base, meeting, plan, sessions, workers: int) -> None:
    """Before any shape, a few voters open their voting page, as every voter has before a
    vote: each worker has booted, connected to the database and loaded the translations and
    templates, as in an assembly that has been going on for a while (a worker's first request
    otherwise lands in the measured second). Refuses to go on if a page does not answer 200."""
    import aiohttp

    url = f"{base}/stemmen/vergadering/{meeting.pk}/"
    voters = list(plan)[: 8 * workers]
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:

        async def page(user_pk):
            headers = {"Cookie": f"sessionid={sessions[user_pk]}"}
            async with session.get(url, headers=headers, allow_redirects=False) as response:
                await response.read()
                return response.status

        statuses = await asyncio.gather(*(page(user_pk) for user_pk in voters))
    if set(statuses) != {200}:
        sys.exit(f"the warm-up's voting pages answered {sorted(set(statuses))}")


def server_command(
    args, port: int, application: str = "dimpact_portal.wsgi:application"
) -> list[str]:
    """The web server's command line for `args.tree`: this tree's production server
    (`dimpact_portal/server.py`, loaded from this checkout, so that a baseline without it runs
    under the same server), or with `--server gunicorn` gunicorn's sync workers (gthread with
    `--threads` above 1), which the portal used before."""
    if args.server == "gunicorn":
        return [sys.executable, "-m", "gunicorn", application, "--workers", str(args.workers),
                "--worker-class", "sync" if args.threads == 1 else "gthread",
                "--threads", str(args.threads), "--bind", f"127.0.0.1:{port}",
                "--backlog", "4096", "--log-level", "warning"]  # fmt: skip
    import importlib.util

    path = HERE / "dimpact_portal" / "server.py"
    spec = importlib.util.spec_from_file_location("portal_server", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.command(
        port=port, workers=args.workers, threads=args.threads, application=application
    )


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("the web server did not start")
            time.sleep(0.2)


def export_baseline(rev: str) -> Path:
    """REV's files in a scratch folder (`git archive`, no checkout in this tree)."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", f"{rev}^{{commit}}"],
        cwd=HERE, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    folder = Path(os.environ.get("BENCH_BASELINE_DIR", f"/tmp/perf_base/{commit}"))
    if not (folder / "manage.py").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.Popen(["git", "archive", commit], cwd=HERE, stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(folder)], stdin=archive.stdout, check=True)
        if archive.wait():
            sys.exit(f"git archive {commit} failed")
        # The compiled translations are not in git (`make messages`); the answers are Dutch.
        pybabel = Path(sys.executable).with_name("pybabel")
        subprocess.run(
            [str(pybabel), "compile", "-d", "locale", "-D", "django"],
            cwd=folder,
            check=True,
            capture_output=True,
        )
    # The front-end packages (not in git; `make` installs them): the static files the pages
    # link, and the PDF font, collected from there. The same package.json as this tree's,
    # or REV's own `npm ci` is needed.
    modules = folder / "node_modules"
    if not modules.exists():
        modules.symlink_to(HERE / "node_modules")
    return folder


RESULT = re.compile(r"shape=(\w+) voters=(\d+) ballots_per_s=(\d+) .*p99_ms=(\d+)")


def compare(args) -> None:
    """The same shapes, alternately on the baseline's code and on this tree's."""
    trees = {"base": export_baseline(args.baseline), "work": HERE}
    figures: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for _round in range(args.rounds):
        for label, tree in trees.items():
            command = [sys.executable, str(Path(__file__).resolve()), "--tree", str(tree),
                       "--voters", str(args.voters), "--workers", str(args.workers),
                       "--threads", str(args.threads), "--shape", args.shape,
                       "--server", args.server]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, cwd=tree)
            if not RESULT.search(done.stdout) or done.returncode:
                print(f"tree={label} failed ({done.returncode}):", done.stderr[-1500:], flush=True)
            for line in done.stdout.splitlines():
                if match := RESULT.match(line):
                    print(f"tree={label} {line}", flush=True)
                    key = (label, match[1])
                    figures.setdefault(key, []).append((int(match[3]), int(match[4])))
    for shape in ("burst", "meeting"):
        base, work = figures.get(("base", shape)), figures.get(("work", shape))
        if not base or not work:
            continue
        rate = statistics.median(w for w, _p in work) / max(
            1, statistics.median(b for b, _p in base)
        )
        p99 = statistics.median(p for _w, p in work) / max(
            1, statistics.median(p for _b, p in base)
        )
        print(f"shape={shape} voters={args.voters} ratio={rate:.2f} p99_ratio={p99:.2f}")


def run_tree(args) -> None:
    """Set up the world with the code of `args.tree`, start its web server, run the shapes."""
    # The tree's code first; Celery's start-up also puts the working directory on the path.
    sys.path.insert(0, str(args.tree))
    os.chdir(args.tree)
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
        "PYTHONPATH": str(args.tree),
        # As in production: the static files collected, so that pages find their manifest.
        "STATIC_ROOT": tempfile.mkdtemp(prefix="bench-voting-static-"),
        "STATIC_BROTLI": "0",
    }
    os.environ.update(env)
    recreate_database(DATABASE_URL)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    meeting, item, plan, sessions = setup(args.voters)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(server_command(args, port), cwd=args.tree, env=env)
    try:
        wait_for(port)
        asyncio.run(warm_up(base, meeting, plan, sessions, args.workers))
        run_shapes(args, base, meeting, item, plan, sessions)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(env["STATIC_ROOT"], ignore_errors=True)


def run_shapes(args, base, meeting, item, plan, sessions) -> None:
    """Each shape on a poll of its own; one line of figures per shape."""
    shapes = ["burst", "meeting"] if args.shape == "both" else [args.shape]
    for shape in shapes:
        poll, chair = open_poll(meeting, item, secret=shape == "meeting")
        # Read before the event loop: it may query the database (Django refuses that in
        # an async context).
        from voting.selectors import voting_version

        version = voting_version(meeting.pk)
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
                version=version,
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
        if poll.bench_tellers:
            print(f"shape={shape} secret_encrypt_ms_per_ballot={encryption_ms(poll):.1f}")
        from voting import services

        if poll.status == "open":
            services.poll_close(poll=poll, user=chair)


if __name__ == "__main__":
    main()
