"""The journal: practice sessions, check-ins, safety answers and settings, kept in one database.

`records` is the pure domain (validation, no SQL); `store` is the SQLAlchemy adapter; `transfer` reads and
writes CSV/JSON; `recovery` marks sessions whose process died. Importing this package loads none of them.
"""
