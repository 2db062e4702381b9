"""One window of the breath signal: a rate in breaths a minute, or no reading and the reason why.

Two independent estimates must agree: the peak of the spectrum (Hann window, zero-padded) and a count of
whole breaths (from one rising crossing of the smoothed signal, with hysteresis, to the next). Each stretch
between gaps is detrended on its own, and the signal is clipped at a few robust deviations. A breath much
longer than the others (a sigh or a yawn, at most one per 30 s) is left out of both, so that it does not drag
the rate. The reading is the mean of the two estimates. The gates, in order:
- weak_motion: the breathing movement is smaller than a floor tied to the trunk's size, or than the fit's noise;
- irregular: the spectrum is not concentrated around one rhythm (and its first harmonic), or fewer than two
  ordinary breaths could be counted;
- disagree: the spectral rate and the counted rate differ by more than a breath a minute or so.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from crest.breath.reasons import Reason
from crest.breath.resample import NO_SEGMENT

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

# Breathing at rest lies in this band (breaths a minute); the spectrum's peak is looked for here ...
BAND_BPM = (4.0, 40.0)
# ... and its concentration is measured against all the power in this wider band.
TOTAL_BAND_BPM = (3.0, 60.0)
FFT_SIZE = 4096
# A stretch between gaps shorter than this holds too little of a breath to detrend: it is left out.
MIN_PIECE_S = 6.0
# Clip at this many robust deviations (1.4826 x MAD): a regular breath stays whole, a sigh is cut down.
CLIP_DEVIATIONS = 2.0
# The count looks at the signal smoothed over this long, with crossings this share of the half range apart.
COUNT_SMOOTH_S = 1.0
COUNT_HYSTERESIS = 0.25
# A breath longer than this many times the window's typical breath is a sigh or a yawn: not counted.
LONG_BREATH = 1.6
# At most one such breath per this many seconds, taking at most this share of the window, is left out.
SIGH_EVERY_S = 30.0
MAX_SIGH_SHARE = 0.4
# Gates.
MIN_CONCENTRATION = 0.5
AGREE_BPM = 1.2
AGREE_SHARE = 0.1
MIN_AMPLITUDE_TRUNK = 0.0005  # peak-to-peak, in trunk lengths
MIN_AMPLITUDE_NOISE = 8.0  # peak-to-peak, in the fit's standard errors of one frame


@dataclass(frozen=True)
class RateReading:
    """What one window showed; `rate_bpm` is None exactly when `reason` says why."""

    rate_bpm: float | None
    reason: Reason | None
    spectral_bpm: float | None = None
    count_bpm: float | None = None
    concentration: float = 0.0
    amplitude_px: float = 0.0


def read_rate(values: Floats, segments: Ints, hz: float, trunk_px: float, noise_px: float) -> RateReading:
    """The rate of one window of grid samples (NaN in gaps; `segments` tells apart incomparable stretches)."""
    signal, pieces = _detrended(values, segments, hz)
    if not pieces:
        return RateReading(None, "too_few_frames")
    measured = ~np.isnan(signal)
    smoothed = _smoothed(signal, pieces, hz)
    low, high = np.percentile(smoothed[measured], [5, 95])
    amplitude_px = float(high - low)
    limit = CLIP_DEVIATIONS * 1.4826 * float(np.median(np.abs(signal[measured])))
    breaths = _breaths(np.clip(smoothed, -limit, limit), pieces)
    long_breaths = _sighs(breaths, int(measured.sum()), hz)
    ordinary = [breath for breath in breaths if breath not in long_breaths]
    count_bpm = len(ordinary) / sum(end - start for start, end in ordinary) * hz * 60 if len(ordinary) >= 2 else None
    # The spectrum sees the ordinary breaths only: a sigh's stretch is left out like a gap.
    for start, end in long_breaths:
        signal[int(start) : int(np.ceil(end))] = np.nan
    spectral_bpm, concentration = _spectral(np.clip(np.nan_to_num(signal), -limit, limit), hz)
    reading = RateReading(None, None, spectral_bpm, count_bpm, concentration, amplitude_px)
    if amplitude_px < max(MIN_AMPLITUDE_TRUNK * trunk_px, MIN_AMPLITUDE_NOISE * noise_px):
        return _without(reading, "weak_motion")
    if concentration < MIN_CONCENTRATION or count_bpm is None:
        return _without(reading, "irregular")
    if abs(spectral_bpm - count_bpm) > max(AGREE_BPM, AGREE_SHARE * spectral_bpm):
        return _without(reading, "disagree")
    return RateReading((spectral_bpm + count_bpm) / 2, None, spectral_bpm, count_bpm, concentration, amplitude_px)


def _without(reading: RateReading, reason: Reason) -> RateReading:
    return RateReading(
        None, reason, reading.spectral_bpm, reading.count_bpm, reading.concentration, reading.amplitude_px
    )


def _pieces(segments: Ints) -> list[tuple[int, int]]:
    """[start, end) of each run of one segment."""
    runs = []
    start = 0
    for index in range(1, segments.size + 1):
        if index == segments.size or segments[index] != segments[start]:
            if segments[start] != NO_SEGMENT:
                runs.append((start, index))
            start = index
    return runs


def _detrended(values: Floats, segments: Ints, hz: float) -> tuple[Floats, list[tuple[int, int]]]:
    """Each long enough stretch with its straight-line trend removed; NaN elsewhere."""
    signal = np.full(values.shape, np.nan)
    kept = []
    for start, end in _pieces(np.where(np.isnan(values), NO_SEGMENT, segments)):
        if end - start < MIN_PIECE_S * hz:
            continue
        times = np.arange(end - start, dtype=np.float64)
        slope, intercept = np.polyfit(times, values[start:end], 1)
        signal[start:end] = values[start:end] - (slope * times + intercept)
        kept.append((start, end))
    return signal, kept


def _smoothed(signal: Floats, pieces: list[tuple[int, int]], hz: float) -> Floats:
    width = max(1, round(COUNT_SMOOTH_S * hz))
    kernel = np.ones(width) / width
    out = np.full(signal.shape, np.nan)
    for start, end in pieces:
        piece = signal[start:end]
        # Normalised so the ends are averages of what is there, not pulled towards zero.
        out[start:end] = np.convolve(piece, kernel, "same") / np.convolve(np.ones_like(piece), kernel, "same")
    return out


def _spectral(signal: Floats, hz: float) -> tuple[float, float]:
    """(the strongest rhythm in the breathing band, the share of power around it and its first harmonic)."""
    duration_s = signal.size / hz
    power = np.abs(np.fft.rfft(signal * np.hanning(signal.size), FFT_SIZE)) ** 2
    bpm = np.fft.rfftfreq(FFT_SIZE, 1 / hz) * 60
    band = np.flatnonzero((bpm >= BAND_BPM[0]) & (bpm <= BAND_BPM[1]))
    peak = int(band[np.argmax(power[band])])
    peak_bpm = float(bpm[peak])
    neighbours = power[peak - 1 : peak + 2]
    if neighbours.min() > 0 and power[peak] >= neighbours.max():  # a true peak, not the band's edge
        before, at, after = np.log(neighbours)
        curvature = before - 2 * at + after
        if curvature < 0:
            peak_bpm += float(0.5 * (before - after) / curvature) * float(bpm[1] - bpm[0])
    lobe_bpm = 2 / duration_s * 60  # half-width of a Hann window's main lobe
    counted = (bpm >= TOTAL_BAND_BPM[0]) & (bpm <= TOTAL_BAND_BPM[1])
    near = (np.abs(bpm - peak_bpm) <= lobe_bpm) | (np.abs(bpm - 2 * peak_bpm) <= lobe_bpm)
    total = float(power[counted].sum())
    return peak_bpm, float(power[counted & near].sum()) / total if total > 0 else 0.0


def _sighs(breaths: list[tuple[float, float]], measured: int, hz: float) -> list[tuple[float, float]]:
    """The breaths much longer than the window's typical one, when they are few enough to be sighs or yawns.

    A sigh now and then is left out; when long breaths take a large part of the window, they are the
    breathing itself (or it changed), and nothing is left out.
    """
    if not breaths:
        return []
    typical = float(np.median([end - start for start, end in breaths]))
    long_breaths = [(start, end) for start, end in breaths if end - start > LONG_BREATH * typical]
    few = len(long_breaths) <= max(1, round(measured / hz / SIGH_EVERY_S))
    short = sum(end - start for start, end in long_breaths) <= MAX_SIGH_SHARE * measured
    return long_breaths if few and short else []


def _breaths(smoothed: Floats, pieces: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Each whole breath, from one rising crossing to the next, as fractional sample positions."""
    measured = smoothed[~np.isnan(smoothed)]
    low, high = np.percentile(measured, [10, 90])
    threshold = COUNT_HYSTERESIS * (high - low) / 2
    breaths: list[tuple[float, float]] = []
    for start, end in pieces:
        crossings = [start + position for position in _rising_crossings(smoothed[start:end], threshold)]
        breaths += list(itertools.pairwise(crossings))
    return breaths


def _rising_crossings(piece: Floats, threshold: float) -> list[float]:
    """Sample positions (fractional) where the signal rises through zero on its way from -t to +t."""
    crossings: list[float] = []
    armed = False
    last_low = -1
    for index, value in enumerate(piece):
        if value <= -threshold:
            armed = True
        if value <= 0:
            last_low = index
        elif armed and value >= threshold and last_low >= 0:
            below, above = piece[last_low], piece[last_low + 1]
            crossings.append(last_low + float(-below / (above - below)) if above != below else float(last_low))
            armed = False
    return crossings
