"""How each threshold of the position check sits on the development photos: moved a little, does it do better?

Issue 13 asks that every threshold be revisited on the larger set. For each numeric constant of the rule modules
(the view, the trunk, the legs, the arms and head, the shared verdicts), this moves it to 0.8, 0.9, 1.1 and 1.2
times its value, one at a time, and measures the development photos pooled (every set but the held-out parts, from
the landmarks committed by bench/eval_photos.py, so it needs no image): the balanced accuracy of recognising the
position, and the agreement of the criteria with the labels. A threshold that a move improves by more than one
photo's worth is marked `<<`: a lead to study, not a change to take, since a move chosen on these photos says
nothing of photos never seen (held-out parts are left out, and must stay so).

A constant derived from another (a sine of an angle, say) is moved on its own; the one it comes from leaves it.

    python bench/threshold_sweep.py [--photos as-is,mirrored,half] [--only NAME,NAME]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from types import ModuleType

import eval_photos

import crest.posture.rules.frame as frame
import crest.posture.rules.legs as legs
import crest.posture.rules.trunk as trunk
import crest.posture.rules.upper as upper
import crest.posture.rules.verdicts as verdicts
import crest.posture.views as views

MODULES: tuple[ModuleType, ...] = (views, trunk, legs, upper, verdicts, frame)
FACTORS = (0.8, 0.9, 1.1, 1.2)


@dataclass(frozen=True)
class Figures:
    balanced_accuracy: float
    agreement: float
    found: int
    told_apart: int
    photos: int
    in_position: int

    def __str__(self) -> str:
        return f"{self.balanced_accuracy:.4f} / {self.agreement:.4f} ({self.found}; {self.told_apart})"


Loaded = list[tuple[list[dict[str, str]], dict[str, object]]]


def development(variants: list[str]) -> Loaded:
    """The rows and committed landmarks of every development set, for each variant."""
    loaded: Loaded = []
    for name, photo_set in eval_photos.SETS.items():
        if name in eval_photos.HELD_OUT or not photo_set.labels.exists():
            continue
        for variant in variants:
            loaded.append((photo_set.rows(), eval_photos.committed_landmarks(name, variant)))
    return loaded


def measure(loaded: Loaded) -> Figures:
    recognized: list[tuple[bool, bool]] = []
    agreement: list[bool] = []
    photos = 0
    for rows, found in loaded:
        scores = eval_photos.score(rows, found, None)
        photos += scores.photos
        recognized += scores.recognized
        agreement += scores.all_agreement
    return Figures(
        eval_photos.balanced_accuracy(recognized),
        sum(agreement) / len(agreement),
        sum(predicted for predicted, truth in recognized if truth),
        sum(not predicted for predicted, truth in recognized if not truth),
        photos,
        sum(truth for _, truth in recognized),
    )


def thresholds(only: set[str]) -> list[tuple[ModuleType, str, float]]:
    found: list[tuple[ModuleType, str, float]] = []
    for module in MODULES:
        for name, value in vars(module).items():
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            if name.isupper() and numeric and (not only or name in only):
                found.append((module, name, float(value)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", default="as-is", help="comma-separated: " + ",".join(eval_photos.VARIANTS))
    parser.add_argument("--only", default="", help="comma-separated constant names (default: every one)")
    args = parser.parse_args()
    loaded = development(args.photos.split(","))
    base = measure(loaded)
    # One photo's worth of balanced accuracy: a photo in the position moves it by half of one over their count,
    # and each photo is there once per variant.
    variants = len(args.photos.split(","))
    one_photo = 0.5 * variants / max(base.in_position, 1)
    print(f"development photos ({args.photos}): {base.photos}; balanced accuracy / agreement (found; told apart)")
    print(f"as they are: {base}")
    for module, name, value in thresholds({name for name in args.only.split(",") if name}):
        moved: list[str] = []
        better = False
        for factor in FACTORS:
            setattr(module, name, value * factor)
            try:
                figures = measure(loaded)
            finally:
                setattr(module, name, value)
            better |= figures.balanced_accuracy > base.balanced_accuracy + one_photo
            better |= figures.agreement > base.agreement + 0.002  # about 14 of the 6800 verdicts of one variant
            moved.append(f"x{factor}: {figures}")
        short_module = module.__name__.rsplit(".", 1)[-1]
        print(f"{short_module}.{name} = {value:g}{'  <<' if better else ''}\n    " + "\n    ".join(moved), flush=True)


if __name__ == "__main__":
    main()
