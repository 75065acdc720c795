"""People, log-in and roles: a small shared app, because every other app asks "who is this and
what may they do?" and none of them owns the answer."""
