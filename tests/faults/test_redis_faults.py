"""Redis is a cache and a broker, never a single point of failure: with the portal running as in
production (`dimpact_portal.server`, DEBUG off, PostgreSQL) and a Celery worker and beat, a
Redis of the test's own is stopped, and later frozen (SIGSTOP), while a visitor logs in, files a
proxy and casts a ballot. Every request answers within two seconds; the proxy is stored and its
page says the letter is queued; the ballot is recorded; when Redis returns, the letter renders
with nobody acting (the documents sweeper queues it again).

Run by `make test-faults` (marker `faults`; `make test` leaves it out). Never touches the
shared Redis on 6379.
"""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.utils import timezone, translation

from accounts.constants import Role
from documents.constants import DocumentStatus
from documents.models import RenderedDocument
from meetings.constants import ItemPurpose, MeetingFormat
from members.constants import MandateKind
from proxies.models import Proxy
from tests.accounts.factories import PASSWORD, UserFactory
from tests.faults.client import Answer, Browser, forms_of
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.members.factories import MandateFactory, MemberFactory
from tests.processes import BASE, celery, require_services, test_database_url, web_server
from voting.models import Ballot

pytestmark = [pytest.mark.faults, pytest.mark.worker]

HOST = "portaal.faults.test"
LIMIT_SECONDS = 2.0
FIGURES: dict[str, float] = {}


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _process(command: list[str], env: dict[str, str], log: Path):
    """A process of the test's own, its output in `log` (a pipe nobody reads would fill)."""
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=BASE, env=env, stdout=out, stderr=out)
        try:
            yield process
        finally:
            if process.poll() is None:
                os.kill(process.pid, signal.SIGCONT)  # a frozen process cannot stop
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


class OwnRedis:
    """A Redis on a spare port, without persistence: stopped, started and frozen at will."""

    def __init__(self, port: int, log: Path) -> None:
        self.port, self.log, self.process = port, log, None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while (
            subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            ).stdout.strip()
            != "PONG"
        ):
            assert time.monotonic() < deadline, "the test's Redis did not start"
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            self.thaw()
            self.stop()


def _env(tmp_path: Path, redis_port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECURE", "DEBUG", "REDIS_URL"}}
    env.update(
        DEBUG="0",
        SECURE="0",
        SECRET_KEY="f4#Lq8$wZ2!rT6@yN1^uK7&pB3*hM9(cX5)jD0_vG4+sA8=eQ2",
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=test_database_url(),
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_BROTLI="0",
        # The sweeper every two seconds, and a document queued three seconds ago is queued again.
        DOCUMENTS_SWEEP_SECONDS="2",
        DOCUMENTS_REQUEUE_AFTER_SECONDS="3",
    )
    return env


def _scenario():
    """Two assemblies: one convened (for proxies), one in session with an open poll."""
    from voting.services import poll_create, poll_open

    today = timezone.localdate()
    chair = UserFactory(username="chair", roles=[Role.CHAIR])
    people = {}
    for slug in ("a", "b", "c", "d"):
        member = MemberFactory(name=f"Gemeente {slug.upper()}")
        secretary = UserFactory(username=f"secretary-{slug}")
        MandateFactory(
            member=member,
            kind=MandateKind.SECRETARY,
            name=secretary.get_full_name(),
            user=secretary,
            email=secretary.email,
        )
        representative = UserFactory(username=f"representative-{slug}")
        MandateFactory(
            member=member,
            kind=MandateKind.REPRESENTATIVE,
            name=representative.get_full_name(),
            user=representative,
            email=representative.email,
        )
        people[slug] = (member, secretary, representative)
    for_proxies = MeetingFactory(convened=True, date=today + datetime.timedelta(days=21))
    AgendaItemFactory(
        meeting=for_proxies,
        position=1,
        title="Jaarrekening 2019",
        purpose=ItemPurpose.DECISION,
        proposal="Vast te stellen.",
    )
    in_session = MeetingFactory(in_session=True, date=today, format=MeetingFormat.DIGITAL)
    item = AgendaItemFactory(
        meeting=in_session,
        position=1,
        title="Strategie 2020-2025",
        purpose=ItemPurpose.DECISION,
        proposal="In te stemmen.",
    )
    _production_passwords([chair, *(user for _m, *users in people.values() for user in users)])
    poll = poll_create(meeting=in_session, user=chair, question="Strategie?", agenda_item=item)
    poll_open(poll=poll, user=chair)
    return people, for_proxies, in_session, poll


def _production_passwords(users) -> None:
    """The servers hash as in production (the tests' fast hasher is this process's only)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    for user in users:
        user.password = hasher.encode(PASSWORD, hasher.salt())
        user.save(update_fields=["password"])


def _wait_for_http(port: int, server) -> None:
    import urllib.request

    deadline = time.monotonic() + 60
    while True:
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": HOST})
            urllib.request.urlopen(request, timeout=5).read()
            return
        except OSError:
            started = server.poll() is None and time.monotonic() < deadline
            assert started, "the web server did not start"
            time.sleep(0.3)


def _wait_for_worker(log: Path) -> None:
    deadline = time.monotonic() + 60
    while " ready." not in log.read_text():
        assert time.monotonic() < deadline, f"the worker did not start: {log.read_text()[-2000:]}"
        time.sleep(0.3)


def _file_proxy(browser: Browser, meeting, member, holder) -> Answer:
    """Fill the proxy form as the page has it: the holder chosen from the list (or typed in)."""
    page = browser.get(f"/volmachten/vergadering/{meeting.pk}/{member.slug}/nieuw/")
    assert page.status == 200, page.body[:500]
    form = next(f for f in forms_of(page.body) if "signatory_name" in f.fields)
    values = {"signatory_name": "Burgemeester", "signatory_function": "burgemeester"}
    options = [v for v in form.selects.get("known_holder", []) if v]
    if options:
        values["known_holder"] = options[0]
    else:
        values.update(holder_name=holder.get_full_name(), holder_email=holder.email)
    return browser.submit(page, form, **values)


def _cast_ballot(browser: Browser, meeting, member) -> Answer:
    page = browser.get(f"/stemmen/vergadering/{meeting.pk}/")
    assert page.status == 200, page.body[:500]
    form = next(
        f
        for f in forms_of(page.body)
        if "ballot" in f.classes and f.fields.get("member") == str(member.pk)
    )
    return browser.submit(page, form, choice="for")


def _letter_ready_after(proxy: Proxy, since: float, timeout: float = 180) -> float:
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(Proxy)
    while True:
        documents = RenderedDocument.objects.filter(source_type=kind, source_id=str(proxy.pk))
        if documents.filter(status=DocumentStatus.READY).exists():
            return time.monotonic() - since
        assert time.monotonic() - since < timeout, list(documents.values_list("status", "error"))
        time.sleep(0.5)


def _act_under_fault(base: str, people: dict, slug: str, for_proxies, in_session, poll, label):
    """Log in, file a proxy (stored; "queued"), open the voter's page, cast a ballot."""
    member, secretary, representative = people[slug]
    holder = people["b"][1]
    visitor = Browser(base, HOST)
    home = visitor.log_in(secretary.username, PASSWORD)
    assert home.status == 200 and "/accounts/login/" not in home.url, home.body[:500]
    filed = _file_proxy(visitor, for_proxies, member, holder)
    assert filed.status == 200, filed.body[:1000]
    proxy = Proxy.objects.get(meeting=for_proxies, member=member)
    with translation.override("nl"):
        assert str(DocumentStatus.QUEUED.label) in filed.body  # "the letter is queued"
    voter = Browser(base, HOST)
    voter.log_in(representative.username, PASSWORD)
    voted = _cast_ballot(voter, in_session, member)
    assert voted.status == 200, voted.body[:1000]
    assert Ballot.objects.filter(poll=poll, member=member).exists()
    status = voter.get(f"/stemmen/vergadering/{in_session.pk}/status/?v=0")
    assert status.status == 200  # the page learns the state from the database
    timings = visitor.timings + voter.timings
    slowest = max(timings, key=lambda t: t[2])
    FIGURES[f"slowest request, Redis {label}"] = slowest[2]
    assert slowest[2] < LIMIT_SECONDS, timings
    return proxy


def test_redis_stopped_then_frozen_loses_nothing_and_keeps_answering(transactional_db, tmp_path):
    require_services(redis=False)
    if not shutil.which("redis-server"):
        if os.environ.get("REQUIRE_WORKER") == "1":
            pytest.fail("required in CI, but redis-server is not installed")
        pytest.skip("needs redis-server")
    people, for_proxies, in_session, poll = _scenario()
    redis = OwnRedis(_free_port(), tmp_path / "redis.log")
    redis.start()
    env = _env(tmp_path, redis.port)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE,
        env=env,
        check=True,
        timeout=300,
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    web = web_server(port)
    worker = celery(
        "worker",
        "--pool=solo",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        f"--hostname=faults-{os.getpid()}@%h",
    )
    beat = celery("beat", "--loglevel=INFO", "--schedule", str(tmp_path / "beat-schedule"))
    try:
        with (
            _process(web, env, tmp_path / "server.log") as server,
            _process(worker, env, tmp_path / "worker.log"),
            _process(beat, env, tmp_path / "beat.log"),
        ):
            _wait_for_http(port, server)
            _wait_for_worker(tmp_path / "worker.log")

            redis.stop()
            proxy = _act_under_fault(base, people, "a", for_proxies, in_session, poll, "stopped")
            restarted = time.monotonic()
            redis.start()
            FIGURES["letter rendered after Redis restarted"] = _letter_ready_after(proxy, restarted)

            redis.freeze()
            proxy = _act_under_fault(base, people, "c", for_proxies, in_session, poll, "frozen")
            thawed = time.monotonic()
            redis.thaw()
            FIGURES["letter rendered after Redis resumed"] = _letter_ready_after(proxy, thawed)
    finally:
        redis.close()
        print()
        for name, seconds in FIGURES.items():
            print(f"{name}: {seconds:.2f} s")
