"""What every use case needs: paths, the database, the catalogue, the clock, the workstation."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from desktop.domain.calendar import SlaClock, WorkingCalendar
from desktop.domain.categories import CategoryCatalogue
from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.os_reasons import os_reason
from desktop.paths import AppPaths

if TYPE_CHECKING:
    # The database layer (SQLAlchemy) is imported when a context opens, not with this module:
    # the main window's modules import this one, and the window can be built before it.
    from desktop.store.database import Database, Session
    from desktop.store.early_read import EarlyDb
    from desktop.store.migrate import UpgradeResult


class ContextMessage(MessageCode):
    PROFILE_UNUSABLE = (
        "profile_unusable",
        "ใช้โฟลเดอร์ข้อมูลของโปรแกรม {home} ไม่ได้: {detail}",
        "Cannot use the profile folder {home}: {detail}.",
    )
    CATALOGUE_FILE_UNREADABLE = (
        "catalogue_file_unreadable",
        "อ่านไฟล์หมวดหมู่ {path} ไม่ได้ ({detail}) กรุณาแก้ไขหรือลบไฟล์นี้ "
        "(เมื่อลบ โปรแกรมจะใช้หมวดหมู่มาตรฐาน)",
        "Cannot read the category file {path} ({detail}). Correct or remove it (without it "
        "the standard categories are used).",
    )



def ensure_profile(paths: AppPaths) -> None:
    """``paths.ensure()``; a profile that cannot be made (it is a file, on a read-only disk,
    ...) is a :class:`UserError` saying why."""
    try:
        paths.ensure()
    except OSError as exc:
        raise UserError(ContextMessage.PROFILE_UNUSABLE,
                        home=str(paths.home), detail=os_reason(exc)) from None


def _now() -> datetime:
    return datetime.now()


@dataclass
class AppContext:
    """The open profile.  Its database (``db``) is opened with it, or, for a start ahead of
    the database layer (desktop/services/early_start.py), at the first use of ``db``: until
    then ``early`` is a plain DB-API connection for the few reads that start needs."""

    paths: AppPaths
    catalogue: CategoryCatalogue
    workstation: str = field(default_factory=socket.gethostname)
    clock: Callable[[], datetime] = _now
    lang: str = "th"
    early: EarlyDb | None = field(default=None, repr=False, compare=False)
    _db: Database | None = field(default=None, repr=False, compare=False)
    _db_lock: threading.Lock = field(default_factory=threading.Lock, repr=False,
                                     compare=False)

    @classmethod
    def open(cls, paths: AppPaths, *, upgrade: bool = True, lang: str = "th") -> AppContext:
        """Open the profile; upgrade its schema (after copying a SQLite file aside)."""
        ensure_profile(paths)
        ctx = cls(paths=paths, catalogue=load_catalogue(paths), lang=lang)
        ctx.load()
        from desktop.services.fast_path_settings import apply_fast_path_setting

        apply_fast_path_setting(paths)     # this PC's switch for the SSH fast path
        if upgrade:
            ctx.upgrade()
        return ctx

    @property
    def db(self) -> Database:
        """The database (opened now if it was not: see :attr:`loaded`)."""
        db = self._db
        if db is None:
            with self._db_lock:
                if self._db is None:
                    self._db = self._connect()
                    early, self.early = self.early, None
                    if early is not None:   # not needed any more (on a shared server: one
                        early.close()       # connection less per PC)
                db = self._db
        return db

    @db.setter
    def db(self, db: Database) -> None:
        self._db = db

    @property
    def loaded(self) -> bool:
        """The database is open through the database layer (SQLAlchemy): always after
        :meth:`open`; after an early start, from the first use of :attr:`db` on."""
        return self._db is not None

    def load(self) -> None:
        """Open the database now (a start ahead of the database layer does it off the GUI
        thread, after the first page has painted)."""
        self.db  # noqa: B018  (the property opens it)

    def _connect(self) -> Database:
        from desktop.services import witness
        from desktop.store.database import Database
        from desktop.store.db_clock import server_clock

        db = Database(self.paths.database_url)
        if not db.is_sqlite:   # a shared server: times come from its clock, not this PC's
            self.clock = server_clock(db.engine)
        # Remember on this PC each audit chain head committed from here (a witness).
        paths, url = self.paths, self.paths.database_url
        db.on_audit_commit = lambda head: witness.record(paths, url, head)
        return db

    def upgrade(self) -> UpgradeResult:
        from desktop.store.migrate import upgrade_database

        return upgrade_database(self.db, self.paths.backup_dir)

    def close(self) -> None:
        if self.early is not None:
            self.early.close()
            self.early = None
        if self._db is not None:
            self._db.dispose()

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    # Settings stored in the database (shared by every PC on the same queue).  Inside a
    # transaction use ``setting_in(session, ...)``: it reads them once per transaction.
    def setting(self, key: str, default: Any = None) -> Any:
        with self.db.read() as session:
            return setting_in(session, key, default)

    def set_setting(self, key: str, value: Any) -> None:
        from desktop.store import settings_rows

        with self.db.write() as session:
            settings_rows.put_many(session, {key: value})

    def calendar(self) -> WorkingCalendar:
        with self.db.read() as session:
            return calendar_in(session)

    def sla(self) -> SlaClock:
        """Publish within N working days of receipt, each step within M (the admin's "sla"
        setting; seed 002's 3 and seed 001's 1 by default)."""
        with self.db.read() as session:
            return sla_in(session)


def setting_in(session: Session, key: str, default: Any = None) -> Any:
    """A shared setting, read with the caller's session; every setting is read once per
    session (one query), however many are asked for."""
    from desktop.store import settings_rows

    cached = session.info.get(settings_rows.CACHE_KEY)
    if cached is None:
        cached = session.info[settings_rows.CACHE_KEY] = settings_rows.all_values(session)
    value = cached.get(key)
    return default if value is None else value


def calendar_in(session: Session) -> WorkingCalendar:
    """The working calendar (the shared "holidays" setting), read with the caller's session."""
    return WorkingCalendar.with_holidays(holiday_dates(setting_in(session, "holidays", [])))


def sla_in(session: Session) -> SlaClock:
    """:meth:`AppContext.sla` with the caller's session (one settings query for both)."""
    return sla_of(setting_in(session, "sla", {}), setting_in(session, "holidays", []))


def sla_of(raw: Any, holidays: Any) -> SlaClock:
    """The SLA clock of the shared "sla" and "holidays" settings (parsed values); damaged
    values read as the defaults."""
    raw = raw or {}
    clock = SlaClock(WorkingCalendar.with_holidays(holiday_dates(holidays or [])))
    try:
        return SlaClock(clock.calendar,
                        int(raw.get("publish_within_days", clock.publish_within)),
                        int(raw.get("step_days", clock.step_within)))
    except (AttributeError, TypeError, ValueError):
        return clock


def holiday_dates(values: object) -> list[date]:
    """The holiday list as dates; an entry that is not a date is left out (a damaged setting
    must not stop the queue from showing)."""
    found = []
    for value in values if isinstance(values, list | tuple) else ():
        try:
            found.append(date.fromisoformat(str(value)))
        except ValueError:
            continue
    return found


def load_catalogue(paths: AppPaths) -> CategoryCatalogue:
    """The admin-edited catalogue in the profile wins over the shipped one; one that cannot
    be read is named (the profile cannot open without its categories)."""
    custom = paths.home / "categories.json"
    source = custom if custom.is_file() else paths.resources / "categories.json"
    try:
        return CategoryCatalogue.from_json(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(ContextMessage.CATALOGUE_FILE_UNREADABLE, path=str(source),
                        detail=os_reason(exc)) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UserError(ContextMessage.CATALOGUE_FILE_UNREADABLE, path=str(source),
                        detail=f"{type(exc).__name__}: {exc}"[:200]) from None
