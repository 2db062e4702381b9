"""crest: a calm coach for the constructive rest position."""

__version__ = "0.1.0"
