"""Rows of the trust store: the agency key and its sealed copies, people's keys, certificates,
signed audit checkpoints and purge anchors.  Queries only; the crypto is in desktop/keys and
the rules in desktop/services/keys.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import (
    AgencyKeyCopyRow,
    AgencyKeyRow,
    AuditCheckpointRow,
    AuditPurgeRow,
    KeyCertificateRow,
    UserKeyRow,
)


def agency_key(session: Session) -> AgencyKeyRow | None:
    """The agency's certifying key (the first one made; there is one per database)."""
    return session.execute(select(AgencyKeyRow).order_by(AgencyKeyRow.id).limit(1)).scalar()


def agency_copy(session: Session, agency_key_id: int, user_id: int) -> AgencyKeyCopyRow | None:
    return session.get(AgencyKeyCopyRow, (agency_key_id, user_id))


def put_agency_copy(session: Session, agency_key_id: int, user_id: int, sealed: str,
                    now: datetime) -> None:
    row = session.get(AgencyKeyCopyRow, (agency_key_id, user_id))
    if row is None:
        session.add(AgencyKeyCopyRow(agency_key_id=agency_key_id, user_id=user_id,
                                     sealed=sealed, created_at=now))
    else:
        row.sealed, row.created_at = sealed, now


def drop_agency_copy(session: Session, agency_key_id: int, user_id: int) -> None:
    row = session.get(AgencyKeyCopyRow, (agency_key_id, user_id))
    if row is not None:
        session.delete(row)


def current_user_key(session: Session, user_id: int) -> UserKeyRow | None:
    return session.execute(
        select(UserKeyRow).where(UserKeyRow.user_id == user_id, UserKeyRow.retired_at.is_(None))
        .order_by(UserKeyRow.id.desc()).limit(1)).scalar()


def retire_user_keys(session: Session, user_id: int, now: datetime) -> None:
    for row in session.execute(select(UserKeyRow).where(
            UserKeyRow.user_id == user_id, UserKeyRow.retired_at.is_(None))).scalars():
        row.retired_at = now


def current_certificate(session: Session, user_key_id: int) -> KeyCertificateRow | None:
    return session.execute(
        select(KeyCertificateRow).where(KeyCertificateRow.user_key_id == user_key_id,
                                        KeyCertificateRow.superseded_at.is_(None))
        .order_by(KeyCertificateRow.id.desc()).limit(1)).scalar()


def supersede_certificates(session: Session, user_key_id: int, now: datetime) -> None:
    for row in session.execute(select(KeyCertificateRow).where(
            KeyCertificateRow.user_key_id == user_key_id,
            KeyCertificateRow.superseded_at.is_(None))).scalars():
        row.superseded_at = now


def key_and_certificate(session: Session, user_key_id: int, certificate_id: int
                        ) -> tuple[UserKeyRow, KeyCertificateRow] | None:
    """A key and the certificate named with it, in one query (None unless they belong)."""
    found = session.execute(
        select(UserKeyRow, KeyCertificateRow)
        .join(KeyCertificateRow, KeyCertificateRow.user_key_id == UserKeyRow.id)
        .where(UserKeyRow.id == user_key_id, KeyCertificateRow.id == certificate_id)).first()
    return (found[0], found[1]) if found is not None else None


def uncertified_keys(session: Session) -> list[UserKeyRow]:
    """Current keys with no certificate yet (made at a first sign-in after an upgrade)."""
    keys = session.execute(select(UserKeyRow).where(UserKeyRow.retired_at.is_(None))
                           .order_by(UserKeyRow.id)).scalars().all()
    return [k for k in keys if current_certificate(session, k.id) is None]


def checkpoints(session: Session) -> list[AuditCheckpointRow]:
    return list(session.execute(select(AuditCheckpointRow)
                                .order_by(AuditCheckpointRow.audit_id)).scalars())


def latest_checkpoint(session: Session) -> AuditCheckpointRow | None:
    """The checkpoint made last (highest id), without loading the others."""
    return session.execute(select(AuditCheckpointRow)
                           .order_by(AuditCheckpointRow.id.desc()).limit(1)).scalar()


def purge_anchors(session: Session) -> list[AuditPurgeRow]:
    return list(session.execute(select(AuditPurgeRow).order_by(AuditPurgeRow.id)).scalars())
