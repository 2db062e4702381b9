"""Use cases, written once: every door (the CLI, the web app) calls these."""
