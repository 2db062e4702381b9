"""The local web app: FastAPI routes and Jinja2 pages over the same services as the CLI.

`create_app` lives in `crest.web.app`; importing this package loads nothing heavy.
"""
