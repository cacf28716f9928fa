"""Events: the list, an event\x27s page, the sign-in desk and keying back paper sheets."""
