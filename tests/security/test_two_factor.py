"""A second factor at log-in for who holds the keys, the admin behind it, recovery codes that
work once, and the demo accounts' documented secret."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.constants import Role
from accounts.services import DEMO_TOTP_KEY, recovery_codes_make
from accounts.two_factor import two_factor_required
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
ALL = ["secretariat", "chair", "supervisory_board", "controller", "staff", "voters"]


@pytest.fixture(autouse=True)
def required_for_the_key_holders(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ALL


def _log_in(user) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _code(device, drift=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + drift * device.step
    return f"{totp.token():06d}"


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


@pytest.mark.parametrize(
    "role", [Role.SECRETARIAT, Role.CHAIR, Role.SUPERVISORY_BOARD, Role.CONTROLLER]
)
def test_the_key_holders_must_confirm_every_log_in(role):
    user = UserFactory(roles=[role])
    _device(user)
    client = _log_in(user)
    response = client.get(reverse("meetings:meeting-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two-factor-verify"))


def test_staff_and_the_admin_need_a_confirmed_log_in():
    user = UserFactory(is_staff=True, is_superuser=True)
    device = _device(user)
    client = _log_in(user)
    assert client.get("/admin/").url.startswith(reverse("two-factor-verify"))
    response = client.post(
        reverse("two-factor-verify"), {"token": _code(device), "next": "/admin/"}
    )
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_first_log_in_goes_to_set_up_with_a_qr_code_and_then_recovery_codes():
    user = UserFactory(roles=[Role.CHAIR])
    client = _log_in(user)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two-factor-setup"))
    assert "<svg" in response.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("two-factor-setup"), {"token": _code(device), "next": "/"})
    assert response.url.startswith(reverse("recovery-codes"))
    assert len(client.get(response.url).context["codes"]) == 10
    assert client.get(reverse("recovery-codes")).status_code == 302  # shown once
    assert client.get(reverse("meetings:meeting-list")).status_code == 200


def test_posts_and_the_api_are_refused_by_code_until_confirmed(secretariat):
    _device(secretariat)
    client = _log_in(secretariat)
    response = client.post(reverse("meetings:meeting-create"), {})
    assert response.status_code == 403
    assert client.get("/api/v1/").status_code == 403


def test_others_may_but_need_not(secretary_a, representative_a):
    assert not two_factor_required(secretary_a)
    assert not two_factor_required(representative_a)
    assert _log_in(secretary_a).get(reverse("meetings:meeting-list")).status_code == 200


def test_the_association_may_extend_it_to_voters(representative_a, secretary_a):
    from statutes.selectors import association_current

    association = association_current()
    association.voting_requires_two_factor = True
    association.save()
    assert two_factor_required(representative_a)
    assert not two_factor_required(secretary_a)


def test_a_recovery_code_confirms_one_log_in_once():
    user = UserFactory(roles=[Role.SECRETARIAT])
    _device(user)
    code = recovery_codes_make(user=user)[0]
    first = _log_in(user)
    response = first.post(reverse("two-factor-verify"), {"token": code, "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert first.get(reverse("meetings:meeting-list")).status_code == 200
    second = _log_in(user)
    response = second.post(reverse("two-factor-verify"), {"token": code, "next": "/"})
    assert response.status_code == 200  # the form again: the code is used up
    assert second.get(reverse("meetings:meeting-list")).status_code == 302


def test_setting_up_a_new_factor_ends_the_other_sessions():
    user = UserFactory()
    other = _log_in(user)
    this = _log_in(user)
    this.get(reverse("two-factor-setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    this.post(reverse("two-factor-setup"), {"token": _code(device), "next": "/"})
    assert this.get(reverse("account-security")).status_code == 200
    assert other.get(reverse("account-security")).status_code == 302


def test_the_demo_accounts_use_the_documented_secret(seeded):
    from accounts.selectors import user_by_username

    device = TOTPDevice.objects.get(user=user_by_username("voorzitter"), confirmed=True)
    assert device.key == DEMO_TOTP_KEY
    import base64

    assert (
        base64.b32encode(bytes.fromhex(device.key)).decode() == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    )


def test_the_setting_can_turn_it_off(settings, chair):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    assert _log_in(chair).get(reverse("meetings:meeting-list")).status_code == 200


def test_the_tests_helpers_give_a_confirmed_log_in(chair):
    from tests.accounts.factories import totp_code, verified_login

    assert verified_login(Client(), chair).get(reverse("meetings:meeting-list")).status_code == 200
    client = _log_in(chair)
    first = totp_code(chair)
    client.post(reverse("two-factor-verify"), {"token": first, "next": "/"})
    assert client.get(reverse("meetings:meeting-list")).status_code == 200
    again = _log_in(chair)
    response = again.post(reverse("two-factor-verify"), {"token": totp_code(chair), "next": "/"})
    assert response.status_code == 302  # the next step's code: this step's was used


def test_the_qr_code_draws_the_modules_of_the_code_for_the_devices_url():
    """The set-up's SVG draws a run per row (not a square per module) of qrcode's own matrix."""
    import re

    import qrcode

    from accounts.two_factor import _QR_MASK, _qr_svg

    url = "otpauth://totp/chair?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6"
    code = qrcode.QRCode(box_size=8, mask_pattern=_QR_MASK)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    svg = _qr_svg(url)
    drawn = set()
    for match in re.finditer(r"M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)H\1z", svg):
        x0, y0, x1, y1 = (round(float(value) / 0.8) for value in match.groups())
        drawn |= {(x, y) for x in range(x0, x1) for y in range(y0, y1)}
    dark = {(x, y) for y, row in enumerate(matrix) for x, on in enumerate(row) if on}
    assert drawn == dark
    size = f"{len(matrix) * 0.8:g}"
    assert svg.startswith(f'<svg width="{size}mm" height="{size}mm"')
