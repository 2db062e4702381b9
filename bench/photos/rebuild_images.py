"""Rebuild $CREST_PHOTOS_DIR, the photos of the labelled sets that cannot be committed, from git mirrors.

Only the public-domain rows (yuhonas/free-exercise-db) live in bench/photos/images; every other row's image has no
licence and lives outside the repository, in $CREST_PHOTOS_DIR (default /work/data/crest-photos/images). When that
folder is lost it is rebuilt from the source each row names (`source_repo`, `source_path`), out of the bare git
mirrors that a session's `fetch` brings under /work/.mirror (one folder per repository, `owner+name/repo`, the
git directory being that folder or its `.git`).

- A picture is taken from the newest commit that holds its path (HEAD first, then the history of every ref) and
  saved as JPEG (quality 95) at its own size, whatever its format (JPEG, PNG, WebP, GIF, AVIF), as the sets were
  made: the first frame of an animation (or `pic.gif (frame 3 of 14)`), transparency flattened on white. A JPEG
  is decoded and encoded again, not copied: the landmarks, and so a few verdicts, move with invisible changes of
  the pixels (a JPEG copied as it is moved `fresh`'s balanced accuracy as taken from 0.809 to 0.725).
- A video frame (`clip.mp4 (frame at 3.8 s)` or `(frame at 10%)`, a share of the clip's length) is the frame that
  OpenCV's seek to that time (CAP_PROP_POS_MSEC) lands on, the time times the frame rate rounded half up, but
  read frame by frame from the start, so that no decoder's seek can land elsewhere; saved as JPEG (quality 95).
  `clip.mp4 (frame 33 of 85, at 1.10 s)` names the frame by its number from 0, read the same way.

Every labelled set beside this script is read (each *.csv with a `source_repo` column; fingerprints.csv holds
no sources). Rows that are public domain, or whose image is already there, are skipped.
One line is printed for each row that cannot be rebuilt, with the reason (a picture cut out of a larger one, for
example, says so in its path but not where), and a count at the end.

    python bench/photos/rebuild_images.py --mirrors /work/.mirror --out $CREST_PHOTOS_DIR [--force]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
from PIL import Image, ImageOps

HERE = Path(__file__).resolve().parent
PUBLIC_DOMAIN = "Unlicense"
JPEG_QUALITY = 95
FRAME = re.compile(r"^(?P<path>.+?) \(frame at (?P<at>[0-9.]+) ?(?P<unit>s|%)\)$")
# `clip.mp4 (frame 33 of 85, at 1.10 s)`: the frame's number counts, the time is for the reader.
VIDEO_FRAME = re.compile(r"^(?P<path>.+?) \(frame (?P<index>[0-9]+) of [0-9]+, at [0-9.]+ ?s\)$")
# `pic.gif (frame 3 of 14)`, or `pic.gif (commit 9db0f91, frame 0 of 115)` when a later commit replaced it.
PICTURE_FRAME = re.compile(
    r"^(?P<path>.+?) \((?:commit (?P<commit>[0-9a-f]{7,40}), )?frame (?P<index>[0-9]+) of [0-9]+\)$"
)
NOTE = re.compile(r"^.+? \((?P<note>[^)]*)\)$")


class RebuildError(Exception):
    """A row whose image cannot be rebuilt; the message says why."""


@dataclass(frozen=True)
class Row:
    set_name: str
    file: str
    repo: str
    source_path: str
    license: str


def read_rows(photos_dir: Path) -> list[Row]:
    rows: list[Row] = []
    for labels in sorted(photos_dir.glob("*.csv")):
        with labels.open(newline="") as handle:
            reader = csv.DictReader(handle)
            if "source_repo" not in (reader.fieldnames or ()):
                continue
            for line in reader:
                rows.append(Row(labels.stem, line["file"], line["source_repo"], line["source_path"], line["license"]))
    return rows


def git_dir(mirrors: Path, repo: str) -> Path:
    """The git directory `fetch` made for owner/name: mirrors/owner+name/repo, or its .git for a clone."""
    base = mirrors / repo.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    raise RebuildError(f"no mirror of {repo} under {mirrors} (call fetch github:{repo})")


def _git(directory: Path, *args: str) -> bytes:
    done = subprocess.run(["git", "--git-dir", str(directory), *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise RebuildError(done.stderr.decode(errors="replace").strip() or f"git {args[0]} failed")
    return done.stdout


def read_blob(directory: Path, path: str, commit: str | None = None) -> bytes:
    """The file at `commit` if named, else at HEAD, else at the newest commit of any ref that holds it."""
    try:
        data = _git(directory, "show", f"{commit or 'HEAD'}:{path}")
    except RebuildError:
        commits = _git(directory, "log", "--all", "--format=%H", "--", path).decode().split()
        for commit in commits:
            try:
                data = _git(directory, "show", f"{commit}:{path}")
                break
            except RebuildError:
                continue  # the commit deleted it
        else:
            raise RebuildError(f"{path} is in no commit of the mirror") from None
    if data.startswith(b"version https://git-lfs"):
        raise RebuildError(f"{path} is a Git LFS pointer; the mirror lacks its content")
    return data


def picture_to_jpeg(data: bytes, target: Path, frame: int = 0) -> None:
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if frame >= getattr(opened, "n_frames", 1):
                raise RebuildError(f"the picture has no frame {frame}")
            opened.seek(frame)
            image = ImageOps.exif_transpose(opened.copy())
    except RebuildError:
        raise
    except Exception as error:  # Pillow raises many kinds for a file it cannot read
        raise RebuildError(f"cannot decode the picture: {error}") from error
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    image.convert("RGB").save(target, "JPEG", quality=JPEG_QUALITY)


def frame_index(at: float, unit: str, fps: float, frame_count: int) -> int:
    """The frame OpenCV's seek lands on (CAP_PROP_POS_MSEC: milliseconds x frame rate, rounded half up)."""
    ms = at / 100 * frame_count / fps * 1000 if unit == "%" else at * 1000
    return min(int(ms * fps * 0.001 + 0.5), max(frame_count - 1, 0))


def video_frame_to_jpeg(data: bytes, target: Path, at: float = 0.0, unit: str = "s", index: int | None = None) -> None:
    """The frame at `at` (seconds or %), or the frame numbered `index` from 0, read frame by frame."""
    with tempfile.NamedTemporaryFile(suffix=".mp4") as clip:
        clip.write(data)
        clip.flush()
        capture = cv2.VideoCapture(clip.name)
        try:
            if not capture.isOpened():
                raise RebuildError("OpenCV cannot open the video")
            fps = capture.get(cv2.CAP_PROP_FPS)
            count = int(capture.get(cv2.CAP_PROP_FRAME_COUNT))
            if fps <= 0:
                raise RebuildError("the video gives no frame rate")
            wanted = frame_index(at, unit, fps, count) if index is None else index
            frame = None
            for _ in range(wanted + 1):
                ok, frame = capture.read()
                if not ok:
                    raise RebuildError(f"the video ends before frame {wanted} ({count} frames at {fps:.3f} fps)")
        finally:
            capture.release()
    if frame is None or not cv2.imwrite(str(target), frame, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY]):
        raise RebuildError("cannot write the frame")


def rebuild(row: Row, mirrors: Path, out: Path) -> None:
    directory = git_dir(mirrors, row.repo)
    video = FRAME.match(row.source_path)
    numbered = VIDEO_FRAME.match(row.source_path)
    picture = PICTURE_FRAME.match(row.source_path)
    note = NOTE.match(row.source_path)
    if not (video or numbered or picture) and note:
        raise RebuildError(f"'{note['note']}': the path does not say how the picture was made from its source")
    target = out / row.file
    partial = target.with_name(f".{row.file}.part.jpg")
    try:
        if video:
            data = read_blob(directory, video["path"])
            video_frame_to_jpeg(data, partial, float(video["at"]), video["unit"])
        elif numbered:
            video_frame_to_jpeg(read_blob(directory, numbered["path"]), partial, index=int(numbered["index"]))
        elif picture:
            data = read_blob(directory, picture["path"], picture["commit"])
            picture_to_jpeg(data, partial, int(picture["index"]))
        else:
            picture_to_jpeg(read_blob(directory, row.source_path), partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"), help="folder of the git mirrors")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(os.environ.get("CREST_PHOTOS_DIR", "/work/data/crest-photos/images")),
        help="the private image folder ($CREST_PHOTOS_DIR)",
    )
    parser.add_argument("--force", action="store_true", help="rebuild images that are already there")
    parser.add_argument("--only", default="", help="comma-separated file names to rebuild (default: every row)")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    only = {name for name in args.only.split(",") if name}
    rebuilt = present = public = failed = 0
    for row in read_rows(HERE):
        if only and row.file not in only:
            continue
        if row.license.startswith(PUBLIC_DOMAIN):
            public += 1
            continue
        if (args.out / row.file).is_file() and not args.force:
            present += 1
            continue
        try:
            rebuild(row, args.mirrors, args.out)
            rebuilt += 1
        except RebuildError as error:
            failed += 1
            print(f"{row.set_name} {row.file}: {row.repo} {row.source_path}: {error}")
    print(f"rebuilt {rebuilt}, already present {present}, public domain (in the repo) {public}, not rebuilt {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
