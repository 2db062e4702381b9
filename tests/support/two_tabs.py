"""Two tabs of one browser on the same edit page, for the tests of a save sent from the older one."""

import re
from collections.abc import Callable
from typing import Any


def saved_first_in_a_newer_tab(
    older: Any, address: str, change: Callable[[Any], None], save: str, lands_on: str
) -> None:
    """Opens `address` in `older`, then in a newer tab beside it, which makes `change`, presses the button named
    `save` and lands on `lands_on` (a pattern of its address): `older` still shows the page as it was first opened."""
    newer = older.context.new_page()
    for tab in (older, newer):
        tab.goto(address)
    change(newer)
    newer.get_by_role("button", name=save).click()
    newer.wait_for_url(re.compile(lands_on))
