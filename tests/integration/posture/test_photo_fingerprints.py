"""The photo fingerprints that find copies of labelled photos among new ones (bench/photos/fingerprints.py)."""

import sys
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench" / "photos"))

import eval_photos
import fingerprints

PHOTOS = Path(__file__).parents[2] / "fixtures" / "photos"


def fingerprint(image: np.ndarray, name: str, folder: Path) -> fingerprints.Fingerprint:
    path = folder / f"{name}.jpg"
    cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, 70])
    found = fingerprints.fingerprint_of(path, name)
    assert found is not None
    return found


def test_a_resized_recompressed_or_mirrored_copy_is_found_and_another_photo_is_not(tmp_path: Path) -> None:
    photo = cv2.imread(str(PHOTOS / "crunch_hands_overhead_0.jpg"))
    original = fingerprint(photo, "original", tmp_path)
    smaller = fingerprint(cv2.resize(photo, (photo.shape[1] // 3, photo.shape[0] // 3)), "smaller", tmp_path)
    mirrored = fingerprint(np.ascontiguousarray(photo[:, ::-1]), "mirrored", tmp_path)
    other = fingerprint(cv2.imread(str(PHOTOS / "childs_pose_1.jpg")), "other", tmp_path)

    pairs = fingerprints.close_pairs([smaller, mirrored, other], [original], within=fingerprints.LOOK_WITHIN_BITS)

    found = {(one, labelled) for _, one, labelled in pairs}
    assert ("smaller", "original") in found
    assert ("mirrored", "original") in found
    assert not any("other" in (one, labelled) for one, labelled in found)


def test_every_photo_with_landmarks_has_its_fingerprint_committed() -> None:
    committed = fingerprints.read_committed()
    for set_name in eval_photos.SETS:
        for file in eval_photos.committed_landmarks(set_name, "as-is"):
            assert f"{set_name}/{file}" in committed, f"{set_name}/{file}: run fingerprints.py build"
