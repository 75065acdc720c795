"""The supervisory board (RvC): commissioners and their terms, the retirement roster and its
alerts, the board's composition, its meetings' attendance, remuneration under the WNT,
appointments and the yearly self-evaluation.

Other apps use `governance.services`, `governance.selectors` and `governance.constants` only.
"""
