"""Python API over an event database: `dyad.open("dyad.db")` returns DataFrames.

    db = dyad.open("dyad.db")
    db.events(dyad="CHN-RUS", date_from="2026-01-01")   # merged events, same filters as the CLI
    db.mentions(event_id=7)                              # the evidence of one event
    db.articles(language="ar")
    db.actors(country="RUS")
    db.ingest(["articles/"])                              # run the pipeline and store
"""
from __future__ import annotations

from .query import FILTERS, failures, iter_actors, iter_articles, iter_events, mentions_rows
from .store import connect


class Database:
    def __init__(self, url: str = "dyad.db"):
        self.db = connect(url)

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def ingest(self, paths, progress: bool = False):
        from .ingest import ingest

        return ingest(paths, self.db, progress=progress)

    def events(self, sort: str = "-date", limit: int | None = None, **filters):
        import pandas as pd

        rows = []
        for r in iter_events(self.db, {k: v for k, v in filters.items() if k in FILTERS}, sort):
            rows.append(r)
            if limit is not None and len(rows) >= limit:
                break
        df = pd.DataFrame(rows)
        if not df.empty:
            df["languages"] = df["languages"].fillna("").str.split(",")
        return df

    def mentions(self, event_id: int | None = None, article_id: int | None = None, language: str | None = None):
        import pandas as pd

        return pd.DataFrame(mentions_rows(self.db, event_id, article_id, language))

    def articles(self, language: str | None = None, source: str | None = None, with_text: bool = False,
                 sort: str = "id", **filters):
        """Stored articles, filtered like `GET /api/articles` (dyad.query.ARTICLE_FILTERS)."""
        import pandas as pd

        filters.update(language=language, source=source)
        return pd.DataFrame(list(iter_articles(self.db, filters, sort, with_text=with_text)))

    def actors(self, country: str | None = None, kind: str | None = None, sort: str = "-mentions", **filters):
        """Actors seen in the stored articles, with how often they are mentioned (and in how
        many articles), filtered like `GET /api/actors` (dyad.query.ACTOR_FILTERS)."""
        import pandas as pd

        filters.update(country=country, kind=kind)
        return pd.DataFrame(list(iter_actors(self.db, filters, sort)))

    def failures(self):
        import pandas as pd

        return pd.DataFrame(failures(self.db))
