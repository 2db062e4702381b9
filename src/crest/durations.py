"""Time rested, written one way everywhere a person reads it: the terminal, the pages, the journal and the API."""


def rested_text(seconds: int) -> str:
    """'14 min 30 s', '15 min', '9 s': whole minutes and seconds, a zero part left out (0 is '0 s')."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    return f"{minutes} min" if minutes else f"{rest} s"
