"""Help content: entries written from crest's sources, the red-flag rules and the search over them."""
