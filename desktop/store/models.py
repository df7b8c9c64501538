"""SQLAlchemy 2.0 typed models.  Every schema change goes through an Alembic migration."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop.domain.field_limits import (
    ATTACHMENT_FIELD_LIMITS,
    REQUEST_FIELD_LIMITS,
    USER_FIELD_LIMITS,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(USER_FIELD_LIMITS["username"]), unique=True)
    full_name: Mapped[str] = mapped_column(String(USER_FIELD_LIMITS["full_name"]), default="")
    position: Mapped[str] = mapped_column(String(USER_FIELD_LIMITS["position"]), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class RequestRow(Base):
    __tablename__ = "requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    state: Mapped[str] = mapped_column(String(30), index=True)
    title: Mapped[str] = mapped_column(String(REQUEST_FIELD_LIMITS["title"]), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(REQUEST_FIELD_LIMITS["category"]), default="",
                                          index=True)
    subcategory: Mapped[str] = mapped_column(String(REQUEST_FIELD_LIMITS["subcategory"]),
                                             default="")
    source_owner: Mapped[str] = mapped_column(String(REQUEST_FIELD_LIMITS["source_owner"]),
                                              default="")
    period_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    publish_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    expiry_date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    external_link: Mapped[str] = mapped_column(String(REQUEST_FIELD_LIMITS["external_link"]),
                                               default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    requester_name: Mapped[str] = mapped_column(String(REQUEST_FIELD_LIMITS["requester.name"]),
                                                default="")
    requester_position: Mapped[str] = mapped_column(
        String(REQUEST_FIELD_LIMITS["requester.position"]), default="")
    requester_unit: Mapped[str] = mapped_column(String(REQUEST_FIELD_LIMITS["requester.unit"]),
                                                default="")
    requester_phone: Mapped[str] = mapped_column(
        String(REQUEST_FIELD_LIMITS["requester.phone"]), default="")
    requester_email: Mapped[str] = mapped_column(
        String(REQUEST_FIELD_LIMITS["requester.email"]), default="")
    received_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    channel: Mapped[str] = mapped_column(String(20), default="letter")
    letter_number: Mapped[str] = mapped_column(String(REQUEST_FIELD_LIMITS["letter_number"]),
                                               default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    state_changed_at: Mapped[datetime] = mapped_column(DateTime)
    content_version: Mapped[int] = mapped_column(Integer, default=1)
    # Bumped by every change; an edit made from an older version is refused (no lost update).
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    public_url: Mapped[str] = mapped_column(String(2000), default="")
    published_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    taken_down_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    attachments: Mapped[list[AttachmentRow]] = relationship(
        back_populates="request", order_by="AttachmentRow.position")


class RequestCheckerRow(Base):
    """Who checked (reviewed) a request — they may not approve it."""

    __tablename__ = "request_checkers"

    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


class RequestEditorRow(Base):
    """Who changed a request's content or files — they may not approve it either."""

    __tablename__ = "request_editors"

    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


class CounterRow(Base):
    """Named counters (request numbers per Buddhist-Era year), taken under a row lock."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class BlobRow(Base):
    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    chunk_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class BlobChunkRow(Base):
    __tablename__ = "blob_chunks"

    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AttachmentRow(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    display_name: Mapped[str] = mapped_column(String(ATTACHMENT_FIELD_LIMITS["display_name"]))
    web_name: Mapped[str] = mapped_column(String(ATTACHMENT_FIELD_LIMITS["web_name"]))
    media_type: Mapped[str] = mapped_column(String(200), default="application/octet-stream")
    kind: Mapped[str] = mapped_column(String(20), default="")
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    web_copy_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"), nullable=True)
    web_copy_size: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    thumbnail_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"),
                                                          nullable=True)
    caption: Mapped[str] = mapped_column(String(ATTACHMENT_FIELD_LIMITS["caption"]), default="")
    alt_text: Mapped[str] = mapped_column(String(ATTACHMENT_FIELD_LIMITS["alt_text"]),
                                          default="")
    verdict: Mapped[str] = mapped_column(Text, default="{}")
    version: Mapped[int] = mapped_column(Integer, default=1)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"), nullable=True)
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)

    request: Mapped[RequestRow] = relationship(back_populates="attachments")


class SignoffRow(Base):
    __tablename__ = "signoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    step: Mapped[int] = mapped_column(Integer, default=1)
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    on_behalf_of_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    approver_name: Mapped[str] = mapped_column(String(200))
    approver_position: Mapped[str] = mapped_column(String(200), default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    workstation: Mapped[str] = mapped_column(String(200), default="")
    decision: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text, default="")
    manifest_hash: Mapped[str] = mapped_column(String(64))
    signature_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"),
                                                          nullable=True)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    # The signed record (canonical JSON) and the approver's Ed25519 signature over it; empty
    # for sign-offs made before keys existed (shown as unsigned: the approver signs again).
    record: Mapped[str] = mapped_column(Text, default="")
    signature: Mapped[str] = mapped_column(String(128), default="")
    user_key_id: Mapped[int | None] = mapped_column(ForeignKey("user_keys.id"), nullable=True)
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("key_certificates.id"),
                                                       nullable=True)


class ApprovedVersionRow(Base):
    """Every version ever approved: the manifest (files are content-addressed blobs)."""

    __tablename__ = "approved_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    manifest_hash: Mapped[str] = mapped_column(String(64))
    manifest_json: Mapped[str] = mapped_column(Text)
    approved_at: Mapped[datetime] = mapped_column(DateTime)


class AuditRow(Base):
    """Append-only, hash-chained log.  hash = SHA-256(prev_hash + canonical content)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    workstation: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(60))
    request_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    details: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The chain head; locked in the appending transaction so the chain never forks."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class AgencyKeyRow(Base):
    """The agency's certifying key (public half); each workstation pins its fingerprint."""

    __tablename__ = "agency_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class AgencyKeyCopyRow(Base):
    """The agency private key sealed under one admin's password (each admin holds a copy)."""

    __tablename__ = "agency_key_copies"

    agency_key_id: Mapped[int] = mapped_column(ForeignKey("agency_keys.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    sealed: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class UserKeyRow(Base):
    """A person's Ed25519 key pair; the private half sealed under their password."""

    __tablename__ = "user_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    public_key: Mapped[str] = mapped_column(String(64))
    sealed: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class KeyCertificateRow(Base):
    """The agency key's signature over a person's public key, name and roles."""

    __tablename__ = "key_certificates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_key_id: Mapped[int] = mapped_column(ForeignKey("user_keys.id"), index=True)
    agency_key_id: Mapped[int] = mapped_column(ForeignKey("agency_keys.id"))
    content: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(128))
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class AuditCheckpointRow(Base):
    """A signed action's signature over the audit chain head it saw (an anchor)."""

    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audit_id: Mapped[int] = mapped_column(Integer, index=True)
    audit_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(40))
    record: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(128))
    user_key_id: Mapped[int] = mapped_column(ForeignKey("user_keys.id"))
    certificate_id: Mapped[int] = mapped_column(ForeignKey("key_certificates.id"))
    signed_at: Mapped[datetime] = mapped_column(DateTime)


class AuditPurgeRow(Base):
    """What an audited purge removed, signed: the chain may start at ``first_kept_id``."""

    __tablename__ = "audit_purges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purged_at: Mapped[datetime] = mapped_column(DateTime)
    rows: Mapped[int] = mapped_column(Integer)
    first_kept_id: Mapped[int] = mapped_column(Integer)
    first_kept_prev_hash: Mapped[str] = mapped_column(String(64))
    record: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(128))
    user_key_id: Mapped[int] = mapped_column(ForeignKey("user_keys.id"))
    certificate_id: Mapped[int] = mapped_column(ForeignKey("key_certificates.id"))


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


Index("ix_audit_log_action_at", AuditRow.action, AuditRow.at)
# An index behind every sort of the queue (ties broken by id), and the usual state + newest
# filter (migration 0006; the Thai text search index is in desktop/store/search_index.py).
Index("ix_requests_updated_at_id", RequestRow.updated_at, RequestRow.id)
Index("ix_requests_received_at_id", RequestRow.received_at, RequestRow.id)
Index("ix_requests_title_id", RequestRow.title, RequestRow.id)
Index("ix_requests_requester_unit_id", RequestRow.requester_unit, RequestRow.id)
Index("ix_requests_state_updated_at_id", RequestRow.state, RequestRow.updated_at, RequestRow.id)


class ServerProfileRow(Base):
    """An SFTP server profile (no secrets: those live in the OS keyring or are asked)."""

    __tablename__ = "server_profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class UploadJournalRow(Base):
    """Per-file upload progress: a retry skips files already uploaded and verified."""

    __tablename__ = "upload_journal"

    item: Mapped[str] = mapped_column(String(300), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    verified_at: Mapped[datetime] = mapped_column(DateTime)
    # False: only a prefix is verified (resume inside the file from verified_bytes)
    complete: Mapped[bool] = mapped_column(Boolean, default=True)
    verified_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    prefix_sha256: Mapped[str] = mapped_column(String(64), default="")


class PublishLockRow(Base):
    """A named lock (e.g. one category index on one server) so two PCs never write it at once."""

    __tablename__ = "publish_locks"

    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class PublicationRow(Base):
    """Where and when an approved version went on the site (and when it came down)."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    server: Mapped[str] = mapped_column(String(100))
    remote_path: Mapped[str] = mapped_column(String(1000))
    url: Mapped[str] = mapped_column(String(2000), default="")
    manifest_hash: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(DateTime)
    taken_down_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    archive_path: Mapped[str] = mapped_column(String(1000), default="")
    # publishing -> published -> taking_down -> taken_down; or rolled_back (never live)
    status: Mapped[str] = mapped_column(String(20), default="published")
    site: Mapped[str] = mapped_column(String(300), default="", index=True)
    folder: Mapped[str] = mapped_column(String(1000), default="")   # e.g. news/wd-2569-00013
    files: Mapped[str] = mapped_column(Text, default="[]")    # JSON: name, size, sha256
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    actor_name: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class SitePageRow(Base):
    """A page WebDesk generated on a site (category index, feed) as it was last written:
    reconcile rewrites it when the server's copy differs (size or time)."""

    __tablename__ = "site_pages"

    site: Mapped[str] = mapped_column(String(300), primary_key=True)
    path: Mapped[str] = mapped_column(String(500), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mtime: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    written_at: Mapped[datetime] = mapped_column(DateTime)


class DelegationRow(Base):
    """ปฏิบัติราชการแทน: ``delegator`` lets ``delegate`` sign for them from one date to another."""

    __tablename__ = "delegations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delegator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


# --- website statistics from access logs, satisfaction surveys (issue 13; owner H2) ---

class LogSourceRow(Base):
    """An access log as WebDesk knows it: by the SHA-256 of its first bytes (whatever its name
    or compression), counted up to ``offset`` decompressed bytes."""

    __tablename__ = "log_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site: Mapped[str] = mapped_column(String(100), index=True)
    name: Mapped[str] = mapped_column(String(500), default="")
    head_length: Mapped[int] = mapped_column(Integer)
    head_sha256: Mapped[str] = mapped_column(String(64))
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    lines: Mapped[int] = mapped_column(BigInteger, default=0)
    malformed: Mapped[int] = mapped_column(BigInteger, default=0)
    first_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    last_import: Mapped[datetime] = mapped_column(DateTime)


class LogDayRow(Base):
    """One day of one site's traffic; ``visitor_keys`` (8-byte digests of IP + user agent,
    packed) lets a later import of the same day add visitors without counting any twice."""

    __tablename__ = "log_days"

    site: Mapped[str] = mapped_column(String(100), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    requests: Mapped[int] = mapped_column(BigInteger, default=0)
    page_views: Mapped[int] = mapped_column(BigInteger, default=0)
    downloads: Mapped[int] = mapped_column(BigInteger, default=0)
    bot_requests: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_sent: Mapped[int] = mapped_column(BigInteger, default=0)
    unique_visitors: Mapped[int] = mapped_column(Integer, default=0)
    statuses: Mapped[str] = mapped_column(Text, default="{}")
    visitor_keys: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class LogPathRow(Base):
    """Page views (kind "page") or downloads (kind "download") of one URL path in a month."""

    __tablename__ = "log_paths"

    site: Mapped[str] = mapped_column(String(100), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    path_sha1: Mapped[str] = mapped_column(String(40), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    hits: Mapped[int] = mapped_column(BigInteger, default=0)


class SurveyImportRow(Base):
    """One imported file of satisfaction-survey responses (figures in survey_results)."""

    __tablename__ = "survey_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    source_name: Mapped[str] = mapped_column(String(500), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    imported_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    responses: Mapped[int] = mapped_column(Integer, default=0)
    skipped_rows: Mapped[int] = mapped_column(Integer, default=0)
    missing_answers: Mapped[int] = mapped_column(Integer, default=0)
    out_of_range: Mapped[int] = mapped_column(Integer, default=0)
    questions: Mapped[str] = mapped_column(Text, default="[]")
    first_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_day: Mapped[date | None] = mapped_column(Date, nullable=True)


class SurveyResultRow(Base):
    """How often each Likert answer 1-5 was given to one question in one month."""

    __tablename__ = "survey_results"

    import_id: Mapped[int] = mapped_column(ForeignKey("survey_imports.id"), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    question: Mapped[str] = mapped_column(String(40), primary_key=True)
    n1: Mapped[int] = mapped_column(Integer, default=0)
    n2: Mapped[int] = mapped_column(Integer, default=0)
    n3: Mapped[int] = mapped_column(Integer, default=0)
    n4: Mapped[int] = mapped_column(Integer, default=0)
    n5: Mapped[int] = mapped_column(Integer, default=0)
    missing: Mapped[int] = mapped_column(Integer, default=0)
    out_of_range: Mapped[int] = mapped_column(Integer, default=0)


class SurveyCommentRow(Base):
    """A free-text answer ("problems and suggestions")."""

    __tablename__ = "survey_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("survey_imports.id"), index=True)
    answered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    column: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)
