"""A file the position check cannot use is refused in the same one line by `crest check` and by the web page (the
API, and the page without its script), from the one service that words it: never a traceback, never a 500."""

import html
import json
import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crest.posture.media import MediaKind, sniff_kind
from crest.web.api.check import VIDEO_NEEDS_SCRIPT
from crest.web.app import create_app
from support.answered import answer_no_to_all, answer_no_to_all_in_the_browser
from support.media import IN_POSITION_PHOTO, write_h264

SRC = Path(__file__).resolve().parents[3] / "src"


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header says it is `width` x `height` pixels (a few bytes of data follow)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = chunk(b"IDAT", zlib.compress(b"\0" * 64))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + data + chunk(b"IEND", b"")


def _video_with_damaged_frames(folder: Path) -> bytes:
    """An H.264 MP4 whose index is whole and whose frames are noise: it opens, and no frame decodes."""
    whole = folder / "whole.mp4"
    write_h264(whole, 3, 8, index_first=True)
    data = bytearray(whole.read_bytes())
    frames_from = data.find(b"mdat") + 8
    data[frames_from:] = bytes((index * 7) & 0xFF for index in range(frames_from, len(data)))
    return bytes(data)


def _bad_files(folder: Path) -> dict[str, bytes]:
    return {
        "notes.jpg": b"I lay down for 15 minutes and felt better.\n",  # not an image, named as one
        "cut.jpg": IN_POSITION_PHOTO.read_bytes()[:20_000],  # a truncated JPEG
        "IMG_1234.jpg": b"",  # an empty file
        "clip.mp4": b"not a video at all",  # a video it cannot open
        "rest.mp4": _video_with_damaged_frames(folder),  # a video whose frames it cannot decode
        "huge.png": _png_claiming(30_000, 30_000),  # a picture too large to decode
    }


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, bytes]:
    return _bad_files(tmp_path)


def _terminal_lines(folder: Path, files: dict[str, bytes], home: Path) -> dict[str, str]:
    """`crest check` on every file at once: each refusal's line, by file name."""
    for name, data in files.items():
        (folder / name).write_bytes(data)
    answer_no_to_all(home)
    # Wide enough that no line wraps: each refusal is one line as the terminal prints it.
    env = {**os.environ, "PYTHONPATH": str(SRC), "CREST_HOME": str(home), "COLUMNS": "400"}
    process = subprocess.run(
        [sys.executable, "-m", "crest", "check", *(str(folder / name) for name in files)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )
    assert process.returncode == 2
    assert "Traceback" not in process.stderr + process.stdout
    lines = process.stderr.splitlines()
    assert len(lines) == len(files)  # one line each, nothing more
    return {name: next(line for line in lines if line.startswith(f"crest: {name}: ")) for name in files}


def test_each_bad_file_gets_the_same_one_line_in_the_terminal_and_the_browser(
    tmp_path: Path, bad_files: dict[str, bytes]
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    terminal = _terminal_lines(folder, bad_files, tmp_path / "home")
    app = create_app(f"sqlite:///{tmp_path / 'web.db'}")
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        answer_no_to_all_in_the_browser(client)
        for name, data in bad_files.items():
            answer = client.post("/api/check", files={"file": (name, data, "application/octet-stream")})
            assert answer.status_code == 422, (name, answer.text)
            detail = answer.json()["detail"]
            assert "\n" not in detail
            assert terminal[name] == f"crest: {detail}"
            # The page's script asks for the answer as it goes: refused at once, or its last line once under way.
            as_it_goes = client.post(
                "/api/check",
                files={"file": (name, data, "application/octet-stream")},
                headers={"Accept": "application/x-ndjson"},
            )
            last = json.loads(as_it_goes.text.splitlines()[-1])
            under_way = as_it_goes.status_code == 200
            assert last == ({"type": "error", "detail": detail} if under_way else {"detail": detail})
            # The page without its script says the same words, as a sentence; a video it leaves to the script.
            page = client.post("/check", files={"file": (name, data, "application/octet-stream")})
            assert page.status_code == 422
            shown = re.search(r'id="check-page-error"[^>]*>(.*?)</p>', page.text, re.S)
            assert shown is not None, name
            is_video = sniff_kind(data) is MediaKind.VIDEO
            expected = f"{name}: {VIDEO_NEEDS_SCRIPT}" if is_video else detail
            assert html.unescape(shown.group(1)).rstrip(".") == expected.rstrip(".")
