"""Two ways to drive a page through the same journey: with the mouse (Playwright's clicks and
fills), and with the keyboard only (Tab to the control, then Enter, Space, arrows or typing),
which also checks that every control it reaches shows where the focus is."""

from __future__ import annotations

import datetime

_FOCUSED_MATCHES = r"""([css, text]) => {
  const el = document.activeElement;
  if (!el || el === document.body || !el.matches(css)) return false;
  if (!text) return true;
  // textContent: a visually hidden part of a name ("Bijlage: 4. Jaarrekening") counts too.
  const said = [el.textContent, el.value, el.getAttribute('aria-label')].join(' ')
    .replace(/\s+/g, ' ').toLowerCase();
  return said.includes(text.toLowerCase());
}"""

_FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || (style.boxShadow && style.boxShadow !== 'none');
}"""


class Mouse:
    """Clicks and fills, as most people use the portal."""

    keyboard = False

    def __init__(self, page):
        self.page = page

    def _find(self, css: str, text: str | None):
        locator = self.page.locator(css, has_text=text) if text else self.page.locator(css)
        return locator.first

    def press(self, css: str, text: str | None = None) -> None:
        self._find(css, text).click()

    def fill(self, css: str, value: str) -> None:
        self.page.fill(css, value)

    def date(self, css: str, value: datetime.date) -> None:
        self.page.fill(css, value.isoformat())

    def select(self, css: str, value: str) -> None:
        self.page.select_option(css, value)

    def check(self, css: str) -> None:
        self.page.check(css)

    def radio(self, name: str, value: str) -> None:
        self.page.check(f"input[name={name}][value={value}]")

    def upload(self, css: str, path) -> None:
        self.page.set_input_files(css, str(path))


class Keyboard:
    """The keyboard only: Tab (forward, wrapping) until the wanted control has the focus, and
    that control must show its focus; then the key a keyboard user would press."""

    keyboard = True

    def __init__(self, page, limit: int = 250):
        self.page = page
        self.limit = limit
        self.unseen_focus: list[str] = []  # controls that took the focus without showing it

    def focus(self, css: str, text: str | None = None) -> None:
        for _ in range(self.limit):
            if self.page.evaluate(_FOCUSED_MATCHES, [css, text]):
                if not self.page.evaluate(_FOCUS_SHOWN):
                    self.unseen_focus.append(f"{self.page.url} {css} {text or ''}")
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {css} {text or ''} on {self.page.url}")

    def press(self, css: str, text: str | None = None) -> None:
        self.focus(css, text)
        self.page.keyboard.press("Enter")

    def fill(self, css: str, value: str) -> None:
        self.focus(css)
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Backspace")
        self.page.keyboard.type(value)

    def date(self, css: str, value: datetime.date) -> None:
        """Typed into the field's parts in the order the browser shows them (dd-mm-jjjj in a
        Dutch Chromium, mm/dd/yyyy in an American one: it follows the system's locale)."""
        self.focus(css)
        for order in ("%d%m%Y", "%m%d%Y"):
            self.page.keyboard.type(value.strftime(order))  # each part moves on to the next
            if self.page.evaluate("() => document.activeElement.value") == value.isoformat():
                return
            self.page.keyboard.press("ArrowLeft")  # from the year back to the first part
            self.page.keyboard.press("ArrowLeft")
        raise AssertionError(f"could not type {value} into {css}")

    def select(self, css: str, value: str) -> None:
        self.focus(css)
        self.page.keyboard.press("Home")
        for _ in range(60):
            if self.page.evaluate("() => document.activeElement.value") == value:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"no option {value} in {css}")

    def check(self, css: str) -> None:
        self.focus(css)
        if not self.page.evaluate("() => document.activeElement.checked"):
            self.page.keyboard.press("Space")

    def radio(self, name: str, value: str) -> None:
        """Into the group with Tab, then the arrow keys to the choice (they check it)."""
        self.focus(f"input[name={name}]")
        for _ in range(6):
            if self.page.evaluate("() => document.activeElement.value") == value:
                self.page.keyboard.press("Space")
                return
            self.page.keyboard.press("ArrowRight")
        raise AssertionError(f"no choice {value} in {name}")

    def upload(self, css: str, path) -> None:
        self.focus(css)
        with self.page.expect_file_chooser() as chooser:
            self.page.keyboard.press("Space")
        chooser.value.set_files(str(path))
