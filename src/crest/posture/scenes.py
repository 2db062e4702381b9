"""Sudden changes of the whole picture in a stream of frames: a cut, the camera knocked or moved, someone passing.

MediaPipe's tracking mode looks for the body where it was in the frame before. After such a change it went on
fitting the old body's place to the new picture: a clip of two photos in position back to back said "turned
off the back at 00:04" and drew the old skeleton on the new body. A jump makes the tracker find the body afresh
and the smoothing start afresh, so each moment is judged on what it shows.

Pure: frames in, a small grey picture and a yes or no out.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

# The picture is compared as GRID x GRID cells, each the mean of every STRIDE-th pixel in it: enough to see the
# whole scene change, cheap beside a pose model call (a fraction of a millisecond for a 640 px frame).
GRID = 16
STRIDE = 4
# Mean absolute change of the cells (0-255) from which the picture jumped. Measured on clips of eval-public
# photos: sensor noise on a still picture 0.1-0.2, a cut between two photos 74-88. A limb moving covers a few
# hundredths of the picture (a change of a few levels); a missed jump costs a wrong pose, a false one only a
# fresh detection, so the line sits nearer the still picture.
JUMP_MEAN_CHANGE = 12.0

Thumbnail = npt.NDArray[np.float64]


def thumbnail(image_rgb: npt.NDArray[np.uint8]) -> Thumbnail:
    """The picture as GRID x GRID cells of mean brightness."""
    sampled = image_rgb[::STRIDE, ::STRIDE]
    rows, columns = sampled.shape[0] // GRID * GRID, sampled.shape[1] // GRID * GRID
    if rows == 0 or columns == 0:  # a picture too small to split: one cell
        return np.asarray([[float(sampled.mean())]])
    cells = sampled[:rows, :columns].reshape(GRID, rows // GRID, GRID, columns // GRID, -1)
    return np.asarray(cells.mean(axis=(1, 3, 4)), dtype=np.float64)


def jumped(before: Thumbnail | None, after: Thumbnail) -> bool:
    """Whether the picture changed all at once between two frames (never for the first frame of a stream)."""
    if before is None:
        return False
    if before.shape != after.shape:  # the frames changed size: another picture
        return True
    return float(np.abs(after - before).mean()) > JUMP_MEAN_CHANGE
