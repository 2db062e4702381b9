"""Accuracy of the position check on labelled photo sets, as taken, mirrored and at half resolution.

Sets (columns and meanings as in ../shared/eval-public/README.md):
- public:    ../shared/eval-public (58 photos; the rules were first fitted to these).
- added:     bench/photos/added.csv, the development part of the photos added for issue 13 (rules tuned on it).
- untouched: bench/photos/untouched.csv, photos from other sources; held out in rounds 1-3, development data since.
- fresh:     bench/photos/fresh.csv, a second part (108 photos); held out in rounds 2-3, development data since.
- fresh2:    bench/photos/fresh2.csv, 67 public-domain photos labelled before the fourth round.
- fresh3:    bench/photos/fresh3.csv, 4 sitting photos found by a later search.
- fresh4:    bench/photos/fresh4.csv, 99 photos from 57 new sources (22 in the position).
- fresh5:    bench/photos/fresh5.csv, 47 photos from 23 more new sources (14 in the position).
- fresh6:    bench/photos/fresh6.csv, 51 photos from 31 more new sources (19 in the position).
             fresh2-fresh6 were each labelled and committed before any rule ran on them and measured once as
             held-out parts (rounds 4-8); since round 9 their misses have been studied, so they are development.
- fresh7:    bench/photos/fresh7.csv, 62 photos from 43 more new sources (24 in the position), measured once as
             the held-out part of round 9; development since round 10.
- fresh8:    bench/photos/fresh8.csv, 59 photos from 38 more new sources (13 in the position), measured once as
             the held-out part of round 10; development since round 11.
- fresh9:    bench/photos/fresh9.csv, 81 photos from 53 more new sources (13 in the position), measured once as
             the held-out part of round 11; development since round 12.
- fresh10:   bench/photos/fresh10.csv, 53 photos from 26 more new sources (6 in the position), measured once as
             the held-out part of round 12; development since round 13.
- fresh11:   bench/photos/fresh11.csv, 61 photos from 34 more new sources (14 in the position), measured once as
             the held-out part of round 13; development since round 14.
- fresh12:   bench/photos/fresh12.csv, 64 photos from 36 more new sources (7 in the position), mostly views from
             an end, from high up and class photos; measured once as the held-out part of round 14; development
             since round 15.
- fresh13:   bench/photos/fresh13.csv, 67 photos from 34 more new sources (14 in the position), mostly side and
             oblique exercise photos and video frames; measured once as the held-out part of round 15; development
             since round 16.
- fresh14:   bench/photos/fresh14.csv, 106 photos from 68 more new sources (13 in the position): side and oblique
             exercise photos, studio, clinic and class photos; measured once as the held-out part of round 16;
             development since round 17.
- fresh15:   bench/photos/fresh15.csv, 92 photos from 53 more new sources (10 in the position): physiotherapy,
             pilates and gym sites in several languages, class photos; measured once as the held-out part of
             round 17; development since round 18.
- fresh16:   bench/photos/fresh16.csv, 90 photos from 54 more new sources (4 in the position): physiotherapy and
             osteopathy clinics in many countries, exercise and fall-detection videos, yoga, pilates and bodywork
             sites; measured once as the held-out part of round 19; development since round 20.
- fresh17:   bench/photos/fresh17.csv, 117 photos from 52 more new sources (4 in the position): clinic sites in
             other languages, fall-detection and exercise videos, yoga and pilates sites, exercise libraries;
             measured once as the held-out part of round 20; development since round 21.
- fresh18:   bench/photos/fresh18.csv, 66 photos from 28 more new sources (4 in the position): physiotherapy sites in
             other languages, exercise libraries and workout apps, pilates and back-school classes, shiatsu, massage
             and somatics sites; measured once as the held-out part of round 21; development since round 22.
- fresh19:   bench/photos/fresh19.csv, 148 photos from 31 more new sources (7 in the position): studio, clinic and
             yoga sites, yoga-pose sets, exercise and workout apps' clips, fall and hospital-bed pictures, pelvic-floor
             and back-care sites; measured once as the held-out part of round 22; development since round 23.
- fresh20:   bench/photos/fresh20.csv, 101 photos from 35 more new sources (10 in the position): physiotherapy sites
             in many languages and a hospital's rehabilitation videos, sit-up and fall-detection clips, yoga-pose sets
             and pilates sites, home-workout apps' clips; measured once as the held-out part of round 23; development
             since round 24.
- fresh21:   bench/photos/fresh21.csv, 107 photos from 49 more new sources (10 in the position): physiotherapy,
             osteopathy, massage and shiatsu sites in many languages and a hospital's leaflets, exercise clips and
             workout apps; measured once as the held-out part of round 24; development since round 25.
- fresh22:   bench/photos/fresh22.csv, 110 photos from 45 more new sources (23 in the position): physiotherapy and
             rehabilitation sites in many languages, yoga teachers' sites, exercise apps' pictures and clips (many
             from apps in Spanish, Portuguese and Russian); measured once as the held-out part of round 25; development
             since round 26.
- fresh23:   bench/photos/fresh23.csv, 84 photos from 38 more new sources (1 in the position): physiotherapy,
             chiropractic and seitai clinic sites in Japanese, Korean, Polish, Nordic and Spanish, pilates and yoga
             sites, fall-detection and movement clips; measured once as the held-out part of round 26; development
             since round 27.
- fresh24:   bench/photos/fresh24.csv, 24 photos from 16 more new sources (2 in the position): exercise apps and
             clinic galleries in Indonesian and Turkish, a Chinese fitness app, gym and pilates sites; measured once as
             the held-out part of round 27; development since round 28.
- fresh25:   bench/photos/fresh25.csv, 46 photos from 20 more new sources (1 in the position): exercise apps' home-made
             and studio clips, gym apps, pilates and yoga studios' own photos, stock photos on small sites; measured
             once as the held-out part of round 28; development since round 29.
--show-misses prints each photo in the position that the check does not find, with the criteria of the position
that refuse it (measure, target, confidence). Per-photo lines (--show, --show-misses) are printed for the held-out
parts only with --show-held-out, so that looking at them is a deliberate act, done once the rules are settled.
Public-domain images live in bench/photos/images; the others are read from $CREST_PHOTOS_DIR (default
/work/data/crest-photos/images) and never committed. A row with neither its image nor its landmarks is counted
and skipped.

The landmarks found in each photo are kept, committed, in bench/photos/landmarks/ (one gzipped JSON file per set
and variant: measurements, not pictures), so rule changes are measured in seconds, on a clone too, which has none
of the unlicensed images; a photo goes to the estimator only when its landmarks are not there yet. Pass --refresh
after changing the estimator (it needs every image). The photo is chosen as the service does: the body as taken
(turned copies only when nobody is found), then a second look with that body covered for another person (of two,
the one lying down is judged).

For each set and each variant it prints the balanced accuracy of `pose_recognized` against `crp_pose` (with
sensitivity and specificity), the agreement and coverage of each criterion where a label applies, how sure
the verdicts were, and the view confusion.

    python bench/eval_photos.py [--sets public,added,untouched] [--photos as-is,mirrored,half] [--show]
        [--show-misses] [--show-held-out] [--height-cm N] [--refresh]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crest.posture.landmarks import Pose
from crest.posture.people import is_another_person, person_to_check
from crest.posture.plausibility import most_plausible
from crest.posture.result import ON_BACK_FIRST, VIEWS, CheckResult
from crest.posture.rules import POSITION_CRITERIA, evaluate
from crest.posture.vocabulary import Criterion

HERE = Path(__file__).resolve().parent
PHOTOS = HERE / "photos"
# Committed: the photos' sources are 500-odd repositories, more than one session may fetch, so the images
# cannot always be rebuilt; the rules need only these.
LANDMARKS_DIR = PHOTOS / "landmarks"
PUBLIC = Path(os.environ.get("CREST_EVAL_PUBLIC", "/work/shared/eval-public"))
PRIVATE_IMAGES = Path(os.environ.get("CREST_PHOTOS_DIR", "/work/data/crest-photos/images"))
PHOTO_TURNS = (0, 1, 3)  # as the estimator: as taken, then the two sideways turns if nobody is found
VARIANTS = ("as-is", "mirrored", "half")

# labels.csv column -> criterion
LABEL_COLUMNS: dict[str, Criterion] = {
    "lying_on_back": Criterion.LYING_ON_BACK,
    "knees_bent_up": Criterion.KNEES_BENT,
    "feet_flat": Criterion.FEET_FLAT,
    "hips_down": Criterion.HIPS_DOWN,
    "heel_distance": Criterion.HEEL_DISTANCE,
    "arms_down": Criterion.ARMS_BELOW_SHOULDERS,
    "head_down": Criterion.HEAD_RESTING,
    "head_level": Criterion.HEAD_LEVEL,
    "knee_width": Criterion.KNEE_WIDTH,
    "whole_body_visible": Criterion.WHOLE_BODY_VISIBLE,
}
CONFIDENCE_BANDS = ("under 0.5", "0.5-0.75", "0.75-0.9", "0.9 and over")
OK_LABELS = {"yes", "ok"}
ADJUST_LABELS = {"no", "too_far", "too_close", "tipped_back", "together", "splayed"}


@dataclass(frozen=True)
class PhotoSet:
    name: str
    labels: Path
    image_dirs: tuple[Path, ...]

    def rows(self) -> list[dict[str, str]]:
        with self.labels.open(newline="") as handle:
            return list(csv.DictReader(handle))

    def image(self, file: str) -> Path | None:
        return next((folder / file for folder in self.image_dirs if (folder / file).is_file()), None)


SETS: dict[str, PhotoSet] = {
    "public": PhotoSet("public", PUBLIC / "labels.csv", (PUBLIC / "images",)),
    "added": PhotoSet("added", PHOTOS / "added.csv", (PHOTOS / "images", PRIVATE_IMAGES)),
    "untouched": PhotoSet("untouched", PHOTOS / "untouched.csv", (PHOTOS / "images", PRIVATE_IMAGES)),
    "fresh": PhotoSet("fresh", PHOTOS / "fresh.csv", (PHOTOS / "images", PRIVATE_IMAGES)),
    "fresh2": PhotoSet("fresh2", PHOTOS / "fresh2.csv", (PHOTOS / "images",)),
    "fresh3": PhotoSet("fresh3", PHOTOS / "fresh3.csv", (PHOTOS / "images", PRIVATE_IMAGES)),
    "fresh4": PhotoSet("fresh4", PHOTOS / "fresh4.csv", (PRIVATE_IMAGES,)),
    "fresh5": PhotoSet("fresh5", PHOTOS / "fresh5.csv", (PRIVATE_IMAGES,)),
    "fresh6": PhotoSet("fresh6", PHOTOS / "fresh6.csv", (PRIVATE_IMAGES,)),
    "fresh7": PhotoSet("fresh7", PHOTOS / "fresh7.csv", (PRIVATE_IMAGES,)),
    "fresh8": PhotoSet("fresh8", PHOTOS / "fresh8.csv", (PRIVATE_IMAGES,)),
    "fresh9": PhotoSet("fresh9", PHOTOS / "fresh9.csv", (PRIVATE_IMAGES,)),
    "fresh10": PhotoSet("fresh10", PHOTOS / "fresh10.csv", (PRIVATE_IMAGES,)),
    "fresh11": PhotoSet("fresh11", PHOTOS / "fresh11.csv", (PRIVATE_IMAGES,)),
    "fresh12": PhotoSet("fresh12", PHOTOS / "fresh12.csv", (PRIVATE_IMAGES,)),
    "fresh13": PhotoSet("fresh13", PHOTOS / "fresh13.csv", (PRIVATE_IMAGES,)),
    "fresh14": PhotoSet("fresh14", PHOTOS / "fresh14.csv", (PRIVATE_IMAGES,)),
    "fresh15": PhotoSet("fresh15", PHOTOS / "fresh15.csv", (PRIVATE_IMAGES,)),
    "fresh16": PhotoSet("fresh16", PHOTOS / "fresh16.csv", (PRIVATE_IMAGES,)),
    "fresh17": PhotoSet("fresh17", PHOTOS / "fresh17.csv", (PRIVATE_IMAGES,)),
    "fresh18": PhotoSet("fresh18", PHOTOS / "fresh18.csv", (PRIVATE_IMAGES,)),
    "fresh19": PhotoSet("fresh19", PHOTOS / "fresh19.csv", (PRIVATE_IMAGES,)),
    "fresh20": PhotoSet("fresh20", PHOTOS / "fresh20.csv", (PRIVATE_IMAGES,)),
    "fresh21": PhotoSet("fresh21", PHOTOS / "fresh21.csv", (PRIVATE_IMAGES,)),
    "fresh22": PhotoSet("fresh22", PHOTOS / "fresh22.csv", (PRIVATE_IMAGES,)),
    "fresh23": PhotoSet("fresh23", PHOTOS / "fresh23.csv", (PRIVATE_IMAGES,)),
    "fresh24": PhotoSet("fresh24", PHOTOS / "fresh24.csv", (PRIVATE_IMAGES,)),
    "fresh25": PhotoSet("fresh25", PHOTOS / "fresh25.csv", (PRIVATE_IMAGES,)),
}
HELD_OUT: frozenset[str] = frozenset()


def _load_rgb(path: Path, variant: str) -> Any:
    import cv2
    import numpy as np

    rgb = cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)
    if variant == "mirrored":
        rgb = rgb[:, ::-1]
    elif variant == "half":
        rgb = cv2.resize(rgb, (rgb.shape[1] // 2, rgb.shape[0] // 2), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(rgb, dtype=np.uint8)


def _detect(photo_set: PhotoSet, files: list[str], variant: str) -> dict[str, Any]:
    """Landmarks of every photo as taken (turned either way if nobody is found), and of the second look with the
    body covered."""
    from crest.posture.estimator import PoseEstimator
    from crest.posture.people import cover_body

    found: dict[str, Any] = {}
    with PoseEstimator() as estimator:
        for file in files:
            path = photo_set.image(file)
            if path is None:
                continue
            image = _load_rgb(path, variant)
            height, width = image.shape[:2]
            # The sideways turns are looked at only when nobody is found as taken, as the service does.
            as_taken = estimator.detect_turned(image, PHOTO_TURNS[0])
            turns = {PHOTO_TURNS[0]: as_taken}
            if as_taken is None:
                turns |= {t: estimator.detect_turned(image, t) for t in PHOTO_TURNS[1:]}
            entry: dict[str, Any] = {
                "width": width,
                "height": height,
                "turns": {str(t): None if p is None else p.to_json_list() for t, p in turns.items()},
            }
            chosen = _chosen(entry)
            covered = None if chosen is None else estimator.detect_turned(cover_body(image, chosen), 0)
            entry["covered"] = None if covered is None else covered.to_json_list()
            found[file] = entry
            print(f"detected {photo_set.name} {variant} {file}", file=sys.stderr)
    return found


def _chosen(entry: dict[str, Any]) -> Pose | None:
    candidates = []
    for turns in PHOTO_TURNS:
        items = entry["turns"].get(str(turns))
        if items is not None:
            candidates.append((turns, Pose.from_json_list(items, entry["width"], entry["height"])))
    if candidates and candidates[0][0] == PHOTO_TURNS[0]:
        return candidates[0][1]
    best = most_plausible(candidates)
    return None if best is None else best[1]


def service_pose(entry: dict[str, Any]) -> Pose | None:
    """The body the check service would judge in this photo."""
    pose = _chosen(entry)
    covered = entry.get("covered")
    if pose is None or covered is None:
        return pose
    other = Pose.from_json_list(covered, entry["width"], entry["height"])
    return person_to_check(pose, other) if is_another_person(pose, other) else pose


def committed_landmarks(set_name: str, variant: str) -> dict[str, Any]:
    """The landmarks kept for a set and variant, by file; none for a set not measured yet."""
    path = _landmarks_path(set_name, variant)
    kept: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes())) if path.exists() else {}
    return kept


def _landmarks_path(set_name: str, variant: str) -> Path:
    return LANDMARKS_DIR / f"{set_name}-{variant}.json.gz"


def landmarks(photo_set: PhotoSet, files: list[str], variant: str, refresh: bool) -> dict[str, Any]:
    kept_path = _landmarks_path(photo_set.name, variant)
    kept = {} if refresh else committed_landmarks(photo_set.name, variant)
    missing = [file for file in files if file not in kept]
    found = _detect(photo_set, missing, variant) if missing else {}
    if found or refresh:
        kept.update(found)
        LANDMARKS_DIR.mkdir(parents=True, exist_ok=True)
        # Sorted, compact and with no time in the gzip header: the same landmarks give the same bytes.
        text = json.dumps(kept, sort_keys=True, separators=(",", ":"))
        kept_path.write_bytes(gzip.compress(text.encode(), mtime=0))
    return kept


def label_status(value: str) -> str | None:
    if value in OK_LABELS:
        return "ok"
    if value in ADJUST_LABELS:
        return "adjust"
    return None


def rates(pairs: list[tuple[bool, bool]]) -> tuple[float | None, float | None]:
    """(sensitivity, specificity) of predicted-vs-true pairs; None where a class is absent."""
    positives = [predicted for predicted, truth in pairs if truth]
    negatives = [not predicted for predicted, truth in pairs if not truth]
    sensitivity = sum(positives) / len(positives) if positives else None
    specificity = sum(negatives) / len(negatives) if negatives else None
    return sensitivity, specificity


def balanced_accuracy(pairs: list[tuple[bool, bool]]) -> float:
    present = [rate for rate in rates(pairs) if rate is not None]
    return sum(present) / len(present)


@dataclass
class Scores:
    """How the check fares against one set's labels."""

    recognized: list[tuple[bool, bool]] = field(default_factory=list)
    agreement: dict[str, list[bool]] = field(
        default_factory=lambda: {str(criterion): [] for criterion in LABEL_COLUMNS.values()}
    )
    labelled: Counter[str] = field(default_factory=Counter)
    views: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Agreement of the verdicts by how sure the check said it was.
    by_confidence: dict[str, list[bool]] = field(default_factory=lambda: {band: [] for band in CONFIDENCE_BANDS})
    photos: int = 0
    skipped: int = 0
    found: int = 0
    lines: list[str] = field(default_factory=list)
    # Photos labelled in the position that the check does not find, with what refuses each.
    misses: list[str] = field(default_factory=list)

    @property
    def all_agreement(self) -> list[bool]:
        return [outcome for outcomes in self.agreement.values() for outcome in outcomes]


def score(rows: Iterable[dict[str, str]], found: dict[str, Any], height_cm: float | None) -> Scores:
    scores = Scores()
    for row in rows:
        entry = found.get(row["file"])
        if entry is None:
            scores.skipped += 1
            continue
        scores.photos += 1
        pose = service_pose(entry)
        result: CheckResult | None = None if pose is None else evaluate(pose, height_cm)
        scores.found += pose is not None
        predicted = result is not None and result.pose_recognized
        truth = row["crp_pose"] == "yes"
        scores.recognized.append((predicted, truth))
        view = "none" if result is None else result.view
        scores.views[(row["view"], view)] += 1
        flag = "" if predicted == truth else "  RECOGNIZED WRONG"
        scores.lines.append(f"{row['file']} view {row['view']}->{view} crp {row['crp_pose']}->{predicted}{flag}")
        if truth and not predicted:
            scores.misses.append(f"{row['file']} view {row['view']}->{view}: {_refusal(result)}")
        for column, criterion in LABEL_COLUMNS.items():
            expected = label_status(row[column])
            if expected is None:
                continue
            scores.labelled[criterion] += 1
            verdict = None if result is None else result.criterion(criterion)
            if verdict is None or verdict.status == "not_visible":
                continue
            agrees = verdict.status == expected
            scores.agreement[criterion].append(agrees)
            scores.by_confidence[_band(verdict.confidence)].append(agrees)
            if not agrees:
                scores.lines.append(
                    f"    {criterion}={verdict.status} ({verdict.measured}; conf {verdict.confidence:.2f})"
                    f" label {row[column]}"
                )
    return scores


def _refusal(result: CheckResult | None) -> str:
    """What keeps a photo out of the position: each criterion of the position not found ok, with its measure,
    target and confidence ("not seen" for one the picture does not show)."""
    if result is None:
        return "no body found"
    # Criteria left unjudged because the person was not seen lying on the back follow from that one.
    refusing = [
        verdict
        for verdict in (result.criterion(criterion) for criterion in POSITION_CRITERIA)
        if verdict.status != "ok" and verdict.advice != ON_BACK_FIRST
    ]
    return "; ".join(
        f"{verdict.name} {verdict.status} ({verdict.measured_line or 'not seen'}"
        + (f", target {verdict.target}" if verdict.target else "")
        + f", conf {verdict.confidence:.2f})"
        for verdict in refusing
    )


def _band(confidence: float) -> str:
    if confidence < 0.5:
        return CONFIDENCE_BANDS[0]
    if confidence < 0.75:
        return CONFIDENCE_BANDS[1]
    return CONFIDENCE_BANDS[2] if confidence < 0.9 else CONFIDENCE_BANDS[3]


def _fraction(outcomes: list[bool]) -> str:
    return f"{sum(outcomes) / len(outcomes):.3f}" if outcomes else "-"


def print_report(title: str, scores: Scores, show: bool, show_misses: bool) -> None:
    if show:
        print("\n".join(scores.lines))
    if show_misses and scores.misses:
        print("\n".join(f"MISSED {title}: {miss}" for miss in scores.misses))
    sensitivity, specificity = rates(scores.recognized)
    positives = sum(truth for _, truth in scores.recognized)
    print(
        f"\n== {title}: {scores.photos} photos ({positives} in position), body found in {scores.found}"
        + (f", {scores.skipped} images missing" if scores.skipped else "")
    )
    print(
        f"pose_recognized balanced accuracy {balanced_accuracy(scores.recognized):.3f}"
        f" (sensitivity {sensitivity if sensitivity is None else f'{sensitivity:.3f}'},"
        f" specificity {specificity if specificity is None else f'{specificity:.3f}'})"
    )
    print(f"{'criterion':22} {'agree':>6} {'verdicts':>9} {'labelled':>9} {'coverage':>9}")
    for criterion, outcomes in scores.agreement.items():
        labelled = scores.labelled[criterion]
        coverage = len(outcomes) / labelled if labelled else 0.0
        print(f"{criterion:22} {_fraction(outcomes):>6} {len(outcomes):>9} {labelled:>9} {coverage:>9.2f}")
    outcomes = scores.all_agreement
    total = sum(scores.labelled.values())
    print(f"{'all criteria':22} {_fraction(outcomes):>6} {len(outcomes):>9} {total:>9} {len(outcomes) / total:>9.2f}")
    print(
        "agreement by confidence: "
        + "; ".join(f"{band}: {_fraction(o)} of {len(o)}" for band, o in scores.by_confidence.items())
    )
    predicted_views = [*VIEWS, "none"]
    print("view confusion (rows: label, columns: detected)")
    print(f"{'':10}" + "".join(f"{view:>9}" for view in predicted_views))
    for label_view in VIEWS:
        counts = [scores.views[(label_view, view)] for view in predicted_views]
        if sum(counts):
            print(f"{label_view:10}" + "".join(f"{count:>9}" for count in counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ",".join(SETS))
    parser.add_argument("--photos", default=",".join(VARIANTS), help="comma-separated: " + ",".join(VARIANTS))
    parser.add_argument("--height-cm", type=float, default=None)
    parser.add_argument("--refresh", action="store_true", help="run the estimator again instead of the cache")
    parser.add_argument("--show", action="store_true", help="print every photo's verdict and each disagreement")
    parser.add_argument(
        "--show-misses", action="store_true", help="print each photo in the position not found, and what refuses it"
    )
    parser.add_argument("--show-held-out", action="store_true", help="with --show, also for " + ", ".join(HELD_OUT))
    args = parser.parse_args()

    summary: list[str] = []
    # Every held-out set of the run pooled, and every development set: the photos of one set are few.
    pooled: dict[tuple[str, str], Scores] = {}
    for set_name in args.sets.split(","):
        photo_set = SETS[set_name]
        if not photo_set.labels.exists():
            # eval-public's labels live in ../shared, which a clone of crest alone does not have.
            print(f"\n== {set_name}: no labels at {photo_set.labels}, not measured")
            continue
        rows = photo_set.rows()
        for variant in args.photos.split(","):
            if variant not in VARIANTS:
                raise SystemExit(f"unknown --photos variant {variant!r}")
            found = landmarks(photo_set, [row["file"] for row in rows], variant, args.refresh)
            scores = score(rows, found, args.height_cm)
            if not scores.recognized:
                print(f"\n== {set_name}, {variant}: no photo judged, {scores.skipped} images missing")
                continue
            visible = set_name not in HELD_OUT or args.show_held_out
            print_report(f"{set_name}, {variant}", scores, args.show and visible, args.show_misses and visible)
            summary.append(_summary_line(set_name, variant, scores))
            group = pooled.setdefault(("held out" if set_name in HELD_OUT else "development", variant), Scores())
            group.photos += scores.photos
            group.recognized += scores.recognized
            group.labelled += scores.labelled
            for criterion, outcomes in scores.agreement.items():
                group.agreement[criterion] += outcomes
    print(f"\n{'set':11} {'photos':9} {'n':>6} {'bal.acc':>8} {'sens':>11} {'spec':>11} {'agree':>6} {'coverage':>9}")
    print("\n".join(summary))
    print("pooled:")
    print("\n".join(_summary_line(group, variant, scores) for (group, variant), scores in sorted(pooled.items())))


def _summary_line(name: str, variant: str, scores: Scores) -> str:
    outcomes = scores.all_agreement
    total = sum(scores.labelled.values())
    # The counts beside the rates: one photo in the position moves a small set's sensitivity by a lot.
    found_in = sum(predicted for predicted, truth in scores.recognized if truth)
    positives = sum(truth for _, truth in scores.recognized)
    told_apart = sum(not predicted for predicted, truth in scores.recognized if not truth)
    negatives = len(scores.recognized) - positives
    return (
        f"{name:11} {variant:9} {scores.photos:>6} {balanced_accuracy(scores.recognized):>8.3f}"
        f" {f'{found_in}/{positives}':>11} {f'{told_apart}/{negatives}':>11}"
        f" {_fraction(outcomes):>6} {len(outcomes) / total:>9.2f}"
    )


if __name__ == "__main__":
    main()
