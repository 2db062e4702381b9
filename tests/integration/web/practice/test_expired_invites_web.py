"""An invitation whose link ran out stays on the practitioner's list, "expired on <date>", until they send a new one
in its place or withdraw it: it used to drop off without a word, so a practitioner could not tell that a client never
joined (practice walk-through L1). One used or withdrawn leaves the list, as before."""

from __future__ import annotations

import re

from fastapi import FastAPI

from support.practice_web import World, browser, sign_in

PAT = "pat@clinic.example"
DAY = 24 * 3600


def _listed(html: str) -> list[str]:
    """The list's rows as read, without the words only a screen reader hears."""
    section = html.split('id="open-invites-heading"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<li[^>]*>(.*?)</li>", section, re.S)
    plain = (re.sub(r'<span class="visually-hidden">.*?</span>', "", row) for row in rows)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in plain]


def _invite(app: FastAPI, token: str, email: str) -> int:
    with browser(app, token) as pat:
        made = pat.post("/api/practice/invites", json={"role": "client", "email": email})
        assert made.status_code == 201
    with browser(app, token) as pat:
        return int(next(one["id"] for one in pat.get("/api/practice/invites").json() if one["email"] == email))


def test_an_expired_invitation_stays_listed_until_sent_anew_or_withdrawn(app: FastAPI, world: World) -> None:
    pat_token = sign_in(app, PAT)
    cal = _invite(app, pat_token, "cal@example.org")
    dee = _invite(app, pat_token, "dee@example.org")
    world.clock.advance(15 * DAY)  # both ran out: neither Cal nor Dee joined
    pat_token = sign_in(app, PAT)
    eve = _invite(app, pat_token, "eve@example.org")
    with browser(app, pat_token) as pat:
        rows = _listed(pat.get("/practice").text)
        for email in ("cal@example.org", "dee@example.org"):
            (row,) = (row for row in rows if row.startswith(f"For {email}"))
            assert re.search(r"expired on \d\d \w{3} \d{4} ?, never used Send a new one Withdraw…$", row)
        assert any(row.startswith("For eve@example.org") and "works until" in row for row in rows)
        assert {one["id"] for one in pat.get("/api/practice/invites").json()} >= {cal, dee, eve}

        # Cal: a new link in its place, shown once; the expired one leaves the list
        pat.follow_redirects = False
        renewed = pat.post(f"/practice/invites/{cal}/renew")
        assert renewed.status_code == 303 and renewed.headers["location"] == "/practice"
        pat.follow_redirects = True
        page = pat.get("/practice").text
        new_link = re.search(r"/invite/[\w-]+", page)
        assert new_link is not None
        rows = _listed(page)
        assert [row for row in rows if row.startswith("For cal@example.org")] == [
            next(row for row in rows if row.startswith("For cal@example.org") and "works until" in row)
        ]
        listed = pat.get("/api/practice/invites").json()
        assert cal not in {one["id"] for one in listed}
        assert [one["email"] for one in listed].count("cal@example.org") == 1

        # Dee: withdrawn, after a page that says it had expired
        asking = pat.get(f"/practice/invites/{dee}/withdraw").text
        assert "for dee@example.org expired on" in asking and "withdrawn, it leaves your list" in asking
        assert pat.post(f"/practice/invites/{dee}/withdraw").status_code == 200
        assert not any(row.startswith("For dee@example.org") for row in _listed(pat.get("/practice").text))
        assert pat.get(f"/practice/invites/{dee}/withdraw").status_code == 404
        assert pat.post(f"/practice/invites/{dee}/renew").status_code == 404  # nothing left to send again

    with browser(app) as cal_browser:  # the new link works for Cal
        assert cal_browser.get(new_link[0]).status_code == 200


def test_a_colleague_cannot_send_anew_someone_elses_invitation(app: FastAPI, world: World) -> None:
    cal = _invite(app, sign_in(app, PAT), "cal@example.org")
    world.clock.advance(15 * DAY)
    with browser(app, sign_in(app, "sam@clinic.example")) as sam:  # a colleague does not find it
        assert sam.post(f"/practice/invites/{cal}/renew").status_code == 404
    with browser(app, sign_in(app, PAT)) as pat:
        assert any(one["id"] == cal for one in pat.get("/api/practice/invites").json())
