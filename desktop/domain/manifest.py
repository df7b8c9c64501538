"""The content manifest: metadata + SHA-256 of every file, hashed.  A sign-off binds to it."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from desktop.domain.request import CONTENT_FIELDS, PublicationRequest

MANIFEST_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def manifest_of(request: PublicationRequest) -> dict[str, Any]:
    """The canonical manifest of what will be published (dict, JSON-ready)."""
    metadata = {name: _plain(getattr(request, name)) for name in CONTENT_FIELDS}
    files = [
        {"position": a.position, "display_name": a.display_name, "web_name": a.web_name,
         "media_type": a.media_type, "size": a.size, "sha256": a.sha256,
         "caption": a.caption, "alt_text": a.alt_text,
         "published_sha256": a.published_sha256 or a.sha256,
         "published_size": a.published_size or a.size}
        for a in sorted(request.attachments, key=lambda a: (a.position, a.web_name))
    ]
    return {"version": MANIFEST_VERSION, "metadata": metadata, "files": files}


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=_plain).encode("utf-8")


def manifest_hash(request: PublicationRequest) -> str:
    return hashlib.sha256(canonical_json(manifest_of(request))).hexdigest()
