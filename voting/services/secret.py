"""Secret polls: teller keys, the poll's key at the opening, encrypted ballots, the encrypted
tally at the close, and the tellers' partial decryptions that give the result.

The poll's secret key exists only in the memory of the request that opens the poll: it is
split into n Shamir shares, each sealed to a teller's own key (whose secret half is in the
teller's file, never on the server), and forgotten. A ballot's choice exists only in the
memory of the request that casts it: what is stored is its encryption and a tracker. At the
close the product of the ciphertexts is fixed; each teller, on their own device, opens their
share with their key file and stores the partial decryption of that product with a proof; k
of them give the totals. No single ballot is ever decrypted. See docs/secret-ballots.md.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dimpact_portal.rules import RuleDenied
from statutes.selectors import association_current
from voting import crypto
from voting.constants import Choice, PollKind, PollStatus
from voting.models import Ballot, Poll, PollTeller, TellerKey
from voting.services._common import _check_chair

if TYPE_CHECKING:
    from accounts.models import User

KEY_FILE_KIND = "dimpact-teller-key"


def _check_may_hold_teller_key(user: User) -> None:
    from voting import selectors

    if not selectors.can_be_teller(user):
        raise RuleDenied(
            _("Only the chair, the secretariat and the members' people can be tellers."),
            code="teller-not-eligible",
        )


def teller_key_create(*, user: User) -> tuple[TellerKey, str]:
    """A new teller key for `user`: the public half is stored, the secret half is returned once
    (as the text of the file the teller keeps) and forgotten. A key replaced opens no share of
    the polls opened before."""
    _check_may_hold_teller_key(user)
    secret = crypto.key_secret()
    public = crypto.to_hex(crypto.public_of(secret))
    with transaction.atomic():
        key, _created = TellerKey.objects.update_or_create(
            user=user, defaults={"public_key": public}
        )
    text = json.dumps(
        {
            "kind": KEY_FILE_KIND,
            "user": user.get_username(),
            "public": public,
            "secret": crypto.to_hex(secret),
        },
        indent=1,
    )
    return key, text


def _options(poll: Poll) -> list[dict]:
    """The options in the order of each ballot's ciphertexts."""
    if poll.kind == PollKind.MOTION:
        return [{"choice": Choice.FOR}, {"choice": Choice.AGAINST}, {"choice": Choice.ABSTAIN}]
    return [{"choice": Choice.ABSTAIN}] + [
        {"choice": Choice.CANDIDATE, "candidate": c.pk, "name": c.name}
        for c in poll.candidates.order_by("position", "pk")
    ]


def option_index(options: list[dict], choice: str, candidate_id: int | None) -> int:
    for index, option in enumerate(options):
        if option["choice"] == choice and option.get("candidate") == (
            candidate_id if choice == Choice.CANDIDATE else None
        ):
            return index
    raise ValidationError(_("Choose one of the options."), code="ballot-choice-invalid")


def tellers_assign(*, poll: Poll, tellers: list[User]) -> None:
    """The poll's tellers, numbered 1..n in the order given (their shares' numbers)."""
    for position, user in enumerate(dict.fromkeys(tellers), start=1):
        PollTeller.objects.create(poll=poll, user=user, position=position)


def poll_tellers_choose(*, poll: Poll, user: User, tellers: list[User]) -> Poll:
    """The chair names the tellers of a secret poll before it opens (a poll prepared by
    another app, e.g. an appointment, has none yet); replaces an earlier choice."""
    _check_chair(user)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=poll.pk)
        if not poll.secret or poll.status != PollStatus.DRAFT:
            raise ValidationError(
                _("Tellers are chosen for a secret poll before it opens."),
                code="poll-tellers-not-draft",
            )
        poll.tellers.all().delete()  # a draft's tellers hold no shares yet
        tellers_assign(poll=poll, tellers=tellers)
    return poll


def teller_key_discard(*, user: User) -> None:
    """`user` no longer holds a teller key, so no later poll is sealed to it and the chair is
    not offered them as a teller; the polls opened with it keep their sealed shares (which
    only the discarded file opened). The history keeps the public half."""
    TellerKey.objects.filter(user=user).delete()


def _check_tellers(poll: Poll, tellers: list[PollTeller], needed: int) -> None:
    if len(tellers) < needed:
        raise ValidationError(
            _("A secret poll needs at least %(needed)s tellers with a teller key.")
            % {"needed": needed},
            code="poll-tellers-too-few",
        )
    without = [t for t in tellers if getattr(t.user, "teller_key", None) is None]
    if without:
        raise ValidationError(
            _("These tellers have no teller key yet: %(names)s.")
            % {"names": ", ".join(t.user.get_full_name() or str(t.user) for t in without)},
            code="poll-teller-without-key",
        )


def _default_tellers(poll: Poll) -> list[PollTeller]:
    users = [key.user for key in TellerKey.objects.select_related("user").order_by("pk")]
    tellers_assign(poll=poll, tellers=users)
    return list(poll.tellers.select_related("user__teller_key"))


def secret_poll_keys(poll: Poll) -> None:
    """At the opening: the poll's key, split k of n among its tellers, sealed and forgotten."""
    needed = association_current().secret_tellers_needed
    tellers = list(poll.tellers.select_related("user__teller_key")) or _default_tellers(poll)
    _check_tellers(poll, tellers, needed)
    secret = crypto.key_secret()
    shares = crypto.shamir_split(secret, needed, len(tellers))
    for teller in tellers:
        share = shares[teller.position - 1]
        ephemeral, sealed = crypto.seal(crypto.from_hex(teller.user.teller_key.public_key), share)
        teller.verification_key = crypto.to_hex(crypto.public_of(share))
        teller.sealed_ephemeral, teller.sealed_share = crypto.to_hex(ephemeral), sealed
        teller.save()
    poll.public_key = crypto.to_hex(crypto.public_of(secret))
    poll.tellers_needed = needed
    poll.options = _options(poll)
    del secret, shares  # from here on only the sealed shares open it


def ballot_encrypt(
    *, poll_pk: int, public_key: str, options: list, choice: str, candidate_id, weight: int
) -> tuple[list, str]:
    """The stored form of a secret ballot: its ciphertexts (hex) and its tracker."""
    index = option_index(options, choice, int(candidate_id) if candidate_id else None)
    ciphertext = crypto.encrypt_choice(crypto.from_hex(public_key), index, weight, len(options))
    return (
        [[crypto.to_hex(a), crypto.to_hex(b)] for a, b in ciphertext],
        crypto.tracker(poll_pk, ciphertext),
    )


def _ciphertext(stored: list) -> list[crypto.Ciphertext]:
    return [(crypto.from_hex(a), crypto.from_hex(b)) for a, b in stored]


def secret_tally_fix(poll: Poll, register: int) -> None:
    """At the close: the product of the stored ciphertexts, which the tellers decrypt."""
    stored = Ballot.objects.filter(poll=poll).values_list("ciphertext", "weight")
    ballots = [(_ciphertext(ciphertext), weight) for ciphertext, weight in stored]
    product = crypto.product((c for c, _w in ballots), len(poll.options))
    poll.tally = {
        "product": [[crypto.to_hex(a), crypto.to_hex(b)] for a, b in product],
        "ballots": len(ballots),
        "weight": sum(w for _c, w in ballots),
        "register": register,
    }
    poll.counts = {}


def _check_teller_may_confirm(poll: Poll, user: User) -> PollTeller:
    teller = poll.tellers.filter(user=user).first()
    if teller is None:
        raise RuleDenied(_("You are not a teller of this poll."), code="poll-teller-not-teller")
    if poll.status != PollStatus.CLOSED:
        raise ValidationError(
            _("Tellers confirm a poll once it has closed."), code="poll-teller-not-closed"
        )
    return teller


def _share_from_key_file(teller: PollTeller, key_file: str) -> int:
    try:
        data = json.loads(key_file)
        secret = crypto.from_hex(data["secret"])
        public = crypto.from_hex(data["public"])
    except (ValueError, KeyError, TypeError):
        raise ValidationError(
            _("That is not a teller key file."), code="teller-key-invalid"
        ) from None
    if crypto.public_of(secret) != public:
        raise ValidationError(_("That is not a teller key file."), code="teller-key-invalid")
    share = crypto.unseal(secret, crypto.from_hex(teller.sealed_ephemeral), teller.sealed_share)
    if crypto.to_hex(crypto.public_of(share)) != teller.verification_key:
        raise ValidationError(
            _("This key does not open your share of this poll (a newer or another key?)."),
            code="teller-key-wrong",
        )
    return share


def poll_teller_confirm(*, poll: Poll, user: User, key_file: str) -> Poll:
    """A teller confirms the close: the partial decryption of the tally with their share and
    its proof are stored; the k-th confirmation decrypts the totals and records the result."""
    from voting.services.polls import poll_result_record

    with transaction.atomic():
        poll = (
            Poll.objects.select_for_update(of=("self",))
            .select_related("meeting", "agenda_item", "closed_by")
            .get(pk=poll.pk)
        )
        teller = _check_teller_may_confirm(poll, user)
        if teller.confirmed_at is None:
            share = _share_from_key_file(teller, key_file)
            teller.partial = [
                [crypto.to_hex(v) for v in crypto.partial_decrypt(share, crypto.from_hex(a))]
                for a, _b in poll.tally["product"]
            ]
            del share
            teller.confirmed_at = timezone.now()
            teller.save(update_fields=["partial", "confirmed_at"])
        confirmed = list(poll.tellers.filter(confirmed_at__isnull=False))
        if not poll.outcome and len(confirmed) >= poll.tellers_needed:
            poll_result_record(poll=poll, totals=secret_totals(poll, confirmed))
    return poll


def secret_totals(poll: Poll, confirmed: list[PollTeller]) -> dict:
    """The totals per option from k tellers' partial decryptions of the product."""
    result = {"for": 0, "against": 0, "abstain": 0, "candidates": {}}
    for index, (option, (_a, b)) in enumerate(
        zip(poll.options, poll.tally["product"], strict=True)
    ):
        partials = {t.position: crypto.from_hex(t.partial[index][0]) for t in confirmed}
        total = crypto.total_from(
            crypto.from_hex(b), crypto.combine_partials(partials), poll.tally["weight"]
        )
        if total is None:
            raise RuntimeError(f"poll {poll.pk}: the tally does not decrypt to a total")
        if option["choice"] == Choice.CANDIDATE:
            result["candidates"][option["name"]] = total
        else:
            result[option["choice"]] += total
    return result
