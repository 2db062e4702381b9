"""The position check: is this person lying in the constructive rest position, and what should they change?

Pure core: `landmarks` (33-point body), `body` (measurements), `views` (camera placement), `rules` (a verdict
per criterion), `result` (what a check returns). Adapters: `estimator` (MediaPipe), media, overlay, camera.
The `service` ties them together for the CLI and the web app.
"""
