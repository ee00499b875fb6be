"""dyad: multilingual news to political event data, with the evidence."""
__version__ = "0.1.0"


def extract(text: str, **meta):
    """Code one article given as text; returns a `Doc` with its events."""
    from .pipeline import extract as _extract

    return _extract(text, **meta)


def open(path: str = "dyad.db"):  # noqa: A001 - the API is dyad.open(), like sqlite3
    """Open an event database; see `dyad.store.Database`."""
    from .api import Database

    return Database(path)
