"""Accuracy of the position check on a labelled photo set (default: ../shared/eval-public).

Prints the balanced accuracy of `pose_recognized` against the `crp_pose` label, the agreement and coverage of
each criterion where a label applies, and the view confusion matrix. Landmarks for every quarter turn are
cached in bench/out/ so rule changes can be measured in a second: pass --refresh after changing the estimator.

    python bench/eval_photos.py [DATA_DIR] [--height-cm N] [--refresh] [--turns 0,1,3] [--all-turns] [--show]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from crest.posture.landmarks import Pose
from crest.posture.plausibility import most_plausible
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


def detect_all_turns(data_dir: Path, files: list[str]) -> dict[str, Any]:
    """Landmarks of every photo at every quarter turn, straight from the estimator."""
    import cv2

    from crest.posture.estimator import PoseEstimator

    cache: dict[str, Any] = {}
    with PoseEstimator() as estimator:
        for name in files:
            bgr = cv2.imread(str(data_dir / "images" / name))
            rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
            height, width = rgb.shape[:2]
            turns_found: dict[str, Any] = {}
            for turns in ALL_TURNS:
                pose = estimator.detect_turned(rgb, turns)
                turns_found[str(turns)] = None if pose is None else pose.to_json_list()
            cache[name] = {"width": width, "height": height, "turns": turns_found}
            print(f"detected {name}", file=sys.stderr)
    return cache


def load_landmarks(data_dir: Path, files: list[str], refresh: bool) -> dict[str, Any]:
    cache_path = CACHE_DIR / f"landmarks-{data_dir.name}.json"
    if cache_path.exists() and not refresh:
        cached: dict[str, Any] = json.loads(cache_path.read_text())
        if all(name in cached for name in files):
            return cached
    cache = detect_all_turns(data_dir, files)
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
    args = parser.parse_args()

    with (args.data_dir / "labels.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    cache = load_landmarks(args.data_dir, [row["file"] for row in rows], args.refresh)
    turns_allowed = tuple(int(part) for part in args.turns.split(","))

    recognized: list[tuple[bool, bool]] = []
    agreement: dict[str, list[bool]] = {criterion: [] for criterion in LABEL_COLUMNS.values()}
    labelled: Counter[str] = Counter()
    views: Counter[tuple[str, str]] = Counter()
    for row in rows:
        pose = chosen_pose(cache[row["file"]], turns_allowed, not args.all_turns)
        result: CheckResult | None = None if pose is None else evaluate(pose, args.height_cm)
        predicted = result is not None and result.pose_recognized
        recognized.append((predicted, row["crp_pose"] == "yes"))
        views[(row["view"], "none" if result is None else result.view)] += 1
        mismatches = []
        for column, criterion in LABEL_COLUMNS.items():
            truth = label_status(row[column])
            if truth is None:
                continue
            labelled[criterion] += 1
            status = "not_visible" if result is None else result.criterion(criterion).status
            if status == "not_visible":
                continue
            agreement[criterion].append(status == truth)
            if status != truth:
                mismatches.append(f"{criterion}={status} (label {row[column]})")
        if args.show:
            flag = "" if predicted == (row["crp_pose"] == "yes") else "  RECOGNIZED WRONG"
            view = "none" if result is None else result.view
            print(f"{row['file']} view {row['view']}->{view} crp {row['crp_pose']}->{predicted}{flag}")
            for mismatch in mismatches:
                print(f"    {mismatch}")

    print(f"photos: {len(rows)}  pose_recognized balanced accuracy: {balanced_accuracy(recognized):.3f}")
    print(f"{'criterion':22} {'agree':>6} {'verdicts':>9} {'labelled':>9} {'coverage':>9}")
    all_agree: list[bool] = []
    for criterion, outcomes in agreement.items():
        all_agree += outcomes
        rate = f"{sum(outcomes) / len(outcomes):.3f}" if outcomes else "-"
        coverage = len(outcomes) / labelled[criterion] if labelled[criterion] else 0.0
        print(f"{criterion:22} {rate:>6} {len(outcomes):>9} {labelled[criterion]:>9} {coverage:>9.2f}")
    total_labelled = sum(labelled.values())
    print(
        f"{'all criteria':22} {sum(all_agree) / len(all_agree):>6.3f} {len(all_agree):>9} "
        f"{total_labelled:>9} {len(all_agree) / total_labelled:>9.2f}"
    )
    predicted_views = [*VIEWS, "none"]
    print("\nview confusion (rows: label, columns: predicted)")
    print(f"{'':10}" + "".join(f"{view:>9}" for view in predicted_views))
    for label_view in VIEWS:
        counts = [views[(label_view, view)] for view in predicted_views]
        if sum(counts):
            print(f"{label_view:10}" + "".join(f"{count:>9}" for count in counts))


if __name__ == "__main__":
    main()
