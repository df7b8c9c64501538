"""Checking sign-offs against what is about to be published.

Publishing trusts nothing that a database writer can edit: for every step of the request's
approval chain there must be a live approval whose Ed25519 signature verifies under a key the
agency key (pinned on this PC) certified, over a record that names this request, this step,
"approve", and a manifest equal to the content now — every file by its name and the SHA-256
of the bytes that are about to be uploaded.  ``webdesk signoff verify`` shows the same report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.domain.errors import UserError
from desktop.domain.manifest import canonical_json, manifest_of
from desktop.domain.messages import MessageCode
from desktop.domain.workflow import RequestState, Role
from desktop.services import keys
from desktop.services.approval_chain import live_approvals_in, position_in
from desktop.services.context import AppContext
from desktop.services.requests import _load
from desktop.store import audit
from desktop.store.database import Session
from desktop.store.mapping import to_request
from desktop.store.models import RequestRow, SignoffRow


class SignatureMessage(MessageCode):
    SIGNOFF_NOT_VERIFIED = (
        "signoff_not_verified",
        "การอนุมัติของคำขอ {reference} ตรวจสอบลายมือชื่อดิจิทัลไม่ผ่าน จึงไม่เผยแพร่: {problems}",
        "The sign-offs of {reference} do not verify, so nothing is published: {problems}",
    )


UNSIGNED = "unsigned (made before signing keys existed): the approver must sign again"


@dataclass(frozen=True)
class StepCheck:
    signoff_id: int
    step: int
    signer: str
    ok: bool
    problem: str = ""


@dataclass(frozen=True)
class SignoffReport:
    request_id: int
    reference: str
    total_steps: int
    checks: tuple[StepCheck, ...]
    missing_steps: tuple[int, ...]

    @property
    def ok(self) -> bool:
        return bool(self.checks) and not self.missing_steps and all(c.ok for c in self.checks)

    def problems(self) -> list[str]:
        found = [f"step {c.step} ({c.signer}, sign-off {c.signoff_id}): {c.problem}"
                 for c in self.checks if not c.ok]
        found += [f"step {n}: no valid approval" for n in self.missing_steps]
        return found


def _manifest_with(manifest: dict[str, Any], published: Mapping[str, str] | None
                   ) -> dict[str, Any]:
    """The manifest with every file's published SHA-256 taken from the bytes about to go out
    (the names are the web names the uploader uses)."""
    if published is None:
        return manifest
    files = []
    for entry in manifest["files"]:
        name = str(entry["web_name"])
        files.append({**entry, "published_sha256": published[name]} if name in published
                     else entry)   # not uploaded (the scanned paper form)
    return {**manifest, "files": files}


def _check_one(session: Session, ctx: AppContext, row: RequestRow, signoff: SignoffRow,
               current: dict[str, Any], published: Mapping[str, str] | None) -> StepCheck:
    def fail(problem: str) -> StepCheck:
        return StepCheck(signoff.id, signoff.step, signoff.approver_name, False, problem)

    if not signoff.signature or not signoff.record:
        return fail(UNSIGNED)
    key = keys.certified_key_in(session, ctx, signoff.user_key_id, signoff.certificate_id)
    if isinstance(key, str):
        return fail(key)
    try:
        record = json.loads(signoff.record)
    except ValueError:
        return fail("signed record unreadable")
    if not keys.verify_record(key, record, signoff.signature):
        return fail("signature does not verify")
    signer_id = key.content.get("user_id")
    expected = {"request_id": row.id, "reference": row.reference, "step": signoff.step,
                "decision": "approve", "signer_id": signoff.approver_id}
    for name, value in expected.items():
        if record.get(name) != value:
            return fail(f"signed record names another {name.replace('_', ' ')}")
    if signer_id != signoff.approver_id:
        return fail("certificate is for another person")
    if Role.APPROVER.value not in key.roles and not record.get("on_behalf_of"):
        return fail("the signer's certificate does not give the approver role")
    signed_manifest = record.get("manifest")
    if not isinstance(signed_manifest, dict) or not isinstance(signed_manifest.get("files"),
                                                                list):
        return fail("signed record has no manifest")
    if canonical_json(signed_manifest) != canonical_json(current):
        return fail(_difference(signed_manifest, current))
    if published is not None:
        names = {str(f["web_name"]) for f in signed_manifest["files"]}
        extra = sorted(set(published) - names)
        if extra:
            return fail(f"files not signed: {', '.join(extra)}")
    return StepCheck(signoff.id, signoff.step, signoff.approver_name, True)


def _period_as_signed(session: Session, row: RequestRow, current: dict[str, Any]
                      ) -> dict[str, Any]:
    """Once published, a webmaster may extend or shorten the period (audited as
    ``publication_period_changed``); the expiry date is then compared as it was signed."""
    changes = audit.entries_of(session, row.id, "publication_period_changed")
    if not changes:
        return current
    first = changes[0].details.get("from")
    metadata = {**current["metadata"], "expiry_date": first}
    return {**current, "metadata": metadata}


def _difference(signed: dict[str, Any], current: dict[str, Any]) -> str:
    signed_files = {str(f["web_name"]): f for f in signed.get("files", [])}
    current_files = {str(f["web_name"]): f for f in current.get("files", [])}
    for name in sorted(set(signed_files) | set(current_files)):
        a, b = signed_files.get(name), current_files.get(name)
        if a is None:
            return f"file {name} was not signed"
        if b is None:
            return f"signed file {name} is missing"
        if a.get("published_sha256") != b.get("published_sha256"):
            return f"file {name} differs from the signed one (SHA-256)"
        if canonical_json(a) != canonical_json(b):
            return f"file {name}: details differ from what was signed"
    if signed.get("metadata") != current.get("metadata"):
        fields = sorted(k for k in set(signed.get("metadata", {})) | set(current.get("metadata",
                                                                                     {}))
                        if signed.get("metadata", {}).get(k) != current.get("metadata",
                                                                            {}).get(k))
        return f"text differs from what was signed ({', '.join(fields)})"
    return "content differs from what was signed"


AFTER_PUBLISHING = frozenset({RequestState.PUBLISHED, RequestState.TAKEN_DOWN,
                              RequestState.ARCHIVED})


def check_in(session: Session, ctx: AppContext, row: RequestRow,
             published: Mapping[str, str] | None = None) -> SignoffReport:
    """Every live approval of ``row`` checked; ``published``: web name -> SHA-256 of the
    bytes about to be uploaded (None: as the database describes them)."""
    current = _manifest_with(manifest_of(to_request(row)), published)
    if RequestState(row.state) in AFTER_PUBLISHING:
        current = _period_as_signed(session, row, current)
    total = position_in(session, ctx.catalogue, row).total
    checks = tuple(_check_one(session, ctx, row, s, current, published)
                   for s in live_approvals_in(session, row.id))
    covered = {c.step for c in checks if c.ok}
    missing = tuple(n for n in range(1, total + 1) if n not in covered)
    return SignoffReport(row.id, row.reference, total, checks, missing)


def verify_request(ctx: AppContext, request_id: int) -> SignoffReport:
    """``webdesk signoff verify ID``."""
    with ctx.db.read() as session:
        return check_in(session, ctx, _load(session, request_id))


def ensure_publishable_in(session: Session, ctx: AppContext, row: RequestRow,
                          published: Mapping[str, str]) -> SignoffReport:
    """Refuse, naming what does not verify, unless every step is validly signed for exactly
    these bytes."""
    report = check_in(session, ctx, row, published)
    if not report.ok:
        raise UserError(SignatureMessage.SIGNOFF_NOT_VERIFIED, reference=row.reference,
                        problems="; ".join(report.problems()))
    return report
