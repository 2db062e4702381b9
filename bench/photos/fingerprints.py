"""Fingerprints of the labelled photos, to find copies of them among new photos without the photos themselves.

A held-out part is worth something only if none of its photos is a copy of one the rules were tuned on; the same
picture turns up on many sites, cropped, resized or recompressed. Comparing against the earlier photos needs them,
and most cannot be committed (no licence) nor always rebuilt (their 507 sources are more than a session may
fetch). So each photo's perceptual hash is committed instead, in fingerprints.csv: 64 bits from the lowest
frequencies of its 32x32 grey thumbnail (the cosine transform's top-left 8x8, each above or below their median),
as taken and mirrored. That is no picture (nothing can be drawn from 64 bits), and it survives resizing and
recompression: copies measured here are 0-4 bits apart (`a001`/`o064`, `m029`/`a007`, `x016`/`z016` cropped),
different photos of one session 4-14, unrelated photos mostly more. It does not survive a tight crop; the
thumbnails looked at by eye remain the check for those.

    python bench/photos/fingerprints.py build            # every labelled photo whose image is here
    python bench/photos/fingerprints.py check FOLDER [--within 10]   # new photos against them and each other

`check` prints each pair within `--within` bits, closest first, to be looked at side by side before numbering.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

HERE = Path(__file__).resolve().parent
FINGERPRINTS = HERE / "fingerprints.csv"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp"}
# Copies measured 0-4 bits apart, photos of one session 4-14: 10 shows every copy and a few look-alikes.
LOOK_WITHIN_BITS = 10


@dataclass(frozen=True)
class Fingerprint:
    name: str  # `set/file` for a labelled photo, the path for a new one
    as_taken: int
    mirrored: int

    def bits_from(self, other: Fingerprint) -> int:
        """How many bits apart, either way round: a mirrored copy is a copy."""
        return min(_bits(self.as_taken ^ other.as_taken), _bits(self.as_taken ^ other.mirrored))


def _bits(value: int) -> int:
    return bin(value).count("1")


def perceptual_hash(grey: NDArray[np.uint8]) -> int:
    thumbnail = cv2.resize(grey, (32, 32), interpolation=cv2.INTER_AREA).astype(np.float32)
    lowest = cv2.dct(thumbnail)[:8, :8].flatten()
    above = lowest > np.median(lowest)
    return int("".join("1" if bit else "0" for bit in above), 2)


def fingerprint_of(path: Path, name: str) -> Fingerprint | None:
    grey = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    if grey is None:
        return None
    return Fingerprint(name, perceptual_hash(grey), perceptual_hash(np.ascontiguousarray(grey[:, ::-1])))


def read_committed() -> dict[str, Fingerprint]:
    if not FINGERPRINTS.exists():
        return {}
    with FINGERPRINTS.open(newline="") as handle:
        return {
            f"{row['set']}/{row['file']}": Fingerprint(
                f"{row['set']}/{row['file']}", int(row["as_taken"], 16), int(row["mirrored"], 16)
            )
            for row in csv.DictReader(handle)
        }


def build() -> None:
    import eval_photos

    # Rows whose image is not here keep the fingerprint committed before.
    kept = read_committed()
    for set_name, photo_set in eval_photos.SETS.items():
        for row in photo_set.rows():
            path = photo_set.image(row["file"])
            found = None if path is None else fingerprint_of(path, f"{set_name}/{row['file']}")
            if found is not None:
                kept[found.name] = found
    with FINGERPRINTS.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["set", "file", "as_taken", "mirrored"])
        for name in sorted(kept):
            set_name, file = name.split("/", 1)
            writer.writerow([set_name, file, f"{kept[name].as_taken:016x}", f"{kept[name].mirrored:016x}"])
    print(f"{len(kept)} fingerprints in {FINGERPRINTS.name}")


def close_pairs(new: list[Fingerprint], labelled: list[Fingerprint], within: int) -> list[tuple[int, str, str]]:
    """Every pair of a new photo with a labelled one or with another new one, within `within` bits."""
    pairs = [(one.bits_from(other), one.name, other.name) for one in new for other in labelled]
    pairs += [(one.bits_from(other), one.name, other.name) for one, other in combinations(new, 2)]
    return sorted(pair for pair in pairs if pair[0] <= within)


def check(folder: Path, within: int) -> None:
    files = sorted(path for path in folder.iterdir() if path.suffix.lower() in IMAGE_SUFFIXES)
    new = [found for path in files if (found := fingerprint_of(path, str(path))) is not None]
    unread = len(files) - len(new)
    for bits, one, other in close_pairs(new, list(read_committed().values()), within):
        print(f"{bits:2} bits  {one}  {other}")
    print(f"{len(new)} new photos checked" + (f", {unread} could not be read" if unread else ""), file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="fingerprint every labelled photo whose image is here")
    checking = commands.add_parser("check", help="new photos against the labelled ones and each other")
    checking.add_argument("folder", type=Path)
    checking.add_argument("--within", type=int, default=LOOK_WITHIN_BITS, help="bits apart to show (default 10)")
    args = parser.parse_args()
    if args.command == "build":
        sys.path.insert(0, str(HERE.parent))
        build()
    elif not args.folder.is_dir():
        raise SystemExit(f"no folder {args.folder}")
    else:
        check(args.folder, args.within)


if __name__ == "__main__":
    main()
