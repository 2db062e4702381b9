"""The body heights crest takes, in cm, defined once: `crest check --height-cm`, the check's options, Settings and
its form all use this range, so a height one of them takes is never refused by another.

Adults' heights lie well inside it; outside it the body proportions the check uses to show distances in cm stop
holding, and a slip of the keyboard ("17" for 170) is likelier than a person of that height. Kept apart from the
rules so that the terminal can name the range in its help without loading them.
"""

SHORTEST_HEIGHT_CM = 100
TALLEST_HEIGHT_CM = 230
