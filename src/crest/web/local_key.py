"""The key that lets the person who runs `crest serve`, and nobody else on this computer, into the local app.

Every account of a computer may connect to 127.0.0.1: without a key, another user of a shared computer read and
changed the journal through the running app, although its files are readable by their owner only. `crest serve`
keeps one key in crest's folder (the owner's alone; kept across starts, so that a bookmark goes on working), gives
the app's address with it (`/?key=...`), and the app (crest.web.guard) answers only requests that carry it.

The browser is sent there through a page written in crest's folder, never with the key on its command line, which
every account of the computer can read (`ps`).
"""

import html
import re
import secrets
import tempfile
from contextlib import suppress
from pathlib import Path

from crest.private_files import FileExists, FileNotWritable, make_private_folder, write_private_file

KEY_FILE = "web-key"
OPENING_PAGE = "open-crest.html"
KEY_PARAMETER = "key"
# What `secrets.token_urlsafe(32)` makes: 256 random bits. Anything else in the file (emptied, edited) is replaced.
KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def key_for(home: Path) -> str:
    """The key kept in `home` (crest's folder), made at the first start. A folder crest may only read (a backup's,
    whose journal it opens to read): a key for this run only."""
    path = home / KEY_FILE
    try:
        make_private_folder(home)
        with suppress(FileExists):  # an earlier start made it
            write_private_file(path, secrets.token_urlsafe(32), overwrite=False)
        key = path.read_text(encoding="ascii", errors="replace").strip()
        if KEY_SHAPE.fullmatch(key) is None:
            key = secrets.token_urlsafe(32)
            write_private_file(path, key)
    except (OSError, FileNotWritable):
        return secrets.token_urlsafe(32)
    return key


def with_key(url: str, key: str) -> str:
    """`http://127.0.0.1:8765/` -> `http://127.0.0.1:8765/?key=KEY`: where the browser gets in."""
    return f"{url}?{KEY_PARAMETER}={key}"


def opening_page(home: Path, keyed_url: str) -> Path:
    """A page in `home` (else, where crest may only read, in a new folder of the owner's alone) that sends the
    browser on to `keyed_url`: what `crest serve` opens."""
    address = html.escape(keyed_url)
    text = (
        '<!doctype html><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0;url={address}"><title>crest</title>'
        f'<p><a href="{address}">Open crest</a></p>\n'
    )
    try:
        write_private_file(home / OPENING_PAGE, text)
    except FileNotWritable:
        page = Path(tempfile.mkdtemp(prefix="crest-")) / OPENING_PAGE  # mkdtemp's folder is 0700
        write_private_file(page, text)
        return page
    return home / OPENING_PAGE
