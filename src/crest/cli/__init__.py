"""Command-line entry points: parse, call a service, render. Heavy imports stay inside the commands."""
