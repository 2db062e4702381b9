"""Accuracy of the position check on a labelled photo set (default: ../shared/eval-public).

Prints the balanced accuracy of `pose_recognized` against the `crp_pose` label, the agreement and coverage of
each criterion where a label applies, and the view confusion matrix. Landmarks for every quarter turn are
cached in bench/out/ so rule changes can be measured in a second: pass --refresh after changing the estimator.

    python bench/eval_photos.py [DATA_DIR] [--height-cm N] [--refresh] [--turns 0,1,3] [--all-turns] [--show]
        [--compare-turns] [--photos as-is|mirrored|half]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crest.posture.landmarks import Pose
from crest.posture.plausibility import body_plausibility, most_plausible
from crest.posture.result import VIEWS, CheckResult
from crest.posture.rules import evaluate

DEFAULT_DATA = Path("/work/shared/eval-public")
CACHE_DIR = Path(__file__).parent / "out"
ALL_TURNS = (0, 1, 2, 3)

# labels.csv column -> criterion name
LABEL_COLUMNS = {
    "lying_on_back": "lying_on_back",
    "knees_bent_up": "knees_bent",
    "feet_flat": "feet_flat",
    "hips_down": "hips_down",
    "heel_distance": "heel_distance",
    "arms_down": "arms_below_shoulders",
    "head_down": "head_resting",
    "head_level": "head_level",
    "knee_width": "knee_width",
    "whole_body_visible": "whole_body_visible",
}
OK_LABELS = {"yes", "ok"}
ADJUST_LABELS = {"no", "too_far", "too_close", "tipped_back", "together", "splayed"}


def detect_all_turns(data_dir: Path, files: list[str], variant: str) -> dict[str, Any]:
    """Landmarks of every photo at every quarter turn, straight from the estimator.

    `variant` perturbs the photos first to see how steady the verdicts are: "mirrored" flips them left to
    right, "half" halves their resolution.
    """
    import cv2
    import numpy as np

    from crest.posture.estimator import PoseEstimator

    cache: dict[str, Any] = {}
    with PoseEstimator() as estimator:
        for name in files:
            bgr = cv2.imread(str(data_dir / "images" / name))
            rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
            if variant == "mirrored":
                rgb = np.ascontiguousarray(rgb[:, ::-1])
            elif variant == "half":
                rgb = cv2.resize(rgb, (rgb.shape[1] // 2, rgb.shape[0] // 2), interpolation=cv2.INTER_AREA)
            image = np.asarray(rgb, dtype=np.uint8)
            height, width = image.shape[:2]
            turns_found: dict[str, Any] = {}
            for turns in ALL_TURNS:
                pose = estimator.detect_turned(image, turns)
                turns_found[str(turns)] = None if pose is None else pose.to_json_list()
            cache[name] = {"width": width, "height": height, "turns": turns_found}
            print(f"detected {name}", file=sys.stderr)
    return cache


def load_landmarks(data_dir: Path, files: list[str], refresh: bool, variant: str) -> dict[str, Any]:
    suffix = "" if variant == "as-is" else f"-{variant}"
    cache_path = CACHE_DIR / f"landmarks-{data_dir.name}{suffix}.json"
    if cache_path.exists() and not refresh:
        cached: dict[str, Any] = json.loads(cache_path.read_text())
        if all(name in cached for name in files):
            return cached
    cache = detect_all_turns(data_dir, files, variant)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(cache))
    return cache


def chosen_pose(entry: dict[str, Any], turns_allowed: tuple[int, ...], fallback: bool) -> Pose | None:
    """The estimator's choice: the first turn's body if found (with `fallback`), else the most plausible."""
    candidates = []
    for turns in turns_allowed:
        items = entry["turns"][str(turns)]
        if items is not None:
            candidates.append((turns, Pose.from_json_list(items, entry["width"], entry["height"])))
    if fallback and candidates and candidates[0][0] == turns_allowed[0]:
        return candidates[0][1]
    chosen = most_plausible(candidates)
    return None if chosen is None else chosen[1]


def label_status(value: str) -> str | None:
    if value in OK_LABELS:
        return "ok"
    if value in ADJUST_LABELS:
        return "adjust"
    return None


def balanced_accuracy(pairs: list[tuple[bool, bool]]) -> float:
    positives = [predicted for predicted, truth in pairs if truth]
    negatives = [not predicted for predicted, truth in pairs if not truth]
    rates = [sum(group) / len(group) for group in (positives, negatives) if group]
    return sum(rates) / len(rates)


@dataclass
class Scores:
    """How one estimator setting and the rules fare against the labels."""

    recognized: list[tuple[bool, bool]] = field(default_factory=list)
    agreement: dict[str, list[bool]] = field(
        default_factory=lambda: {criterion: [] for criterion in LABEL_COLUMNS.values()}
    )
    labelled: Counter[str] = field(default_factory=Counter)
    views: Counter[tuple[str, str]] = field(default_factory=Counter)
    found: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def all_agreement(self) -> list[bool]:
        return [outcome for outcomes in self.agreement.values() for outcome in outcomes]


def score(
    rows: list[dict[str, str]],
    cache: dict[str, Any],
    turns_allowed: tuple[int, ...],
    fallback: bool,
    height_cm: float | None,
) -> Scores:
    scores = Scores()
    for row in rows:
        pose = chosen_pose(cache[row["file"]], turns_allowed, fallback)
        result: CheckResult | None = None if pose is None else evaluate(pose, height_cm)
        scores.found += pose is not None
        predicted = result is not None and result.pose_recognized
        scores.recognized.append((predicted, row["crp_pose"] == "yes"))
        view = "none" if result is None else result.view
        scores.views[(row["view"], view)] += 1
        flag = "" if predicted == (row["crp_pose"] == "yes") else "  RECOGNIZED WRONG"
        scores.mismatches.append(
            f"{row['file']} view {row['view']}->{view} crp {row['crp_pose']}->{predicted}{flag}"
        )
        for column, criterion in LABEL_COLUMNS.items():
            truth = label_status(row[column])
            if truth is None:
                continue
            scores.labelled[criterion] += 1
            status = "not_visible" if result is None else result.criterion(criterion).status
            if status == "not_visible":
                continue
            scores.agreement[criterion].append(status == truth)
            if status != truth:
                scores.mismatches.append(f"    {criterion}={status} (label {row[column]})")
    return scores


def print_report(scores: Scores, photos: int) -> None:
    accuracy = balanced_accuracy(scores.recognized)
    print(f"photos: {photos}  pose_recognized balanced accuracy: {accuracy:.3f}")
    print(f"{'criterion':22} {'agree':>6} {'verdicts':>9} {'labelled':>9} {'coverage':>9}")
    for criterion, outcomes in scores.agreement.items():
        labelled = scores.labelled[criterion]
        rate = f"{sum(outcomes) / len(outcomes):.3f}" if outcomes else "-"
        coverage = len(outcomes) / labelled if labelled else 0.0
        print(f"{criterion:22} {rate:>6} {len(outcomes):>9} {labelled:>9} {coverage:>9.2f}")
    outcomes = scores.all_agreement
    total_labelled = sum(scores.labelled.values())
    print(
        f"{'all criteria':22} {sum(outcomes) / len(outcomes):>6.3f} {len(outcomes):>9} "
        f"{total_labelled:>9} {len(outcomes) / total_labelled:>9.2f}"
    )
    predicted_views = [*VIEWS, "none"]
    print("\nview confusion (rows: label, columns: predicted)")
    print(f"{'':10}" + "".join(f"{view:>9}" for view in predicted_views))
    for label_view in VIEWS:
        counts = [scores.views[(label_view, view)] for view in predicted_views]
        if sum(counts):
            print(f"{label_view:10}" + "".join(f"{count:>9}" for count in counts))


def print_turn_comparison(rows: list[dict[str, str]], cache: dict[str, Any], height_cm: float | None) -> None:
    """Landmark quality by quarter turns: bodies found, their plausibility, what the rules make of them."""
    settings: list[tuple[str, tuple[int, ...], bool]] = [
        *((f"turned {turns} only", (turns,), False) for turns in ALL_TURNS),
        ("as taken, turns 1/3 if nobody", (0, 1, 3), True),
        ("most plausible of 0/1/3", (0, 1, 3), False),
        ("most plausible of 0/1/2/3", ALL_TURNS, False),
    ]
    print(
        f"\n{'estimator setting':32} {'found':>6} {'plausible':>10} {'bal.acc':>8} {'agree':>6}"
        f" {'verdicts':>9}"
    )
    for label, turns_allowed, fallback in settings:
        scores = score(rows, cache, turns_allowed, fallback, height_cm)
        poses = [chosen_pose(cache[row["file"]], turns_allowed, fallback) for row in rows]
        plausible = [body_plausibility(pose) for pose in poses if pose is not None]
        outcomes = scores.all_agreement
        print(
            f"{label:32} {scores.found:>6} {sum(plausible) / len(plausible):>10.3f} "
            f"{balanced_accuracy(scores.recognized):>8.3f} {sum(outcomes) / len(outcomes):>6.3f}"
            f" {len(outcomes):>9}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--height-cm", type=float, default=None)
    parser.add_argument("--refresh", action="store_true", help="run the estimator again instead of the cache")
    parser.add_argument(
        "--turns", default="0,1,3", help="quarter turns the estimator may use (default 0,1,3)"
    )
    parser.add_argument(
        "--all-turns",
        action="store_true",
        help="pick among all turns always, not only when the first finds nobody",
    )
    parser.add_argument("--show", action="store_true", help="print every photo's verdicts next to its labels")
    parser.add_argument(
        "--photos",
        choices=("as-is", "mirrored", "half"),
        default="as-is",
        help="perturb the photos first (mirrored left-right, or half resolution): how steady are verdicts?",
    )
    parser.add_argument(
        "--compare-turns", action="store_true", help="compare quarter-turn settings side by side"
    )
    args = parser.parse_args()

    with (args.data_dir / "labels.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    cache = load_landmarks(args.data_dir, [row["file"] for row in rows], args.refresh, args.photos)
    turns_allowed = tuple(int(part) for part in args.turns.split(","))
    scores = score(rows, cache, turns_allowed, not args.all_turns, args.height_cm)
    if args.show:
        print("\n".join(scores.mismatches))
    print_report(scores, len(rows))
    if args.compare_turns:
        print_turn_comparison(rows, cache, args.height_cm)


if __name__ == "__main__":
    main()
