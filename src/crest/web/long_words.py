"""Where a name's too-long word may break: people's names are their own, and one word may be longer than a narrow
column can ever hold ("Wolfeschlegelsteinhausenbergerdorff"). Such a word gets soft hyphens, where the browser breaks
it, with a hyphen shown, only if the line needs it; every other word breaks only between words (the page's CSS says
`overflow-wrap: break-word`, never `anywhere`, so a column is never narrower than its longest such word).
Chromium has no hyphenation dictionary of its own here (`hyphens: auto` breaks nothing), hence the marks."""

import re

SOFT_HYPHEN = "\u00ad"
LONGEST_WORD = 24  # letters a column of a person's name always holds whole (about 14rem)
PIECE = 12  # a longer word's pieces: it breaks after any of them


def with_break_points(text: str) -> str:
    """`text` with a soft hyphen after every PIECE letters of each word longer than LONGEST_WORD letters (the last
    piece never shorter than a few letters); shorter words as they are."""

    def pieces(word: re.Match[str]) -> str:
        letters = word.group()
        cuts = range(PIECE, len(letters) - PIECE // 3, PIECE)
        return SOFT_HYPHEN.join(
            letters[start:end] for start, end in zip((0, *cuts), (*cuts, len(letters)), strict=True)
        )

    return re.sub(rf"\w{{{LONGEST_WORD + 1},}}", pieces, text)
