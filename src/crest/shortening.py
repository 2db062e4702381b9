"""What a person typed or named, cut short where crest repeats it (a question, a file's name): one rule, every door."""

ELLIPSIS = "…"


def shortened(text: str, most_characters: int) -> str:
    """`text` as it is when it has at most `most_characters` characters, else its start and "…" in that many."""
    if len(text) <= most_characters:
        return text
    return text[: most_characters - 1] + ELLIPSIS
