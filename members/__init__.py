"""The member register: members, their representatives and secretaries, and the association."""
