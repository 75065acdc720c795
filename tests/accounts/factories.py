"""Factories for people and roles."""

import factory

from accounts.models import User
from accounts.roles import role_grant

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            role_grant(user=self, role=role)
        if create:
            self.save()


def verified_login(client, user, backend="django.contrib.auth.backends.ModelBackend"):
    """Log `client` in as `user`, the log-in confirmed with a second factor (an authenticator
    app paired for the test), as the key holders must (TWO_FACTOR_REQUIRED_ROLES)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user, backend=backend)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def totp_code(user) -> str:
    """The code `user`'s authenticator app shows now (the demo accounts: the documented demo
    secret), one step on when this step's code was used already (django-otp refuses a reuse)."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


def log_in_as(client, user, backend="django.contrib.auth.backends.ModelBackend"):
    """A test client's log-in as a persona: confirmed with a second factor when the persona's
    role or staff status asks for one (TWO_FACTOR_REQUIRED_ROLES), plain otherwise. Voters
    (where the association asks them) are left unconfirmed: their tests confirm themselves."""
    from django.conf import settings
    from django.test import override_settings

    from accounts.two_factor import two_factor_required

    roles = [role for role in settings.TWO_FACTOR_REQUIRED_ROLES if role != "voters"]
    with override_settings(TWO_FACTOR_REQUIRED_ROLES=roles):
        required = two_factor_required(user)
    if required:
        return verified_login(client, user, backend=backend)
    client.force_login(user, backend=backend)
    return client


def browser_log_in(page, base: str, username: str, password: str) -> None:
    """Log in through the log-in page in a browser, typing the authenticator app's code when
    the portal asks for it (the key holders; the demo accounts' app has the demo secret)."""
    # Playwright's sync API runs an event loop in this thread: the ORM works in another one.
    user = _in_a_thread(_browser_device, username)
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    if "/tweestaps/bevestigen/" in page.url:
        page.fill("input[name=token]", _in_a_thread(totp_code, user))
        page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")


def _in_a_thread(function, *args):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def run():
        try:
            return function(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def _browser_device(username: str) -> User:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.two_factor import two_factor_required

    user = User.objects.get(username=username)
    if two_factor_required(user) and not TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user
