"""A small SVG chart of the ratios per year against their norms, drawn on the server (no
JavaScript): one panel per ratio, one bar per year, the norm as a dashed line."""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from finance.ratios import YearRatios

PANEL_W, PANEL_H, TOP, BOTTOM = 220, 170, 34, 30
COLORS = ("#8fb3d9", "#1f5fa8", "#0b3d75", "#5a8fcc")


def _number(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "€":  # compact in the chart; the table beside it has the exact amount
        return "€ " + f"{Decimal(value) / 1_000_000:.2f}".replace(".", ",") + " mln"
    text = f"{Decimal(value):.1f}".replace(".", ",")
    return f"{text}%" if unit == "%" else text


def _panel(index: int, key: str, years: list[YearRatios], norms: list[float]) -> list[str]:
    x0 = index * (PANEL_W + 20)
    ratios = [year.get(key) for year in years]
    values = [float(r.value) if r.value is not None else 0.0 for r in ratios]
    scale_max = max([*values, *norms, 1.0]) * 1.15
    plot_h = PANEL_H - TOP - BOTTOM
    bar_w = min(56, (PANEL_W - 40) / max(len(years), 1) - 12)
    label = ratios[0].label if ratios else key
    parts = [
        f'<g transform="translate({x0},0)">',
        f'<text x="{PANEL_W / 2}" y="14" text-anchor="middle" font-size="11" '
        f'font-weight="bold">{escape(label.split(" (")[0])}</text>',
        f'<text x="{PANEL_W / 2}" y="27" text-anchor="middle" font-size="9" fill="#555">'
        f"{escape(ratios[0].norm if ratios else '')}</text>",
        f'<line x1="20" y1="{PANEL_H - BOTTOM}" x2="{PANEL_W - 10}" y2="{PANEL_H - BOTTOM}" '
        'stroke="#333" stroke-width="1"/>',
    ]
    for norm in norms:
        y = PANEL_H - BOTTOM - plot_h * norm / scale_max
        parts.append(
            f'<line x1="20" y1="{y:.1f}" x2="{PANEL_W - 10}" y2="{y:.1f}" stroke="#c0392b" '
            'stroke-width="1.2" stroke-dasharray="4 3"/>'
        )
    for n, (year, ratio, value) in enumerate(zip(years, ratios, values, strict=True)):
        height = plot_h * value / scale_max
        x = 30 + n * (bar_w + 12)
        y = PANEL_H - BOTTOM - height
        fill = COLORS[n % len(COLORS)] if ratio.meets is not False else "#c0392b"
        parts += [
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{height:.1f}" '
            f'fill="{fill}"><title>{year.year}: {escape(_number(ratio.value, ratio.unit))}'
            "</title></rect>",
            # inside the bar's top (clear of the norm lines) when the bar is tall enough
            f'<text x="{x + bar_w / 2:.1f}" y="{y + 11 if height > 16 else y - 3:.1f}" '
            f'text-anchor="middle" font-size="8.5" fill="{"#fff" if height > 16 else "#111"}">'
            f"{escape(_number(ratio.value, ratio.unit))}</text>",
            f'<text x="{x + bar_w / 2:.1f}" y="{PANEL_H - BOTTOM + 13}" text-anchor="middle" '
            f'font-size="10">{year.year}</text>',
        ]
    parts.append("</g>")
    return parts


def ratios_svg(years: list[YearRatios], norms: dict) -> str:
    """The chart as an inline SVG element (safe to mark safe: every text is escaped)."""
    panels = [
        ("solvency", [float(norms["solvency_norm_percent"])]),
        ("general-reserve", [float(norms["general_reserve_minimum"])]),
        (
            "continuity",
            [float(norms["continuity_months_min"]), float(norms["continuity_months_max"])],
        ),
    ]
    width = len(panels) * (PANEL_W + 20)
    body = []
    for index, (key, lines) in enumerate(panels):
        body += _panel(index, key, years, lines)
    # The accessible name of the chart, on the page and as the PDF figure's alternative text.
    title = escape(_("Chart: solvency, general reserve and continuity per year against the norms"))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {PANEL_H}" '
        f'width="{width}" height="{PANEL_H}" role="img" font-family="sans-serif">'
        + f"<title>{title}</title>"
        + "".join(body)
        + "</svg>"
    )
