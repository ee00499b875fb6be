"""`POST /api/ingest`: one article (JSON, form fields or a file upload) through the
pipeline into the database. Needs a write key; the body is bounded (413 past the
server's --max-body) and read only after the key was checked."""
from __future__ import annotations

import json

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from . import schemas as S
from .keys import write_access

router = APIRouter(prefix="/api", tags=["api"])
FIELDS = ("text", "title", "url", "published", "language")
TEXT = {"type": "string", "pattern": r"[^\s\x00]", "description": "the article (not only blanks)"}
PROPERTIES = {**{k: {"type": ["string", "null"]} for k in FIELDS}, "text": TEXT}
BODY_DOC = {
    "required": True,
    "content": {
        "application/json": {"schema": {"type": "object", "properties": PROPERTIES, "required": ["text"]}},
        "multipart/form-data": {"schema": {
            "type": "object", "anyOf": [{"required": ["text"]}, {"required": ["file"]}],
            "properties": {**PROPERTIES, "file": {"type": "string", "format": "binary",
                                                  "description": "a text file (binary files answer 400)"}}}},
    },
}


async def read_fields(request: Request) -> tuple[dict, tuple[str, bytes] | None]:
    """The article's fields and an uploaded file (name, bytes), if any."""
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/json"):
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            raise HTTPException(400, "the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise HTTPException(400, "send a JSON object with `text`")
        wrong = [k for k in FIELDS if body.get(k) is not None and not isinstance(body[k], str)]
        if wrong:
            raise HTTPException(400, f"{', '.join(wrong)}: expected a string")
        return {k: body.get(k) for k in FIELDS}, None
    if ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        limit = request.app.state.dyad.settings.max_body
        try:
            form = await request.form(max_files=1, max_fields=20, max_part_size=limit)
        except HTTPException:
            raise
        except Exception as e:
            raise HTTPException(400, f"could not read the form: {str(e)[:200]}") from None
        upload = form.get("file")
        file = None
        if upload is not None and hasattr(upload, "read"):
            file = (upload.filename or "upload", await upload.read())
        return {k: form.get(k) if isinstance(form.get(k), str) else None for k in FIELDS}, file
    raise HTTPException(415, "send application/json or a multipart form")


def ingest_one(db, fields: dict, file: tuple[str, bytes] | None) -> dict:
    from ..doc import Doc
    from ..ingest import Summary, store_doc
    from ..pipeline import run
    from ..query import latest_article_id
    from ..readers import InputError, decode_bytes

    text = fields.get("text")
    if file is not None:
        try:
            text = decode_bytes(file[1], file[0])
        except InputError as e:
            raise HTTPException(400, str(e)) from None
    if isinstance(text, str):
        text = text.replace("\x00", "")
    if not isinstance(text, str) or not text.strip():
        raise HTTPException(400, "send `text` (JSON or form field) or a file upload")
    url = fields.get("url") if isinstance(fields.get("url"), str) else None
    name = url or (file[0] if file else "<api>")
    doc = Doc(input=name, raw=text)
    doc.url = url
    for k in ("title", "published", "language"):
        if isinstance(fields.get(k), str) and fields[k]:
            doc.meta[f"given_{k}"] = fields[k]
    doc = run(doc)
    summary = Summary()
    store_doc(db, doc, summary)
    aid = latest_article_id(db, name)
    return {"article_id": aid, "new": summary.new, "unchanged": summary.unchanged, "updated": summary.updated,
            "error": doc.error, "events": len(doc.events)}


@router.post("/ingest", summary="Code one article and store it (needs a write key)",
             dependencies=[Depends(write_access)], openapi_extra={"requestBody": BODY_DOC},
             responses={**S.ok(S.IngestResult), **S.errors(400, 401, 403, 413, 429),
                        415: {"model": S.Error, "description": "unsupported content type"}})
async def api_ingest(request: Request):
    fields, file = await read_fields(request)
    try:
        return await run_in_threadpool(lambda: ingest_one(request.app.state.dyad.db(), fields, file))
    finally:
        request.app.state.dyad.changed()
