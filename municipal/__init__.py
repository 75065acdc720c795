"""The member municipality's side of an assembly: the meeting pack per reader, the draft
decision note for the municipal executive, the executive's decision (entered once, it pre-fills
the proxy and shows as the member's mandate) and the package for the municipality's own Woo
publication."""
