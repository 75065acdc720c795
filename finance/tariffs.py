"""A member's contribution for a year, from its inhabitants and the services it takes.

contribution = Σ price per inhabitant of each service taken x inhabitants
               - the volume discount (the percentage of the highest tier the number of services
                 reaches, on the services' part only)
               + the organisation's surcharge per inhabitant x inhabitants.
Prices are in cents; the parts are computed in cents and the result rounded to whole euros
(half up) once, at the end.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServicePart:
    code: str
    name: str
    price_cents: int
    amount_cents: int


@dataclass(frozen=True)
class Contribution:
    member: str
    inhabitants: int | None
    services: tuple[ServicePart, ...]
    services_cents: int
    discount_percent: int
    discount_cents: int
    surcharge_cents: int
    total_cents: int

    @property
    def total_euros(self) -> int | None:
        if self.inhabitants is None:
            return None
        return (self.total_cents + 50) // 100


def discount_percent(tiers: list[tuple[int, int]], services: int) -> int:
    """`tiers` as (from this number of services, percent): the highest tier reached."""
    reached = [percent for minimum, percent in sorted(tiers) if services >= minimum]
    return reached[-1] if reached else 0


def contribution(
    *,
    member: str,
    inhabitants: int | None,
    prices: list[tuple[str, str, int]],
    surcharge_cents: int,
    tiers: list[tuple[int, int]],
) -> Contribution:
    """`prices`: (code, name, cents per inhabitant) of the services the member takes."""
    count = inhabitants or 0
    parts = tuple(ServicePart(code, name, cents, cents * count) for code, name, cents in prices)
    services_cents = sum(part.amount_cents for part in parts)
    percent = discount_percent(tiers, len(parts))
    discount = (services_cents * percent + 50) // 100
    surcharge = surcharge_cents * count
    return Contribution(
        member=member,
        inhabitants=inhabitants,
        services=parts,
        services_cents=services_cents,
        discount_percent=percent,
        discount_cents=discount,
        surcharge_cents=surcharge,
        total_cents=services_cents - discount + surcharge,
    )
