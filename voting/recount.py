"""The independent recount of a secret poll from its published data alone (no database, no
Django): every tracker recomputed, the product of the ciphertexts recomputed, each teller's
partial decryption checked against its proof, and the published totals checked against the
decryption of that product. `scripts/recount.py` and `manage.py poll_recount` call it."""

from __future__ import annotations

from dataclasses import dataclass, field

from voting import crypto


@dataclass
class Recount:
    ballots: int = 0
    totals: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _pairs(stored) -> list[crypto.Ciphertext]:
    return [(crypto.from_hex(a), crypto.from_hex(b)) for a, b in stored]


def _check_group(data: dict, report: Recount) -> None:
    group = data.get("group", {})
    expected = {"p": crypto.P, "q": crypto.Q, "g": crypto.G}
    for name, value in expected.items():
        if crypto.from_hex(group.get(name, "0")) != value:
            report.problems.append(f"group parameter {name} is not that of {crypto.GROUP}")


def _check_ballots(data: dict, report: Recount) -> list[list[crypto.Ciphertext]]:
    size = len(data["options"])
    ballots, seen = [], set()
    for entry in data["ballots"]:
        ciphertext = _pairs(entry["ciphertext"])
        if len(ciphertext) != size:
            report.problems.append(f"ballot {entry['tracker']}: {len(ciphertext)} ciphertexts")
            continue
        if crypto.tracker(data["poll"], ciphertext) != entry["tracker"]:
            report.problems.append(f"ballot {entry['tracker']}: the tracker does not match")
        if entry["tracker"] in seen:
            report.problems.append(f"ballot {entry['tracker']} is published twice")
        if not all(crypto.is_element(a) and crypto.is_element(b) for a, b in ciphertext):
            report.problems.append(f"ballot {entry['tracker']}: not in the group")
        seen.add(entry["tracker"])
        ballots.append(ciphertext)
    report.ballots = len(ballots)
    if data.get("ballot_count") != len(data["ballots"]):
        report.problems.append("the number of trackers differs from the number of ballots")
    return ballots


def _check_partials(data: dict, product: list, report: Recount) -> dict[int, list[int]]:
    """The tellers' partial decryptions whose proofs hold, by share number."""
    valid = {}
    for teller in data["tellers"]:
        if not teller.get("partial"):
            continue
        verification = crypto.from_hex(teller["verification_key"])
        values = [[crypto.from_hex(v) for v in triple] for triple in teller["partial"]]
        if all(
            crypto.partial_valid(verification, a, d, c, s)
            for (a, _b), (d, c, s) in zip(product, values, strict=True)
        ):
            valid[teller["position"]] = [d for d, _c, _s in values]
        else:
            report.problems.append(f"teller {teller['position']}: the proof does not hold")
    return valid


def _decrypt(data: dict, product: list, partials: dict, report: Recount) -> None:
    maximum = sum(entry.get("weight", 1) for entry in data["ballots"])
    for index, (option, (_a, b)) in enumerate(zip(data["options"], product, strict=True)):
        a_to_x = crypto.combine_partials({pos: values[index] for pos, values in partials.items()})
        total = crypto.total_from(b, a_to_x, maximum)
        name = option.get("name") or option["choice"]
        if total is None:
            report.problems.append(f"{name}: the product does not decrypt to a total")
        else:
            report.totals[name] = report.totals.get(name, 0) + total


def _published_totals(data: dict) -> dict[str, int]:
    totals = data.get("totals") or {}
    flat = {k: v for k, v in totals.items() if k != "candidates" and k in _names(data)}
    return flat | dict(totals.get("candidates", {}))


def _names(data: dict) -> set[str]:
    return {option.get("name") or option["choice"] for option in data["options"]}


def recount(data: dict) -> Recount:
    """Recount the published poll `data` (the JSON of `voting.selectors.poll_published`)."""
    report = Recount()
    _check_group(data, report)
    ballots = _check_ballots(data, report)
    product = crypto.product(ballots, len(data["options"]))
    if product != _pairs(data["product"]):
        report.problems.append("the published product is not the product of the ballots")
    partials = _check_partials(data, product, report)
    if len(partials) < data["tellers_needed"]:
        report.problems.append(
            f"{len(partials)} valid partial decryptions, {data['tellers_needed']} needed"
        )
        return report
    _decrypt(data, product, partials, report)
    if data.get("totals") is not None and _published_totals(data) != report.totals:
        report.problems.append(
            f"the published totals {_published_totals(data)} differ from {report.totals}"
        )
    return report
