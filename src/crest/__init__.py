"""crest: a calm coach for the constructive rest position."""


def installed_version() -> str:
    """The version of the crest installed here, as its package metadata says (0.0.0 when run from a bare tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("crest")
    except PackageNotFoundError:
        return "0.0.0"
