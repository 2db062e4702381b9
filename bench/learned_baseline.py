"""Would a model learned from the labelled photos beat the rules? A baseline, measured leave-one-set-out.

For every photo set, a model is fitted on all the other sets and judges this one's photos (as taken, from the
landmarks cached by bench/eval_photos.py), so every figure is on photos of sources the model never saw. Features:
the judged body's 33 landmarks (position from the hip joints' midpoint in trunk lengths, the head turned to the
left; the model's visibility) and the rules' own verdicts (status times confidence per criterion, and whether the
position was recognised). Two learners: class-balanced logistic regression (L2, plain gradient descent) and k
nearest neighbours. Prints their balanced accuracy, and that of requiring both the rules and the learner, beside
the rules' own.

    python bench/learned_baseline.py
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import eval_photos
import numpy as np
from numpy.typing import NDArray

from crest.posture.body import Body
from crest.posture.landmarks import LANDMARK_NAMES, Pose
from crest.posture.rules import evaluate
from crest.posture.vocabulary import Criterion

Matrix = NDArray[np.float64]
# (training features, their labels, features to judge) -> judged "in the position"
Learner = Callable[[Matrix, NDArray[np.bool_], Matrix], NDArray[np.bool_]]
STATUS_SIGN = {"ok": 1.0, "adjust": -1.0, "not_visible": 0.0}
FEATURES = 3 * len(LANDMARK_NAMES) + 2 * len(Criterion) + 2


def features(pose: Pose | None) -> tuple[Matrix, bool]:
    """The photo's features, and whether the rules recognise the position."""
    if pose is None:
        return np.zeros(FEATURES), False
    body, result = Body.of(pose), evaluate(pose)
    hip_x = (pose["left_hip"].x + pose["right_hip"].x) / 2
    hip_y = (pose["left_hip"].y + pose["right_hip"].y) / 2
    head_left = -1.0 if body.shoulders.x > hip_x else 1.0
    values: list[float] = []
    for name in LANDMARK_NAMES:
        point = pose[name]
        values += [head_left * (point.x - hip_x) / body.trunk_px, (point.y - hip_y) / body.trunk_px, point.visibility]
    for criterion in result.criteria:
        values += [STATUS_SIGN[criterion.status] * criterion.confidence, float(criterion.status == "not_visible")]
    values += [float(result.pose_recognized), result.confidence]
    return np.clip(np.array(values), -5.0, 5.0), result.pose_recognized


def balanced_accuracy(predicted: NDArray[np.bool_], truth: NDArray[np.bool_]) -> float:
    return float((predicted[truth].mean() + (~predicted[~truth]).mean()) / 2)


def logistic(train: Matrix, labels: NDArray[np.bool_], test: Matrix, l2: float) -> NDArray[np.bool_]:
    weights, bias = np.zeros(train.shape[1]), 0.0
    # Photos in the position are rarer: weigh them up so that both classes count alike, as balanced accuracy does.
    sample_weight = np.where(labels, (~labels).sum() / labels.sum(), 1.0)
    target = labels.astype(float)
    for _ in range(3000):
        probability = 1 / (1 + np.exp(-(train @ weights + bias)))
        gradient = (probability - target) * sample_weight
        weights -= 0.1 * (train.T @ gradient + l2 * weights) / len(target)
        bias -= 0.1 * float(gradient.mean())
    return np.asarray(test @ weights + bias > 0)


def nearest(train: Matrix, labels: NDArray[np.bool_], test: Matrix, k: int) -> NDArray[np.bool_]:
    distances = ((test[:, None, :] - train[None, :, :]) ** 2).sum(-1)
    votes = labels[np.argsort(distances, axis=1)[:, :k]]
    in_position_weight = (~labels).sum() / labels.sum()
    return np.asarray(votes.sum(1) * in_position_weight > (~votes).sum(1))


def main() -> None:
    rows: list[Matrix] = []
    truth: list[bool] = []
    groups: list[str] = []
    rules: list[bool] = []
    for name, photo_set in eval_photos.SETS.items():
        labelled = photo_set.rows()
        found = eval_photos.landmarks(photo_set, [row["file"] for row in labelled], "as-is", refresh=False)
        for row in labelled:
            entry = found.get(row["file"])
            if entry is None:
                continue
            values, recognised = features(eval_photos.service_pose(entry))
            rows.append(values)
            truth.append(row["crp_pose"] == "yes")
            groups.append(name)
            rules.append(recognised)
    matrix, labels, group, by_rules = np.array(rows), np.array(truth), np.array(groups), np.array(rules)
    matrix = (matrix - matrix.mean(0)) / (matrix.std(0) + 1e-6)
    print(f"{len(labels)} photos, {labels.sum()} in the position; the rules: {balanced_accuracy(by_rules, labels):.3f}")
    learners: list[tuple[str, Learner]] = [
        (f"logistic, L2 {l2:g}", partial(logistic, l2=l2)) for l2 in (1.0, 10.0, 100.0)
    ]
    learners += [(f"nearest {k}", partial(nearest, k=k)) for k in (5, 15)]
    for title, learner in learners:
        predicted = np.zeros(len(labels), dtype=bool)
        for name in np.unique(group):
            held = group == name
            predicted[held] = learner(matrix[~held], labels[~held], matrix[held])
        both = predicted & by_rules
        print(
            f"{title:18} balanced accuracy {balanced_accuracy(predicted, labels):.3f}"
            f"  rules and learner both {balanced_accuracy(both, labels):.3f}"
        )


if __name__ == "__main__":
    main()
