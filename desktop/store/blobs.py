"""Attachments live in the database as chunked, content-addressed blobs, verified on read."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain.errors import UserError
from desktop.store.insert_once import insert_once
from desktop.store.models import BlobChunkRow, BlobRow

CHUNK_SIZE = 1024 * 1024


def put_bytes(session: Session, data: bytes) -> tuple[str, int]:
    """Store ``data`` once (content-addressed); return (sha256, size)."""
    sha = hashlib.sha256(data).hexdigest()
    if session.get(BlobRow, sha) is not None:
        return sha, len(data)
    chunks = [data[i:i + CHUNK_SIZE] for i in range(0, len(data), CHUNK_SIZE)] or [b""]
    if not _insert_blob_row(session, sha, len(data), len(chunks)):
        return sha, len(data)
    for seq, chunk in enumerate(chunks):
        session.add(BlobChunkRow(blob_sha256=sha, seq=seq, data=chunk))
    session.flush()
    return sha, len(data)


def put_stream(session: Session, stream: BinaryIO) -> tuple[str, int]:
    """Store a file without holding it all in memory twice."""
    # Hash first (one pass), then write chunks (second pass) so an existing blob costs no writes.
    digest = hashlib.sha256()
    size = 0
    stream.seek(0)
    for chunk in iter(lambda: stream.read(CHUNK_SIZE), b""):
        digest.update(chunk)
        size += len(chunk)
    sha = digest.hexdigest()
    if session.get(BlobRow, sha) is not None:
        return sha, size
    stream.seek(0)
    seq = 0
    if not _insert_blob_row(session, sha, size, 0):
        return sha, size
    for chunk in iter(lambda: stream.read(CHUNK_SIZE), b""):
        session.add(BlobChunkRow(blob_sha256=sha, seq=seq, data=chunk))
        seq += 1
        if seq % 16 == 0:
            session.flush()
    if seq == 0:
        session.add(BlobChunkRow(blob_sha256=sha, seq=0, data=b""))
        seq = 1
    session.execute(update(BlobRow).where(BlobRow.sha256 == sha).values(chunk_count=seq))
    return sha, size


def _insert_blob_row(session: Session, sha: str, size: int, chunk_count: int) -> bool:
    """Insert the blob's row unless it is there; False when it is (nothing to write).

    Two PCs attaching the same file at once both find no row and both insert: the second
    waits for the first's transaction and then does nothing, instead of failing on the
    duplicate key (the race test saw that on PostgreSQL) — the content is the same.
    """
    return insert_once(session, BlobRow, "sha256", sha256=sha, size=size,
                       chunk_count=chunk_count, created_at=datetime.now())


def iter_chunks(session: Session, sha256: str) -> Iterator[bytes]:
    """Yield the blob's chunks; raise UserError('blob_corrupt') if the content does not match."""
    blob = session.get(BlobRow, sha256)
    if blob is None:
        raise UserError("blob_corrupt", sha256=sha256[:12])
    digest = hashlib.sha256()
    size = 0
    for seen, seq in enumerate(range(blob.chunk_count), start=1):
        chunk = session.execute(
            select(BlobChunkRow.data).where(BlobChunkRow.blob_sha256 == sha256,
                                            BlobChunkRow.seq == seq)).scalar_one_or_none()
        if chunk is None:
            raise UserError("blob_corrupt", sha256=sha256[:12])
        digest.update(chunk)
        size += len(chunk)
        if seen == blob.chunk_count and (digest.hexdigest() != sha256 or size != blob.size):
            raise UserError("blob_corrupt", sha256=sha256[:12])
        yield bytes(chunk)
    if blob.chunk_count == 0 and sha256 != hashlib.sha256(b"").hexdigest():
        raise UserError("blob_corrupt", sha256=sha256[:12])


def read_bytes(session: Session, sha256: str) -> bytes:
    """The whole blob, verified against its SHA-256 before it is returned."""
    return b"".join(list(iter_chunks(session, sha256)))


def export(session: Session, sha256: str, target: Path) -> int:
    """Write the blob to ``target`` one chunk at a time (never whole in memory), verified
    against its SHA-256; on any failure the partial file is removed.  Returns the size."""
    size = 0
    try:
        with target.open("xb") as handle:
            for chunk in iter_chunks(session, sha256):
                handle.write(chunk)
                size += len(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return size


def exists(session: Session, sha256: str) -> bool:
    return session.get(BlobRow, sha256) is not None
