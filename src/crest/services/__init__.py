"""The application layer: each use case that touches the journal, written once and called by every door."""
