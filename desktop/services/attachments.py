"""Use cases on a request's files: attach (through the file policy), replace, remove, reorder.

Every file goes through :func:`desktop.files.intake.inspect_file` — the same code as
``webdesk inspect`` — before anything is stored.  Originals are kept; images get a cleaned web
copy and a thumbnail.  A change after sign-off voids it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import NotFound, UserError
from desktop.domain.field_limits import ATTACHMENT_FIELD_LIMITS, ATTACHMENT_LABELS, check_lengths
from desktop.domain.file_policy import FilePolicy, Verdict, request_size_problem
from desktop.domain.manifest import manifest_hash
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.request import AttachmentInfo
from desktop.domain.safe_names import web_name, web_names
from desktop.domain.users import User
from desktop.domain.workflow import EDITABLE_STATES, RequestState, Role, localized
from desktop.files.images import prepare_image
from desktop.files.intake import inspect_file, read_within_limit
from desktop.services.actors import acting_in
from desktop.services.context import AppContext
from desktop.services.requests import check_transition_role, void_signoffs_if_needed
from desktop.store import attachments_repo, audit, blobs, requests_repo
from desktop.store.database import Session
from desktop.store.mapping import attachment_info, current_attachments, to_request
from desktop.store.models import AttachmentRow, RequestRow


class AttachmentMessage(MessageCode):
    FILE_REFUSED = (
        "file_refused",
        "ไม่รับไฟล์ “{name}”: {reason}", "File “{name}” refused: {reason}",
    )
    ATTACHMENT_NOT_FOUND = (
        "attachment_not_found",
        "ไม่พบไฟล์แนบ", "Attachment not found.",
    )



def file_policy(ctx: AppContext) -> FilePolicy:
    data = ctx.setting("file_policy")
    return FilePolicy.from_dict(data) if data else FilePolicy()


@dataclass(frozen=True)
class Duplicate:
    request_id: int
    reference: str
    title: str
    state: RequestState


@dataclass(frozen=True)
class AttachResult:
    attachment_id: int
    info: AttachmentInfo
    verdict: Verdict
    duplicates: tuple[Duplicate, ...]


def _editable(row: RequestRow) -> None:
    state = RequestState(row.state)
    if state not in EDITABLE_STATES:
        raise UserError("illegal_transition", action=localized_edit(), state=localized(state))


def localized_edit():  # type: ignore[no-untyped-def]
    from desktop.domain.messages import Localized

    return Localized("แก้ไขไฟล์แนบของ", "change the files of")


def find_duplicates(session: Session, sha256: str, request_id: int) -> tuple[Duplicate, ...]:
    return tuple(Duplicate(rid, reference, title, RequestState(state)) for rid, reference,
                 title, state in attachments_repo.other_requests_with(session, sha256,
                                                                       request_id))


def _check_text_lengths(caption: str, alt_text: str) -> None:
    """A caption or alternative text longer than its column: a message, before any work."""
    check_lengths({"caption": caption.strip(), "alt_text": alt_text.strip()},
                  ATTACHMENT_FIELD_LIMITS, ATTACHMENT_LABELS)


def attach_file(ctx: AppContext, actor: User, request_id: int, display_name: str, data: bytes,
                *, caption: str = "", alt_text: str = "",
                replaces: int | None = None) -> AttachResult:
    """Inspect and store one file.  A refused file raises ``file_refused``; nothing is saved."""
    check_transition_role(actor, "attach")
    _check_text_lengths(caption, alt_text)
    policy = file_policy(ctx)
    verdict = inspect_file(data, display_name, policy)
    if not verdict.accepted:
        raise UserError(AttachmentMessage.FILE_REFUSED, name=verdict.display_name,
                        reason=verdict.reason(ctx.lang), verdict=verdict)
    prepared = prepare_image(data, policy) if verdict.kind and verdict.kind.is_image else None
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.WEBMASTER, now=ctx.now())
        row = requests_repo.load(session, request_id, lock=True)
        _editable(row)
        before = manifest_hash(to_request(row))
        current = current_attachments(row)
        old: AttachmentRow | None = None
        if replaces is not None:
            old = next((a for a in current if a.id == replaces), None)
            if old is None:
                raise NotFound(AttachmentMessage.ATTACHMENT_NOT_FOUND)
        sizes = [a.size for a in current if a is not old] + [len(data)]
        problem = request_size_problem(sizes, policy)
        if problem is not None:
            raise problem
        sha, size = blobs.put_bytes(session, data)
        web_sha = web_size = thumb_sha = None
        if prepared is not None:
            web_sha, web_size = blobs.put_bytes(session, prepared.web_bytes)
            thumb_sha, _ = blobs.put_bytes(session, prepared.thumbnail_bytes)
        taken = [a.web_name for a in current if a is not old]
        extension = verdict.kind.extensions[0] if verdict.kind else None
        position = old.position if old is not None else \
            max((a.position for a in current), default=0) + 1
        candidate = web_name(verdict.display_name, position, extension)
        (name,) = web_names([candidate], taken=taken)
        attachment = AttachmentRow(
            request_id=row.id, position=position, display_name=verdict.display_name,
            web_name=name, media_type=verdict.media_type, kind=verdict.kind.value if verdict.kind
            else "", size=size, sha256=sha, web_copy_sha256=web_sha, web_copy_size=web_size,
            thumbnail_sha256=thumb_sha, caption=caption.strip() or (old.caption if old else ""),
            alt_text=alt_text.strip() or (old.alt_text if old else ""),
            verdict=json.dumps(verdict.to_dict("en"), ensure_ascii=False),
            version=(old.version + 1) if old else 1, replaces_id=old.id if old else None,
            added_by=actor.id, added_at=ctx.now())
        if old is not None:
            old.superseded_at = ctx.now()
        session.add(attachment)
        session.flush()
        session.refresh(row)
        audit.append(session, action="attachment_replaced" if old else "attachment_added",
                     actor_id=actor.id, actor_name=actor.username, workstation=ctx.workstation,
                     request_id=row.id, details={"attachment_id": attachment.id,
                                                 "name": verdict.display_name, "sha256": sha,
                                                 "size": size, "replaces": replaces})
        _after_change(session, ctx, row, before, actor)
        duplicates = find_duplicates(session, sha, row.id)
        return AttachResult(attachment.id, attachment_info(attachment), verdict, duplicates)


def attach_path(ctx: AppContext, actor: User, request_id: int,
                path: str | os.PathLike[str], display_name: str | None = None, *,
                caption: str = "", alt_text: str = "",
                replaces: int | None = None) -> AttachResult:
    """Attach the file at ``path``: a file over the size limit is refused before it is read."""
    check_transition_role(actor, "attach")
    source = Path(path)
    name = display_name if display_name is not None else source.name
    loaded = read_within_limit(source, name, file_policy(ctx))
    if not isinstance(loaded, bytes):
        raise UserError(AttachmentMessage.FILE_REFUSED, name=loaded.display_name,
                        reason=loaded.reason(ctx.lang), verdict=loaded)
    return attach_file(ctx, actor, request_id, name, loaded, caption=caption,
                       alt_text=alt_text, replaces=replaces)


def preflight_paths(ctx: AppContext, paths: list[str]) -> None:
    """Check files before anything is registered (the CLI's ``request add --file``): each must
    exist, pass the file policy, and all together fit the request's limits — so a refused
    file leaves no half-made request behind."""
    policy = file_policy(ctx)
    sizes = []
    for given in paths:
        source = Path(given)
        if not source.is_file():
            raise UserError(AttachmentMessage.FILE_REFUSED, name=source.name,
                            reason=Localized("ไม่พบไฟล์", "no such file").text(ctx.lang))
        loaded = read_within_limit(source, source.name, policy)
        if not isinstance(loaded, bytes):
            raise UserError(AttachmentMessage.FILE_REFUSED, name=loaded.display_name,
                            reason=loaded.reason(ctx.lang), verdict=loaded)
        verdict = inspect_file(loaded, source.name, policy)
        if not verdict.accepted:
            raise UserError(AttachmentMessage.FILE_REFUSED, name=verdict.display_name,
                            reason=verdict.reason(ctx.lang), verdict=verdict)
        sizes.append(len(loaded))
    problem = request_size_problem(sizes, policy)
    if problem is not None:
        raise problem


@contextmanager
def _changing_files(ctx: AppContext, actor: User, request_id: int,
                    what: str) -> Iterator[tuple[Session, RequestRow]]:
    """One transaction that changes a request's files: role and state checked first; after
    the change the content version moves on and a sign-off is voided if the manifest moved."""
    check_transition_role(actor, what)
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.WEBMASTER, now=ctx.now())
        row = requests_repo.load(session, request_id, lock=True)
        _editable(row)
        before = manifest_hash(to_request(row))
        yield session, row
        session.flush()
        session.refresh(row)
        _after_change(session, ctx, row, before, actor)


def _current(row: RequestRow, attachment_id: int) -> AttachmentRow:
    target = next((a for a in current_attachments(row) if a.id == attachment_id), None)
    if target is None:
        raise NotFound(AttachmentMessage.ATTACHMENT_NOT_FOUND)
    return target


def _audit(session: Session, ctx: AppContext, actor: User, row: RequestRow, action: str,
           details: dict[str, object]) -> None:
    audit.append(session, action=action, actor_id=actor.id, actor_name=actor.username,
                 workstation=ctx.workstation, request_id=row.id, at=ctx.now(), details=details)


def remove_attachment(ctx: AppContext, actor: User, request_id: int, attachment_id: int) -> None:
    """Take a file off the request.  The stored copy stays (every version is kept)."""
    with _changing_files(ctx, actor, request_id, "remove") as (session, row):
        target = _current(row, attachment_id)
        target.superseded_at = ctx.now()
        _audit(session, ctx, actor, row, "attachment_removed",
               {"attachment_id": attachment_id, "name": target.display_name})


def reorder_attachments(ctx: AppContext, actor: User, request_id: int,
                        attachment_ids: list[int]) -> None:
    with _changing_files(ctx, actor, request_id, "reorder") as (session, row):
        current = {a.id: a for a in current_attachments(row)}
        if sorted(current) != sorted(attachment_ids):
            raise NotFound(AttachmentMessage.ATTACHMENT_NOT_FOUND)
        for position, attachment_id in enumerate(attachment_ids, start=1):
            current[attachment_id].position = position
        _audit(session, ctx, actor, row, "attachments_reordered", {"order": attachment_ids})


def set_image_text(ctx: AppContext, actor: User, request_id: int, attachment_id: int,
                   caption: str, alt_text: str) -> None:
    _check_text_lengths(caption, alt_text)
    with _changing_files(ctx, actor, request_id, "edit") as (session, row):
        target = _current(row, attachment_id)
        target.caption, target.alt_text = caption.strip(), alt_text.strip()
        _audit(session, ctx, actor, row, "attachment_text_edited",
               {"attachment_id": attachment_id, "caption": target.caption,
                "alt_text": target.alt_text})


def _after_change(session: Session, ctx: AppContext, row: RequestRow, before: str,
                  actor: User) -> None:
    """A new version of the request; whoever changed its files counts as an editor
    (separation of duties); a sign-off on other content is voided."""
    requests_repo.touched(session, row, actor.id, ctx.now())
    requests_repo.mark_editor(session, row.id, actor.id)
    after = manifest_hash(to_request(row))
    if after != before:
        row.content_version += 1
        void_signoffs_if_needed(session, ctx, row, "files changed after sign-off")


@dataclass(frozen=True)
class StoredFile:
    attachment_id: int
    info: AttachmentInfo
    thumbnail_sha256: str | None
    web_copy_sha256: str | None
    verdict: dict[str, object]


def list_files(ctx: AppContext, request_id: int) -> list[StoredFile]:
    with ctx.db.read() as session:
        row = requests_repo.load(session, request_id)
        return [StoredFile(a.id, attachment_info(a), a.thumbnail_sha256, a.web_copy_sha256,
                           json.loads(a.verdict or "{}")) for a in current_attachments(row)]


def read_blob(ctx: AppContext, sha256: str) -> bytes:
    with ctx.db.read() as session:
        return blobs.read_bytes(session, sha256)


def count_versions(ctx: AppContext, request_id: int) -> int:
    with ctx.db.read() as session:
        return attachments_repo.count_versions(session, request_id)
