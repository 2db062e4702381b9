"""Shared test helpers (a fake clock, picture and media helpers), importable as `support` from every test."""
