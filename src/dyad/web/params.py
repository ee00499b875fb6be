"""Query-string models built from the vocabulary in `dyad.query`: each filter, sort key,
limit and cursor is declared once there, documented in the OpenAPI schema from here, and
any other parameter is refused (422 naming it)."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, create_model

from .. import query as Q

Format = Literal["json", "csv"]


def _field(f: Q.Filter):
    if f.kind is int:
        return Optional[int], Field(None, ge=f.ge, le=f.le, description=f.doc)
    if f.kind is float:
        return Optional[float], Field(None, ge=f.ge, le=f.le, allow_inf_nan=False, description=f.doc)
    if f.choices:
        return Optional[Literal[f.choices]], Field(None, description=f.doc)
    return Optional[str], Field(None, max_length=Q.MAX_VALUE, pattern=f.pattern, description=f.doc)


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def filters(self) -> dict:
        names = getattr(self, "_filter_names", ())
        return {k: v for k, v in self.model_dump(include=set(names)).items() if v is not None and v != ""}


def params_model(name: str, filters: dict[str, Q.Filter], sorts: dict | None = None, default_sort: str = "",
                 default_limit: int = 100, fmt: bool = True, extra: dict | None = None) -> type[_Params]:
    fields = {k: _field(f) for k, f in filters.items()}
    if sorts is not None:
        fields["limit"] = (int, Field(default_limit, ge=1, le=Q.MAX_LIMIT,
                                      description=f"rows per page, 1-{Q.MAX_LIMIT}"))
        fields["sort"] = (Literal[tuple(Q.sort_names(sorts))],
                          Field(default_sort, description="sort key; prefix - for descending"))
        fields["cursor"] = (Optional[str], Field(None, max_length=2000,
                                                 description="the `next` value of the previous page"))
    if fmt:
        fields["format"] = (Optional[Format], Field(None, alias="_format", description="json (default) or csv"))
    fields.update(extra or {})
    model = create_model(name, __base__=_Params, **fields)
    model._filter_names = tuple(filters)
    return model


def _without(spec: dict, *names: str) -> dict:
    return {k: v for k, v in spec.items() if k not in names}


Interval = Literal["day", "week", "month"]
EventParams = params_model("EventParams", Q.EVENT_FILTERS, Q.SORTS_SPEC, "-date", extra={
    "mentions": (int, Field(5, ge=0, le=1000, description="mentions listed per event, the first stored "
                            "(a page stays small however often an event was reported; num_mentions counts "
                            "them all and /api/events/{id} lists them all)"))})
ArticleParams = params_model("ArticleParams", Q.ARTICLE_FILTERS, Q.ARTICLE_SORTS, "id")
ActorParams = params_model("ActorParams", Q.ACTOR_FILTERS, Q.ACTOR_SORTS, "id")
TimelineParams = params_model("TimelineParams", _without(Q.EVENT_FILTERS, "dyad"),
                              extra={"interval": (Interval, Field("week", description="day, week or month"))})
StoryParams = params_model("StoryParams", {}, fmt=False, extra={
    "min_articles": (int, Field(2, ge=1, le=1_000_000, description="stories with at least this many articles"))})
NoParams = params_model("NoParams", {}, fmt=False)

# the pages take the same vocabulary (no CSV, fewer rows)
EventPageParams = params_model("EventPageParams", Q.EVENT_FILTERS, Q.SORTS_SPEC, "-date", 50, fmt=False)
DyadPageParams = params_model("DyadPageParams", _without(Q.EVENT_FILTERS, "dyad"), Q.SORTS_SPEC, "-date", 100,
                              fmt=False, extra={"interval": (Interval, Field("week", description="day, week or month"))})
