"""Body movements become events with a start time; single moving frames and jitter do not."""

from crest.breath.stillness import MovementLog


def log_of(moving_times: list[float], step_s: float = 0.125, end_s: float = 60.0) -> list[float]:
    log = MovementLog()
    time_s = 0.0
    while time_s < end_s:
        log.update(time_s, any(abs(time_s - t) < 1e-9 for t in moving_times))
        time_s = round(time_s + step_s, 6)
    return log.starts_s


def test_a_confirmed_movement_starts_at_its_first_moving_frame() -> None:
    assert log_of([10.0, 10.125, 10.25]) == [10.0]


def test_a_single_moving_frame_is_not_a_movement() -> None:
    assert log_of([10.0, 30.0]) == []


def test_motion_with_short_pauses_is_one_movement() -> None:
    fidgeting = [20.0 + 0.5 * k for k in range(12)]  # every half second for six seconds
    assert log_of(fidgeting) == [20.0]


def test_movements_after_a_still_time_are_new_ones() -> None:
    assert log_of([5.0, 5.125, 15.0, 15.25, 15.5]) == [5.0, 15.0]
