"""The removal page's count of who a removal leaves unfollowed, in every case the numbers can take; a client another
practitioner here follows too stays followed (walk_practice M1)."""

from __future__ import annotations

import pytest

from crest.services.practice_mode import Caseload
from crest.web.pages.practice_pages import _caseload_words


@pytest.mark.parametrize(
    ("caseload", "said"),
    [
        (Caseload(0, 0, 0), "Pat follows no client now."),
        (
            Caseload(3, 0, 0),
            "Pat follows 3 clients, none with an alert waiting. Once removed, nobody here follows them:",
        ),
        (
            Caseload(3, 1, 0),
            "Pat follows 3 clients; 1 has an alert nobody has acknowledged. Once removed, nobody here follows them or "
            "sees those alerts: ask Pat to hand them on first;",
        ),
        (
            Caseload(4, 2, 1),
            "Pat follows 4 clients; 2 have an alert nobody has acknowledged, 1 of them critical (severe pain, a red "
            "flag or a warning sign).",
        ),
        # a client another practitioner here follows too stays followed: neither counted nor warned of
        (
            Caseload(2, 0, 0, followed_by_others=2),
            "Pat follows 2 clients; another practitioner here follows each of them too, and keeps seeing their "
            "records and alerts.",
        ),
        (
            Caseload(3, 1, 1, followed_by_others=1),
            "Pat follows 3 clients; another practitioner here follows 1 of them too, and keeps seeing their records "
            "and alerts. Pat alone follows the other 2 clients; 1 has an alert nobody has acknowledged (critical: "
            "severe pain, a red flag or a warning sign). Once removed, nobody here follows them or sees those alerts",
        ),
        (
            Caseload(2, 0, 0, followed_by_others=1),
            "Pat alone follows the other client, none with an alert waiting. Once removed, nobody here follows this "
            "client:",
        ),
    ],
)
def test_the_removal_page_counts_clients_and_waiting_alerts_in_plain_words(caseload: Caseload, said: str) -> None:
    assert said in _caseload_words("Pat", caseload)
