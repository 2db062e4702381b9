"""Counts in words, one way everywhere a person reads them: "1 session", "2 check-ins", "3 sets of safety answers"."""


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """`number` and the noun that agrees with it; `plural` where adding an s would be wrong."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
