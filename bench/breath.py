"""Breathing rate and stillness on semi-synthetic videos with a known truth, and the cost per frame.

The videos are built here (bench/breath_scenes.py) from the public-domain photo of a person lying on their
back with knees bent, seen from the side (tests/fixtures/photos/one_knee_to_chest_0.jpg): the front of the
trunk rises and falls with a breathing waveform whose rate drifts from 15 to 7 breaths a minute over
4 minutes, frames are JPEG-compressed with sensor noise and stamped with jittery capture times (8 frames a
second nominal, dropped frames, stalls). Conditions:

  clean      good light
  dim        a fifth of the light, the camera's gain (x5.5) hunting slowly, stronger compression
  flicker    a 3% light flicker inside the breathing band
  shifts     two body shifts, an arm adjusted and a bout of fidgeting
  yawns      two to four sighs or yawns (breaths twice as long, three times as deep; the head moves)
  talking    two spells of talking: quick breaths in, long uneven breaths out, the head and jaw moving
  clean_5fps as clean, at 5 frames a second
and controls with no breathing at all (goal: no reading in any window): still, still_dim, still_flicker
(a 3% flicker at 15 a minute), still_moving (shifts, arm, fidgets); and dark (breathing in a room too dark
for the camera: the goal is no reading there either, for that reason).

The truth for a window is the rhythm of its ordinary breaths (cycles per minute of the time they took; sighs
and yawns left out, as the issue asks that they do not drag the rate); a movement is a body shift, an arm or
a fidget (the head moving in a yawn or while talking is counted apart).

It prints, per condition: windows, coverage (share with a reading), mean absolute error (breaths a minute),
bias and 95% limits of agreement, movements found and false; the cost per frame as a ratio to the pose
model's own cost per frame in the same run (goal <= 0.1); and checks of the research points (landmark jitter
against the breath, the brightness term, dense optical flow's cost and drift, 5 frames a second).

Seeds: the thresholds were tuned on seeds 1 and 2 only; the default run reports seeds 11 and 12, which were
not looked at while tuning (`--seeds 11,12,13` adds one more, `--seeds 1,2` shows the tuned ones). `--photo`
animates another side-view photo instead (for example a free-exercise-db one in ../shared/eval-public).
About 3 minutes on two idle cores; --quick (one seed, 2-minute sessions, 1-minute controls) about 1 minute.

    python bench/breath.py [--quick] [--seeds 11,12] [--photo PATH]
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from breath_scenes import (
    BodyShift,
    Breathing,
    Light,
    LocalMove,
    Renderer,
    Scene,
    Script,
    Timing,
    drifting_breathing,
    prepare_scene,
)
from native_logs import quiet_native_stderr  # the bench folder is not a package: found through sys.path

from crest.breath.tracker import BreathTracker

PHOTO = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"
TUNED_SEEDS = (1, 2)
HELD_OUT_SEEDS = (11, 12)  # not looked at while tuning (nor 13 and beyond)
DIM = Light(level=0.18, gain=5.5, gain_hunting=0.05, jpeg_quality=70)
# A movement found within this time of a true one's start (before, after) is that movement.
MATCH_S = (-1.0, 4.0)
GOALS = {"clean": (1.0, 0.8), "dim": (1.0, 0.8), "shifts": (1.5, None), "yawns": (1.5, None)}


@dataclass(frozen=True)
class Plan:
    """The session lengths of one run."""

    breathing_s: float
    control_s: float
    start_bpm: float = 15.0
    end_bpm: float = 7.0


# --- the conditions ---


def _moments(rng: np.random.Generator, count: int, duration_s: float, apart_s: float) -> list[float]:
    """`count` times between 10 s from the start and 10 s from the end, about `apart_s` apart at least."""
    apart_s = min(apart_s, (duration_s - 20) / count)
    for _ in range(500):
        times = sorted(float(t) for t in rng.uniform(10, duration_s - 10, size=count))
        if all(b - a >= apart_s for a, b in itertools.pairwise(times)):
            return times
    return [10 + index * apart_s for index in range(count)]


def _movements(rng: np.random.Generator, duration_s: float) -> tuple[tuple[BodyShift, ...], tuple[LocalMove, ...]]:
    """Two body shifts, an arm adjusted, a bout of fidgeting, at separate times."""
    times = _moments(rng, 4, duration_s, min(35.0, duration_s / 5))
    rng.shuffle(times)
    shifts = tuple(
        BodyShift(
            at_s,
            float(rng.uniform(1.0, 2.0)),
            float(rng.choice([-1, 1]) * rng.uniform(4, 10)),
            float(rng.choice([-1, 1]) * rng.uniform(2, 5)),
            float(rng.uniform(-1.0, 1.0)),
        )
        for at_s in times[:2]
    )
    arm = LocalMove(
        times[2],
        float(rng.uniform(1.5, 2.5)),
        "left_elbow",
        35.0,
        float(rng.uniform(-12, 12)),
        float(rng.uniform(-15, -8)),
        "settle",
    )
    fidget = LocalMove(
        times[3],
        float(rng.uniform(3, 5)),
        "left_knee",
        40.0,
        float(rng.uniform(3, 5)),
        float(rng.uniform(-2, 2)),
        "oscillate",
        float(rng.uniform(1.0, 2.0)),
    )
    return shifts, (arm, fidget)


def _breathing(
    rng: np.random.Generator,
    plan: Plan,
    sighs_at_s: tuple[float, ...] = (),
    talking: tuple[tuple[float, float], ...] = (),
) -> Breathing:
    depth_px = float(rng.uniform(1.0, 1.8))  # the front of the trunk rises 3-6 mm at this scale
    return drifting_breathing(
        rng, plan.breathing_s, plan.start_bpm, plan.end_bpm, depth_px, sighs_at_s=sighs_at_s, talking=talking
    )


def clean(rng: np.random.Generator, plan: Plan) -> Script:
    return Script(plan.breathing_s, _breathing(rng, plan))


def dim(rng: np.random.Generator, plan: Plan) -> Script:
    return Script(plan.breathing_s, _breathing(rng, plan), light=DIM)


def flicker(rng: np.random.Generator, plan: Plan) -> Script:
    light = Light(flicker=0.03, flicker_hz=float(rng.uniform(0.12, 0.3)))
    return Script(plan.breathing_s, _breathing(rng, plan), light=light)


def shifts(rng: np.random.Generator, plan: Plan) -> Script:
    body_shifts, moves = _movements(rng, plan.breathing_s)
    return Script(plan.breathing_s, _breathing(rng, plan), shifts=body_shifts, moves=moves)


def yawns(rng: np.random.Generator, plan: Plan) -> Script:
    count = int(rng.integers(2, 5)) if plan.breathing_s >= 180 else 2
    times = _moments(rng, count, plan.breathing_s, 30.0)
    breathing = _breathing(rng, plan, sighs_at_s=tuple(times))
    # Every other one is a yawn: the head tips back and returns while the long breath goes in and out.
    head = tuple(
        LocalMove(at_s, 5.0, "nose", 45.0, float(rng.uniform(-2, 2)), float(rng.uniform(-5, -3)), "there_and_back")
        for at_s in times[::2]
    )
    return Script(plan.breathing_s, breathing, moves=head)


def talking(rng: np.random.Generator, plan: Plan) -> Script:
    starts = _moments(rng, 2, plan.breathing_s - 30, 60.0)
    spells = tuple((at_s, at_s + float(rng.uniform(20, 30))) for at_s in starts)
    breathing = _breathing(rng, plan, talking=spells)
    jaw = tuple(
        LocalMove(start, end - start, "nose", 30.0, 0.5, 1.5, "oscillate", float(rng.uniform(3.5, 5.0)))
        for start, end in spells
    )
    return Script(plan.breathing_s, breathing, moves=jaw)


def clean_5fps(rng: np.random.Generator, plan: Plan) -> Script:
    return Script(plan.breathing_s, _breathing(rng, plan), timing=Timing(fps=5.0))


def still(rng: np.random.Generator, plan: Plan) -> Script:
    return Script(plan.control_s, None)


def still_dim(rng: np.random.Generator, plan: Plan) -> Script:
    return Script(plan.control_s, None, light=DIM)


def still_flicker(rng: np.random.Generator, plan: Plan) -> Script:
    return Script(plan.control_s, None, light=Light(flicker=0.03, flicker_hz=0.25))


def still_moving(rng: np.random.Generator, plan: Plan) -> Script:
    body_shifts, moves = _movements(rng, plan.control_s)
    return Script(plan.control_s, None, shifts=body_shifts, moves=moves)


def dark(rng: np.random.Generator, plan: Plan) -> Script:
    breathing = drifting_breathing(rng, plan.control_s, 12, 12, 1.5)
    return Script(plan.control_s, breathing, light=Light(level=0.07, gain=1.2, jpeg_quality=70))


Condition = Callable[[np.random.Generator, Plan], Script]
BREATHING: dict[str, Condition] = {
    "clean": clean,
    "dim": dim,
    "flicker": flicker,
    "shifts": shifts,
    "yawns": yawns,
    "talking": talking,
    "clean_5fps": clean_5fps,
}
CONTROLS: dict[str, Condition] = {
    "still": still,
    "still_dim": still_dim,
    "still_flicker": still_flicker,
    "still_moving": still_moving,
    "dark": dark,
}


# --- running and scoring ---


@dataclass
class Tally:
    """One condition over its seeds."""

    windows: int = 0
    errors: list[float] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    true_moves: int = 0
    found_moves: int = 0
    head_moves: int = 0  # found while the head moved in a yawn or while talking
    false_moves: int = 0

    @property
    def readings(self) -> int:
        return len(self.errors)


@dataclass
class Cost:
    frames: int = 0
    seconds: float = 0.0


def run_video(
    scene: Scene, script: Script, seed: int, cost: Cost, tally: Tally, *, brightness_term: bool = True
) -> None:
    renderer = Renderer(scene, script, np.random.default_rng(seed))
    tracker = BreathTracker(brightness_term=brightness_term)
    for frame in renderer.frames():
        start = time.perf_counter()
        tracker.add_frame(frame.time_s, frame.gray, frame.pose)
        cost.seconds += time.perf_counter() - start
        cost.frames += 1
    result = tracker.result()
    for window in result.windows:
        tally.windows += 1
        if window.rate_bpm is None:
            assert window.reason is not None
            tally.reasons[window.reason] = tally.reasons.get(window.reason, 0) + 1
        else:
            truth = 0.0 if script.breathing is None else script.breathing.rate_bpm(window.start_s, window.end_s)
            tally.errors.append(window.rate_bpm - truth)
    truths = script.movement_times_s()
    heads = [(move.at_s, move.at_s + move.duration_s) for move in script.moves if move.landmark == "nose"]
    found = [movement.at_s for movement in result.movements]
    matched = {t for t in truths if any(MATCH_S[0] <= f - t <= MATCH_S[1] for f in found)}
    tally.true_moves += len(truths)
    tally.found_moves += len(matched)
    for at_s in found:
        if any(MATCH_S[0] <= at_s - t <= MATCH_S[1] for t in truths):
            continue
        if any(start + MATCH_S[0] <= at_s <= end + MATCH_S[1] for start, end in heads):
            tally.head_moves += 1
        else:
            tally.false_moves += 1


def _seed_for(seed: int, name: str) -> int:
    return seed * 1000 + sum(ord(c) for c in name)


def evaluate(
    scene: Scene,
    plan: Plan,
    seeds: tuple[int, ...],
    conditions: dict[str, Condition],
    cost: Cost,
    *,
    brightness_term: bool = True,
) -> dict[str, Tally]:
    tallies = {}
    for name, build in conditions.items():
        tally = Tally()
        for seed in seeds:
            script = build(np.random.default_rng(_seed_for(seed, name)), plan)
            run_video(scene, script, _seed_for(seed, name) + 1, cost, tally, brightness_term=brightness_term)
        tallies[name] = tally
    return tallies


def _line(name: str, tally: Tally) -> str:
    coverage = tally.readings / tally.windows if tally.windows else 0.0
    text = f"  {name:<14}{tally.windows:>5}{coverage:>9.0%}"
    if tally.errors:
        errors = np.array(tally.errors)
        mae = float(np.mean(np.abs(errors)))
        bias = float(np.mean(errors))
        spread = 1.96 * float(np.std(errors, ddof=1)) if errors.size > 1 else 0.0
        text += f"{mae:>7.2f}{bias:>+7.2f}   {bias - spread:+6.2f} .. {bias + spread:+6.2f}"
        goal = GOALS.get(name)
        if goal is not None:
            max_mae, min_coverage = goal
            met = mae <= max_mae and (min_coverage is None or coverage >= min_coverage)
            text += f"   goal MAE <= {max_mae}" + (f", coverage >= {min_coverage:.0%}" if min_coverage else "")
            text += ": met" if met else ": NOT MET"
    else:
        text += f"{'-':>7}{'-':>7}   {'-':>16}"
    return text


def _met(met: bool) -> str:
    return "met" if met else "NOT MET"


def _moves(tally: Tally) -> str:
    text = f"{tally.found_moves}/{tally.true_moves} found, " if tally.true_moves else ""
    text += f"{tally.false_moves} false"
    if tally.head_moves:
        text += f"; {tally.head_moves} while the head moved (yawning, talking)"
    return text


def report(tallies: dict[str, Tally], controls: dict[str, Tally]) -> None:
    print(f"\n  {'condition':<14}{'wins':>5}{'coverage':>9}{'MAE':>7}{'bias':>7}   {'95% limits':>16}")
    for name, tally in tallies.items():
        print(_line(name, tally))
    print("\n  controls: share of windows with a reading (goal 0%), and why the others had none")
    for name, tally in controls.items():
        share = tally.readings / tally.windows if tally.windows else 0.0
        reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(tally.reasons.items()))
        print(f"  {name:<14}{tally.windows:>5}{share:>9.0%}   {'met' if share == 0 else 'NOT MET'}   ({reasons})")
    print("\n  movements (found within 1 s before to 4 s after a true start; false: found, none true near)")
    for name, tally in {**tallies, **controls}.items():
        print(f"  {name:<14}{_moves(tally)}")


# --- cost and research checks ---


def cost_per_frame_ms(scene: Scene, seed: int, rounds: int = 3) -> tuple[float, float, int]:
    """(breath, pose model) milliseconds a frame, on the same frames, in alternating rounds (medians).

    The pose model is raw MediaPipe in tracking mode (the model crest runs on videos and cameras), on the
    same frames in RGB; its first frame (detection) is not timed.
    """
    from mediapipe.python.solutions import pose as mp_pose

    breathing = drifting_breathing(np.random.default_rng(seed), 20, 12, 12, 1.4)
    frames = list(Renderer(scene, Script(20, breathing), np.random.default_rng(seed + 1)).frames())
    rgb = [cv2.cvtColor(frame.gray, cv2.COLOR_GRAY2RGB) for frame in frames]
    breath_ms, pose_ms = [], []
    for _ in range(rounds):
        tracker = BreathTracker()
        start = time.perf_counter()
        for frame in frames:
            tracker.add_frame(frame.time_s, frame.gray, frame.pose)
        breath_ms.append((time.perf_counter() - start) / len(frames) * 1000)
        with mp_pose.Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=False) as model:
            model.process(rgb[0])
            start = time.perf_counter()
            for image in rgb[1:]:
                model.process(image)
            pose_ms.append((time.perf_counter() - start) / (len(rgb) - 1) * 1000)
    return statistics.median(breath_ms), statistics.median(pose_ms), len(frames)


def brightness_check(scene: Scene, seed: int) -> None:
    """Research point: what the brightness term buys: motion read from a 3% flicker with nobody breathing."""
    from crest.breath.motion import TrunkReference
    from crest.breath.trunk import trunk_box

    for label, light in (
        ("3% flicker", Light(flicker=0.03, flicker_hz=0.25)),
        ("dim, gain hunting, 3% flicker", replace(DIM, flicker=0.03, flicker_hz=0.25)),
    ):
        frames = list(
            Renderer(
                scene, Script(30, None, light=light, timing=Timing(dropped=0, stalls=0)), np.random.default_rng(seed)
            ).frames()
        )
        box = trunk_box(frames[0].pose)
        assert box is not None
        spans = []
        for term in (True, False):
            reference = TrunkReference(frames[0].gray, box, brightness_term=term)
            fronts = np.array([reference.shift(frame.gray).front_px for frame in frames])
            low, high = np.percentile(fronts, [5, 95])
            spans.append(high - low)
        print(
            f"  brightness term, {label}, no breathing: motion read {spans[0]:.3f} px peak to peak with it, "
            f"{spans[1]:.3f} px without (no reading below {0.0005 * box.length_px:.3f} px)"
        )


def landmark_check(scene: Scene, rng_seed: int) -> None:
    """Research point: are shoulder and hip landmarks a breathing signal? Jitter vs breath, on rendered frames."""
    from crest.breath.trunk import trunk_box
    from crest.posture.estimator import PoseEstimator

    breathing = drifting_breathing(np.random.default_rng(rng_seed), 40, 15, 15, 1.5)
    script = Script(40, breathing, timing=Timing(dropped=0, stalls=0))
    renderer = Renderer(scene, script, np.random.default_rng(rng_seed + 1))
    truth, heights = [], []
    with PoseEstimator() as estimator:
        for frame in renderer.frames():
            pose = estimator.track(cv2.cvtColor(frame.gray, cv2.COLOR_GRAY2RGB))
            box = None if pose is None else trunk_box(pose)
            if box is None:
                continue
            # The landmarks' own motion out of the chest: shoulder and hip midpoints along the front direction.
            heights.append(box.origin_x * box.front_x + box.origin_y * box.front_y)
            truth.append(breathing.front_px(frame.time_s))
    heights_array, truth_array = np.array(heights), np.array(truth)
    correlation = float(np.corrcoef(heights_array, truth_array)[0, 1]) if len(heights) > 2 else math.nan
    print(
        f"  landmarks: shoulder midpoint out of the chest, over 40 s of breathing of "
        f"{truth_array.max():.1f} px at the front surface: SD {heights_array.std():.2f} px, "
        f"correlation with the breath {correlation:+.2f} ({len(heights)} frames with a body)"
    )


def dense_flow_check(scene: Scene, seed: int, seconds: float = 30.0) -> None:
    """Research point: dense optical flow over the whole frame: its cost, and the drift of its summed motion."""
    from crest.breath.motion import TrunkReference
    from crest.breath.trunk import trunk_box

    renderer = Renderer(scene, Script(seconds, None, timing=Timing(dropped=0, stalls=0)), np.random.default_rng(seed))
    frames = list(renderer.frames())
    box = trunk_box(frames[0].pose)
    assert box is not None
    reference = TrunkReference(frames[0].gray, box)
    x0, y0 = (round(v) for v in box.point(0.0, 0.3))
    x1, y1 = (round(v) for v in box.point(1.0, 0.0))
    rows = slice(min(y0, y1), max(y0, y1) + 1)
    cols = slice(min(x0, x1), max(x0, x1) + 1)
    summed, drift, fits, flow_s = 0.0, [], [], 0.0
    for before, after in itertools.pairwise(frames):
        start = time.perf_counter()
        flow = cv2.calcOpticalFlowFarneback(before.gray, after.gray, None, 0.5, 3, 15, 3, 5, 1.2, 0)
        flow_s += time.perf_counter() - start
        motion = flow[rows, cols].mean(axis=(0, 1))
        summed += float(motion[0] * box.front_x + motion[1] * box.front_y)
        drift.append(summed)
        fits.append(reference.shift(after.gray).front_px)
    print(
        f"  dense flow (Farneback) on {frames[0].gray.shape[1]}x{frames[0].gray.shape[0]} frames: "
        f"{flow_s / (len(frames) - 1) * 1000:.1f} ms a frame; its summed trunk motion over {seconds:.0f} s "
        f"with no breathing wandered {max(map(abs, drift)):.3f} px (SD {np.std(drift):.3f}); the reference fit's "
        f"SD on the same frames: {np.std(fits):.4f} px"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one seed, 2-minute sessions, 1-minute controls")
    parser.add_argument("--seeds", default=None, help="comma-separated seeds (default: 11,12,13; quick: 11)")
    parser.add_argument("--photo", type=Path, default=PHOTO)
    args = parser.parse_args()
    if args.seeds:
        seeds = tuple(int(part) for part in args.seeds.split(","))
    else:
        seeds = HELD_OUT_SEEDS[:1] if args.quick else HELD_OUT_SEEDS
    plan = Plan(120.0, 60.0, 15.0, 10.0) if args.quick else Plan(240.0, 90.0)
    tuned = [seed for seed in seeds if seed in TUNED_SEEDS]
    tuned_text = f"tuned on: {', '.join(map(str, tuned))}" if tuned else "none of them tuned on"
    began = time.perf_counter()
    with quiet_native_stderr():
        scene = prepare_scene(args.photo)
    print(
        f"photo {args.photo.name} at {scene.gray.shape[1]}x{scene.gray.shape[0]}; trunk {scene.box.length_px:.0f} px; "
        f"seeds {', '.join(map(str, seeds))} ({tuned_text}); "
        f"breathing {plan.start_bpm:g} -> {plan.end_bpm:g} a minute over {plan.breathing_s / 60:g} min; "
        f"controls {plan.control_s / 60:g} min"
    )
    cost = Cost()
    tallies = evaluate(scene, plan, seeds, BREATHING, cost)
    controls = evaluate(scene, plan, seeds, CONTROLS, cost)
    report(tallies, controls)

    with quiet_native_stderr():
        breath_ms, pose_ms, frames = cost_per_frame_ms(scene, seeds[0])
    ratio = breath_ms / pose_ms
    print(
        f"\ncost per frame, same {frames} frames, alternating rounds: breath {breath_ms:.2f} ms, pose model "
        f"(MediaPipe tracking) {pose_ms:.1f} ms: ratio {ratio:.3f} (goal <= 0.1: {_met(ratio <= 0.1)}); "
        f"over the whole set: breath {cost.seconds / cost.frames * 1000:.2f} ms a frame ({cost.frames} frames); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )

    print("\nresearch points")
    with quiet_native_stderr():
        landmark_check(scene, seeds[0])
    dense_flow_check(scene, seeds[0], 15.0 if args.quick else 30.0)
    brightness_check(scene, seeds[0])
    print(f"\nran in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
