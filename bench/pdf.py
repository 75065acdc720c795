"""Benchmark of the document service: `make bench-pdf` (or `.venv/bin/python bench/pdf.py`).

Prints one line per kind, timing the whole service path in this process (request row, claim,
WeasyPrint render, storage, finish), and one line for a batch of letters through a real Celery
worker with its default concurrency:

    kind=letter n=50 median_ms=… p95_ms=…
    kind=decision-list n=50 median_ms=… p95_ms=…
    kind=batch letters=200 workers=2 seconds=…

Needs PostgreSQL and Redis (defaults: the local ones; BENCH_DATABASE_URL, BENCH_REDIS_URL).
It creates and reuses the database `dimpact_bench`; files go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dimpact_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="renders per kind (default 50)")
    parser.add_argument("--letters", type=int, default=200, help="letters in the batch")
    args = parser.parse_args()

    media = tempfile.mkdtemp(prefix="bench-pdf-")
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=media,
        DEBUG="1",
        SECURE="0",
        DJANGO_SETTINGS_MODULE="dimpact_portal.settings",
    )
    ensure_database(DATABASE_URL)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from dimpact_portal.celery import app
    from documents import demo, services
    from documents.constants import DocumentKind, DocumentStatus
    from documents.models import RenderedDocument
    from members.models import Member
    from statutes.selectors import association_current

    call_command("migrate", verbosity=0)
    RenderedDocument.objects.all().delete()
    association = association_current()
    association.postal_address = "Postbus 548\n7500 AM ENSCHEDE"
    association.addressee = "T.a.v. de directeur-bestuurder"
    association.save()
    member, _ = Member.objects.get_or_create(slug="bench", defaults={"name": "gemeente Bench"})

    def letter(index: int) -> dict:
        data = demo.proxy_letter_deventer()
        return type(data)(**{**data.__dict__, "holder_name": f"Houder {index}"}).as_context()

    def decision_list(index: int) -> dict:
        data = demo.decision_list_2020_03_10()
        context = data.as_context()
        context["meeting"]["title"] += f" ({index})"
        return context

    # Warm up: the first render of a process loads the fonts.
    document = services.document_request(
        kind=DocumentKind.PROXY_LETTER, source=member, context=letter(-1), title="warm-up"
    )
    services.document_render(document_id=document.pk)

    for kind, label, make in (
        (DocumentKind.PROXY_LETTER, "letter", letter),
        (DocumentKind.DECISION_LIST, "decision-list", decision_list),
    ):
        timings = []
        for index in range(args.n):
            started = time.perf_counter()
            document = services.document_request(
                kind=kind, source=member, context=make(index), title=f"{label} {index}"
            )
            outcome = services.document_render(document_id=document.pk)
            timings.append((time.perf_counter() - started) * 1000)
            assert outcome == services.RenderOutcome.READY, outcome
        print(
            f"kind={label} n={args.n} median_ms={statistics.median(timings):.0f} "
            f"p95_ms={percentile(timings, 0.95):.0f}",
            flush=True,
        )

    # The batch: a real worker with its default concurrency (one process per core).
    RenderedDocument.objects.all().delete()
    app.control.purge()
    env = {**os.environ}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "dimpact_portal", "worker", "--loglevel=WARNING",
         "--without-gossip", "--without-mingle", f"--hostname=bench-{os.getpid()}@%h"],
        cwd=BASE, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        replies = []
        deadline = time.monotonic() + 60
        while not replies and time.monotonic() < deadline:
            replies = app.control.inspect(timeout=1.0).stats() or {}
        if not replies:
            sys.exit("the worker did not start")
        concurrency = next(iter(replies.values()))["pool"]["max-concurrency"]
        # Let every pool process load its fonts, as a worker that has been up for a while has.
        with transaction.atomic():
            for index in range(concurrency * 2):
                services.document_request(
                    kind=DocumentKind.PROXY_LETTER,
                    source=member,
                    context=letter(-100 - index),
                    title="warm-up",
                )
        while RenderedDocument.objects.exclude(status=DocumentStatus.READY).exists():
            time.sleep(0.1)

        started = time.perf_counter()
        with transaction.atomic():
            batch = [
                services.document_request(
                    kind=DocumentKind.PROXY_LETTER,
                    source=member,
                    context=letter(1000 + index),
                    title=f"batch {index}",
                ).pk
                for index in range(args.letters)
            ]
        pending = RenderedDocument.objects.filter(pk__in=batch).exclude(
            status__in=[DocumentStatus.READY, DocumentStatus.FAILED]
        )
        while pending.exists():
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        failed = RenderedDocument.objects.filter(pk__in=batch, status=DocumentStatus.FAILED)
        print(
            f"kind=batch letters={args.letters} workers={concurrency} seconds={seconds:.1f}"
            + (f" failed={failed.count()}" if failed.exists() else ""),
            flush=True,
        )
    finally:
        worker.terminate()
        worker.wait(timeout=60)


if __name__ == "__main__":
    main()
