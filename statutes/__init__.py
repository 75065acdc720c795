"""The association and the rules its statutes leave to it, in one place every app reads.

An app of its own, not part of the member register, because every context depends on the
statute settings (proxies per holder, decision rules, supervisory board terms, financial
norms) while few depend on the register: documents, governance and finance read the
association here without importing `members`. Its public surface is `selectors` (reads),
`services` (writes) and `constants` (the kinds of decision).
"""
