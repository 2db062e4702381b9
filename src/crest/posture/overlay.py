"""The annotated picture: the skeleton, measured angles and distances, and a coloured badge per criterion.

Meant to be read without the JSON: the picture is enlarged to a readable size and a panel beside it lists
every criterion (green ok, orange adjust, grey cannot tell) with the measurement, the target and the
instruction.
OpenCV's fonts know only ASCII, so texts are transliterated ("deg" for the degree sign).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from crest.posture.body import SEEN, angle_at_deg
from crest.posture.landmarks import Pose
from crest.posture.result import CRITERION_NAMES, SURE, CheckResult, CriterionResult
from crest.posture.vocabulary import VIEW_LABELS, Status, criterion_label

if TYPE_CHECKING:
    from crest.posture.media import RgbImage

Colour = tuple[int, int, int]  # RGB

STATUS_COLOURS: Mapping[str, Colour] = {
    "ok": (46, 160, 67),
    "adjust": (235, 130, 20),
    "not_visible": (130, 130, 130),
}
SETTLING_COLOUR: Colour = (90, 90, 90)
WHITE: Colour = (255, 255, 255)
# Upper case reads as a badge in the panel; the words are the vocabulary's.
STATUS_WORDS: Mapping[str, str] = {Status.OK: "OK", Status.ADJUST: "ADJUST", Status.NOT_VISIBLE: "CAN'T TELL"}

# Body segments drawn as the skeleton (face points left out: they clutter a small head).
SKELETON: tuple[tuple[str, str], ...] = (
    ("left_shoulder", "right_shoulder"),
    ("left_hip", "right_hip"),
    *(
        pair
        for side in ("left", "right")
        for pair in (
            (f"{side}_shoulder", f"{side}_hip"),
            (f"{side}_shoulder", f"{side}_elbow"),
            (f"{side}_elbow", f"{side}_wrist"),
            (f"{side}_hip", f"{side}_knee"),
            (f"{side}_knee", f"{side}_ankle"),
            (f"{side}_ankle", f"{side}_heel"),
            (f"{side}_heel", f"{side}_foot_index"),
            (f"{side}_ankle", f"{side}_foot_index"),
            (f"{side}_ear", f"{side}_shoulder"),
        )
    ),
)
# Where a criterion's measurement is written on the body.
ANCHORS: Mapping[str, str] = {
    "heel_distance": "left_heel",
    "arms_below_shoulders": "left_elbow",
    "head_level": "nose",
    "head_resting": "left_ear",
    "hips_down": "left_hip",
    "feet_flat": "left_foot_index",
    "knee_width": "right_knee",
}

# The picture is scaled so that the skeleton and texts are readable.
PICTURE_HEIGHT_PX = 720
PANEL_WIDTH_PX = 520
FONT_SCALE = 0.55
LINE_PX = 22


def plain_text(text: str) -> str:
    """ASCII for OpenCV's Hershey fonts."""
    replaced = (
        text.replace("\u00b0", " deg")
        .replace("\u2013", "-")
        .replace("\u2014", "-")
        .replace("\u2192", "->")
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u00d7", "x")
        .replace("\u2264", "<=")
        .replace("\u2265", ">=")
    )
    return replaced.encode("ascii", "replace").decode("ascii")


def wrap(text: str, max_chars: int) -> list[str]:
    """Words wrapped into lines of at most `max_chars` characters (a longer word gets its own line)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= max_chars or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def criterion_lines(criterion: CriterionResult, shown: str | None) -> list[str]:
    """The badge text of one criterion shown as `shown` (None: still settling): label, measurement, advice."""
    word = STATUS_WORDS.get(shown or "", "SETTLING")
    if shown in (Status.OK, Status.ADJUST) and criterion.confidence < SURE:
        word += " (not sure)"
    lines = [f"{criterion_label(criterion.name)}: {word}"]
    if criterion.status == Status.NOT_VISIBLE and criterion.measured_line:
        lines.append(criterion.measured_line)  # measured, yet too near the limit to tell: not a judged measure
    elif criterion.measured:
        detail = f"measured {criterion.measured}"
        if criterion.target and shown != Status.NOT_VISIBLE:
            detail += f", target {criterion.target}"
        lines.append(detail)
    if criterion.advice and shown != Status.OK:
        lines.append(criterion.advice_line)
    return lines


Box = tuple[int, int, int, int]  # left, top, right, bottom


class LabelPlacer:
    """Puts labels near their body points without covering one another (or leaving the picture)."""

    # Offsets tried around a point, nearest first, in line heights.
    TRIES: tuple[tuple[float, float], ...] = (
        (0.5, 1.2),
        (0.5, -0.4),
        (0.5, 2.4),
        (0.5, -1.6),
        (-1.0, 1.2),
        (-1.0, -0.4),
        (0.5, 3.6),
        (0.5, -2.8),
        (-1.0, 2.4),
        (-1.0, -1.6),
        (0.5, 4.8),
        (0.5, -4.0),
    )

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.placed: list[Box] = []

    def place(self, text_width: int, text_height: int, anchor: tuple[int, int]) -> tuple[int, int] | None:
        """The baseline origin for a label near `anchor`, or None when there is no free place."""
        line = text_height + 8
        for dx, dy in self.TRIES:
            x = anchor[0] + (round(dx * line) if dx > 0 else round(dx * line) - text_width)
            y = anchor[1] + round(dy * line)
            x = max(2, min(x, self.width - text_width - 4))
            y = max(text_height + 2, min(y, self.height - 4))
            box = (x - 2, y - text_height - 3, x + text_width + 2, y + 5)
            if not any(_overlap(box, other) for other in self.placed):
                self.placed.append(box)
                return x, y
        return None


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _draw_text(
    canvas: RgbImage,
    text: str,
    origin: tuple[int, int],
    colour: Colour,
    scale: float = FONT_SCALE,
    thickness: int = 1,
    placer: LabelPlacer | None = None,
) -> None:
    """Write `text` at `origin` (panel), or with `placer` at the nearest free place around it (picture)."""
    import cv2

    ascii_text = plain_text(text)
    font = cv2.FONT_HERSHEY_SIMPLEX
    (text_width, text_height), _ = cv2.getTextSize(ascii_text, font, scale, thickness)
    if placer is not None:
        free = placer.place(text_width, text_height, origin)
        if free is None:
            return  # the panel still lists it: better missing here than written over another label
        x, y = free
    else:
        # Keep labels near the edge inside the picture.
        x = max(2, min(origin[0], canvas.shape[1] - text_width - 4))
        y = max(text_height + 2, min(origin[1], canvas.shape[0] - 4))
    # A dark outline keeps light text readable on any background.
    cv2.putText(canvas, ascii_text, (x, y), font, scale, (0, 0, 0), thickness + 2, cv2.LINE_AA)
    cv2.putText(canvas, ascii_text, (x, y), font, scale, colour, thickness, cv2.LINE_AA)


def draw_skeleton(canvas: RgbImage, pose: Pose, scale: float, placer: LabelPlacer | None = None) -> None:
    """Bones between landmarks the model has seen, joints as dots, knee angles written at the knees."""
    import cv2

    def point(name: str) -> tuple[int, int]:
        mark = pose[name]
        return round(mark.x * scale), round(mark.y * scale)

    thickness = max(2, round(scale * 2))
    for start, end in SKELETON:
        confident = min(pose[start].visibility, pose[end].visibility) >= SEEN
        colour: Colour = (80, 200, 255) if confident else (150, 150, 150)
        cv2.line(canvas, point(start), point(end), colour, thickness if confident else 1, cv2.LINE_AA)
    for name in {name for pair in SKELETON for name in pair} | {"nose"}:
        if pose[name].visibility >= SEEN:
            cv2.circle(canvas, point(name), thickness + 2, (255, 255, 255), -1, cv2.LINE_AA)
    knees = []
    for side in ("left", "right"):
        hip, knee, ankle = (pose[f"{side}_{part}"] for part in ("hip", "knee", "ankle"))
        if min(hip.visibility, knee.visibility, ankle.visibility) >= SEEN:
            knees.append((point(f"{side}_knee"), angle_at_deg(hip, knee, ankle)))
    placer = placer or LabelPlacer(canvas.shape[1], canvas.shape[0])
    close_together = len(knees) == 2 and abs(knees[0][0][0] - knees[1][0][0]) + abs(
        knees[0][0][1] - knees[1][0][1]
    ) < 120 * max(scale, 0.5)
    if close_together:  # one label for both
        (x, y), _ = min(knees, key=lambda knee: knee[0][1])
        _draw_text(canvas, f"knees {knees[0][1]:.0f} / {knees[1][1]:.0f} deg", (x, y), WHITE, placer=placer)
    else:
        for (x, y), angle_deg in knees:
            _draw_text(canvas, f"knee {angle_deg:.0f} deg", (x, y), WHITE, placer=placer)


def _draw_measurements(
    canvas: RgbImage, result: CheckResult, scale: float, statuses: Mapping[str, str], placer: LabelPlacer
) -> None:
    import cv2

    pose = result.landmarks
    if pose is None:
        return
    heel = next((criterion for criterion in result.criteria if criterion.name == "heel_distance"), None)
    if heel is not None and heel.measured:
        for side in ("left", "right"):
            hip, foot = pose[f"{side}_hip"], pose[f"{side}_heel"]
            if min(hip.visibility, foot.visibility) >= SEEN:
                colour = STATUS_COLOURS.get(statuses.get("heel_distance", heel.status), SETTLING_COLOUR)
                start = (round(hip.x * scale), round(hip.y * scale))
                end = (round(foot.x * scale), round(foot.y * scale))
                cv2.line(canvas, start, end, colour, 1, cv2.LINE_AA)
                break
    for criterion in result.criteria:
        anchor = ANCHORS.get(criterion.name)
        # A measure too near the limit to tell is said in the criterion's badge, not drawn on the body as judged.
        unjudged = criterion.status == Status.NOT_VISIBLE
        if anchor is None or not criterion.measured or unjudged or pose[anchor].visibility < SEEN:
            continue
        colour = STATUS_COLOURS.get(statuses.get(criterion.name, criterion.status), SETTLING_COLOUR)
        x, y = round(pose[anchor].x * scale), round(pose[anchor].y * scale)
        _draw_text(canvas, criterion.measured, (x, y), colour, placer=placer)


def annotate(
    image_rgb: RgbImage,
    result: CheckResult | None,
    *,
    statuses: Mapping[str, str] | None = None,
    headline: str | None = None,
    notes: Sequence[str] = (),
) -> RgbImage:
    """A new picture: the (enlarged) image with skeleton and measurements, and a panel of criterion badges.

    `statuses` overrides the shown status per criterion (the live camera shows only verdicts that have held;
    a criterion missing from it is shown as settling). `headline` replaces the result's summary; `notes` are
    extra lines under it.
    """
    import cv2
    import numpy as np

    height, width = image_rgb.shape[:2]
    scale = PICTURE_HEIGHT_PX / height
    if width * scale > 2 * PICTURE_HEIGHT_PX:  # very wide pictures: keep the canvas a sensible size
        scale = 2 * PICTURE_HEIGHT_PX / width
    size = (round(width * scale), round(height * scale))
    picture = np.asarray(cv2.resize(image_rgb, size, interpolation=cv2.INTER_LINEAR), dtype=np.uint8)
    shown = dict(statuses) if statuses is not None else None
    if result is not None and result.landmarks is not None:
        placer = LabelPlacer(picture.shape[1], picture.shape[0])
        _reserve_points(placer, result.landmarks, scale)
        draw_skeleton(picture, result.landmarks, scale, placer)
        _draw_measurements(picture, result, scale, shown if shown is not None else {}, placer)

    max_chars = (PANEL_WIDTH_PX - 40) // 10
    panel_lines = _panel(result, shown, headline, notes, max_chars)
    panel_height = 20 + sum(LINE_PX * len(lines) + 10 for _, lines in panel_lines)
    canvas_height = max(picture.shape[0], panel_height)
    canvas = np.full((canvas_height, picture.shape[1] + PANEL_WIDTH_PX, 3), 28, dtype=np.uint8)
    canvas[: picture.shape[0], : picture.shape[1]] = picture
    y = 20
    x = picture.shape[1] + 16
    for colour, lines in panel_lines:
        block_height = LINE_PX * len(lines) + 4
        if colour is not None:
            cv2.rectangle(canvas, (x - 8, y - 4), (x - 3, y + block_height - 8), colour, -1)
        for index, line in enumerate(lines):
            is_title = index == 0 and colour is not None
            text_colour: Colour = colour if (is_title and colour is not None) else (235, 235, 235)
            _draw_text(canvas, line, (x + 4, y + 12 + index * LINE_PX), text_colour, thickness=2 if is_title else 1)
        y += block_height + 6
    return canvas


def _reserve_points(placer: LabelPlacer, pose: Pose, scale: float) -> None:
    """Keep labels off the joints themselves, so the skeleton stays readable."""
    for name in {name for pair in SKELETON for name in pair}:
        mark = pose[name]
        if mark.visibility >= SEEN:
            x, y = round(mark.x * scale), round(mark.y * scale)
            placer.placed.append((x - 4, y - 4, x + 4, y + 4))


def position_badge(result: CheckResult) -> tuple[Colour, str]:
    """The badge over the summary, worded like the criteria's: "not yet" where nothing seen is off would be a
    guess, so the picture that cannot tell says so, in grey."""
    status = result.position_status
    words = {
        Status.OK: "NEARLY" if result.nearly else "YES",
        Status.ADJUST: "NOT YET",
        Status.NOT_VISIBLE: "CAN'T TELL",
    }[status]
    unsure = " (not sure)" if result.not_sure else ""  # none where the summary says what the picture can't show
    return STATUS_COLOURS[status], f"Rest position: {words}{unsure}"


def _panel(
    result: CheckResult | None,
    statuses: dict[str, str] | None,
    headline: str | None,
    notes: Sequence[str],
    max_chars: int,
) -> list[tuple[Colour | None, list[str]]]:
    blocks: list[tuple[Colour | None, list[str]]] = []
    if result is None:
        blocks.append((SETTLING_COLOUR, wrap(headline or "Nobody in view", max_chars)))
        return blocks
    position_colour, title = position_badge(result)
    blocks.append((position_colour, [title, *wrap(headline or result.summary, max_chars)]))
    for note in notes:
        blocks.append((None, wrap(note, max_chars)))
    blocks.append((None, [f"camera: {VIEW_LABELS.get(result.view, result.view)}"]))
    by_name = {criterion.name: criterion for criterion in result.criteria}
    for name in (*CRITERION_NAMES, *(n for n in by_name if n not in CRITERION_NAMES)):
        criterion = by_name.get(name)
        if criterion is None:
            continue
        status = statuses.get(name) if statuses is not None else criterion.status
        colour = STATUS_COLOURS.get(status or "", SETTLING_COLOUR)
        lines = criterion_lines(criterion, status)
        wrapped = [lines[0]] + [part for line in lines[1:] for part in wrap(line, max_chars)]
        blocks.append((colour, wrapped))
    return blocks
