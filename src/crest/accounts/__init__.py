"""Practice mode's accounts: who someone is (model), what they may do (permissions), how they prove it (passwords)."""
