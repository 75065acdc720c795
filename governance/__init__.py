"""The supervisory board: commissioners, terms, the retirement roster and its meetings."""
