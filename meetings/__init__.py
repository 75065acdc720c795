"""Meetings of the association's bodies: agendas, annexes, minutes, action and decision lists."""
