"""In a real browser (Playwright driving Debian's Chromium, headless): the demo secretary of
Deventer files the proxy for 17 June 2020 with instructions and downloads its letter."""

import contextlib
import datetime
import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from meetings.models import Meeting
from proxies.models import Proxy
from tests.documents.helpers import pdf_text
from tests.processes import celery_worker, require_services, worker_env

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_ready():
    try:
        import playwright  # noqa: F401
    except ImportError:
        reason = "needs Playwright for Python"
    else:
        reason = None if os.path.exists(CHROMIUM) else "needs Chromium (apt-get install chromium)"
    if reason:
        if os.environ.get("REQUIRE_WORKER") == "1":
            pytest.fail(f"required in CI, but it {reason}")
        pytest.skip(reason)


@pytest.fixture
def renderer(transactional_db, settings, tmp_path):
    """Letters render in a real worker where there is Redis, in-process otherwise."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if not settings.REDIS_URL:
        yield
        return
    require_services(redis=True)
    with celery_worker(worker_env(MEDIA_ROOT=str(settings.MEDIA_ROOT))):
        yield


@pytest.mark.worker
def test_deventer_files_its_proxy_and_downloads_the_letter(
    browser_ready, renderer, live_server, tmp_path
):
    call_command("load_seed", stdout=open(os.devnull, "w"))  # noqa: SIM115
    meeting = Meeting.objects.get(date=datetime.date(2020, 6, 17))
    # The demo has this proxy filed already; here the secretary files it herself.
    Proxy.objects.filter(meeting=meeting, member__slug="deventer").delete()
    # 17 June 2020 has passed, and no proxy is filed for a meeting that has started: the
    # assembly is held again next week.
    Meeting.objects.filter(pk=meeting.pk).update(
        date=datetime.date.today() + datetime.timedelta(days=7)
    )
    items = {item.position: item.pk for item in meeting.items.all()}

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", "secretaris.deventer")
        page.fill("input[name=password]", settings.DEMO_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")

        page.goto(f"{live_server.url}/vergaderingen/{meeting.pk}/")
        page.click("text=Volmacht verlenen")  # in the panel the page loads with HTMX
        page.wait_for_selector("select[name=known_holder]")
        page.select_option(
            "select[name=known_holder]", label="Karin Cornelissen, gemeentesecretaris Raalte"
        )
        page.fill("input[name=signatory_name]", "Ron König")
        page.fill("input[name=signatory_function]", "Burgemeester")
        page.fill("input[name=signed_on]", "2020-06-16")
        page.fill("input[name=decision_reference]", "nota 2020-001138")
        page.fill("input[name=decision_date]", "2020-06-16")
        for position in (3, 4, 5, 6, 7):
            page.check(f"input[name=item_{items[position]}][value=for]")
        page.click("text=Volmacht indienen")
        page.wait_for_selector("text=Volmachtbrief (PDF)")
        page.click("text=Volmachtbrief (PDF)")
        page.wait_for_selector("text=PDF downloaden", timeout=60_000)  # the page polls
        with page.expect_download() as download_info:
            page.click("text=PDF downloaden")
        path = tmp_path / "volmacht.pdf"
        download_info.value.save_as(path)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(tmp_path / "done.png"))
        browser.close()

    text = " ".join(pdf_text(path.read_bytes()).split())
    assert "Karin Cornelissen" in text
    assert "namens de gemeente Deventer" in text
    proxy = Proxy.objects.get(meeting=meeting, member__slug="deventer", status="active")
    assert set(proxy.instructions.values_list("position", flat=True)) == {"for"}
    assert proxy.filed_by.username == "secretaris.deventer"
