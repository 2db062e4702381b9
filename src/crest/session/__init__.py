"""A guided session: the cue timeline and the state machine that runs it against an injected clock."""
