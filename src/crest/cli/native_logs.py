"""What MediaPipe's and FFmpeg's C++ code prints on stderr, kept off the terminal of the commands that load them."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def native_logs_silenced() -> Iterator[None]:
    """Hide what MediaPipe's and FFmpeg's C++ code prints on stderr; Python's own stderr keeps working.

    The native libraries write straight to file descriptor 2 and ignore every logging setting, so that
    descriptor goes to /dev/null while `sys.stderr` (progress bars, messages, tracebacks) gets a copy of the
    real one.
    """
    try:
        real_fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # stderr replaced by something without a descriptor
        yield
        return
    sys.stderr.flush()
    saved_fd = os.dup(real_fd)
    python_stderr = sys.stderr
    replacement = os.fdopen(os.dup(saved_fd), "w", buffering=1, encoding="utf-8", errors="replace")
    null_fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null_fd, real_fd)
    os.close(null_fd)
    sys.stderr = replacement
    try:
        yield
    finally:
        replacement.flush()
        sys.stderr = python_stderr
        os.dup2(saved_fd, real_fd)
        os.close(saved_fd)
        replacement.close()
