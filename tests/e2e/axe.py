"""axe-core (installed from npm into node_modules, never a CDN) run inside a Playwright page:
the WCAG 2.0/2.1 A and AA rules, at the page's present size and at 200% text size."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' | ' + n.failureSummary),
    count: v.nodes.length,
  }));
}"""


def violations(page) -> list[dict]:
    """axe's violations on the page as it is now (the script is added once per document; the
    browser context must bypass the portal's CSP, which allows no inline script)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(_RUN, TAGS)


def text_200(page, on: bool = True) -> None:
    """200% text size, as a reader who sets the browser's default font size twice as large
    (Bootstrap sizes in rem, so the root's size scales the text)."""
    page.evaluate("on => { document.documentElement.style.fontSize = on ? '200%' : ''; }", on)


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it reflows)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def summary(found: list[dict]) -> dict[str, int]:
    return {v["id"]: v["count"] for v in found}
