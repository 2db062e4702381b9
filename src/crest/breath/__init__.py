"""Breath and stillness from camera frames: a breathing rate per window, only when it is sure, and movements.

Pure: reasons, resample, rate, stillness, analysis, result (numpy only; no camera, clock or file).
Frames: trunk (the box from the pose), motion (the fit on the pictures, OpenCV), tracker (frames in, result out).
"""
