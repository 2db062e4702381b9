"""Sentence vectors (an adapter: reads model files installed with crest)."""
