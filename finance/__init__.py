"""Annual accounts, budget and tariffs put to the general assembly."""
