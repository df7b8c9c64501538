"""desktop.services.publish_journal: the resume journal in the database — progress kept in
memory, written in one transaction by flush(), seen by a later journal (after a restart), and
forgotten when the item is done."""

from __future__ import annotations

from desktop.publish.journal import Checkpoint
from desktop.services.context import AppContext
from desktop.services.publish_journal import DatabaseJournal
from desktop.store import publication_records as records

KEY = "news/wd-2569-00001-0123456789abcdef"
NEVER = 1e12          # flush_every: only an explicit flush() writes


def test_progress_is_written_on_flush_and_seen_after_a_restart(ctx: AppContext) -> None:
    journal = DatabaseJournal(ctx.db, ctx.now, flush_every=NEVER)
    journal.record_file_verified(KEY, "ประกาศ.pdf", "a" * 64)
    journal.record_progress(KEY, "video.mp4", Checkpoint("b" * 64, 4096, "c" * 64))
    assert journal.advances == 2
    assert journal.verified_files(KEY) == {("ประกาศ.pdf", "a" * 64)}   # this run sees it
    assert records.journal_entries(ctx.db, KEY) == []                 # not written yet
    journal.flush()
    later = DatabaseJournal(ctx.db, ctx.now, flush_every=NEVER)         # the app restarted
    assert later.verified_files(KEY) == {("ประกาศ.pdf", "a" * 64)}
    assert later.progress(KEY) == {"video.mp4": Checkpoint("b" * 64, 4096, "c" * 64)}
    assert later.verified_files("other-item") == set()


def test_a_newer_checkpoint_replaces_the_older_one(ctx: AppContext) -> None:
    journal = DatabaseJournal(ctx.db, ctx.now, flush_every=0)   # every record is written
    journal.record_progress(KEY, "big.zip", Checkpoint("d" * 64, 1024, "e" * 64))
    journal.record_progress(KEY, "big.zip", Checkpoint("d" * 64, 8192, "f" * 64))
    (entry,) = records.journal_entries(ctx.db, KEY)
    assert (entry.verified_bytes, entry.prefix_sha256, entry.complete) == (8192, "f" * 64,
                                                                           False)
    journal.record_file_verified(KEY, "big.zip", "d" * 64)
    (entry,) = records.journal_entries(ctx.db, KEY)
    assert entry.complete


def test_forgetting_an_item_removes_what_any_run_wrote(ctx: AppContext) -> None:
    first = DatabaseJournal(ctx.db, ctx.now, flush_every=NEVER)
    first.record_file_verified(KEY, "a.pdf", "1" * 64)
    first.flush()
    second = DatabaseJournal(ctx.db, ctx.now, flush_every=NEVER)
    assert second.verified_files(KEY)                    # found an earlier session's rows
    second.record_file_verified(KEY, "b.pdf", "2" * 64)
    second.forget_item(KEY)
    assert records.journal_entries(ctx.db, KEY) == []
    assert second.verified_files(KEY) == set()
    second.flush()                                       # nothing pending comes back
    assert records.journal_entries(ctx.db, KEY) == []


def test_an_attempt_that_never_wrote_leaves_nothing_to_forget(ctx: AppContext) -> None:
    journal = DatabaseJournal(ctx.db, ctx.now, flush_every=NEVER)
    journal.record_file_verified(KEY, "a.pdf", "1" * 64)
    journal.forget_item(KEY)
    journal.flush()
    assert records.journal_entries(ctx.db, KEY) == []


def test_progress_is_written_once_the_oldest_kept_back_is_flush_every_old(
        ctx: AppContext) -> None:
    """The clock starts with the first progress kept back (not when the journal was made,
    before connecting): at most ``flush_every`` seconds of progress are ever unwritten."""
    now = [100.0]
    journal = DatabaseJournal(ctx.db, ctx.now, flush_every=2.0, monotonic=lambda: now[0])
    now[0] += 30.0                                  # connecting, reconcile, the first chunk
    journal.record_progress(KEY, "big.zip", Checkpoint("d" * 64, 1024, "e" * 64))
    assert records.journal_entries(ctx.db, KEY) == []
    now[0] += 1.5
    journal.record_progress(KEY, "big.zip", Checkpoint("d" * 64, 2048, "e" * 64))
    assert records.journal_entries(ctx.db, KEY) == []
    now[0] += 0.5                                   # the first kept back is 2 s old now
    journal.record_progress(KEY, "big.zip", Checkpoint("d" * 64, 4096, "f" * 64))
    assert [e.verified_bytes for e in records.journal_entries(ctx.db, KEY)] == [4096]
    now[0] += 1.9                                   # the clock started again with the next
    journal.record_file_verified(KEY, "big.zip", "d" * 64)
    assert not records.journal_entries(ctx.db, KEY)[0].complete
    now[0] += 2.0
    journal.record_file_verified(KEY, "small.pdf", "1" * 64)
    assert {e.name for e in records.journal_entries(ctx.db, KEY) if e.complete} == {
        "big.zip", "small.pdf"}


def test_a_key_the_database_did_not_hold_is_not_read(ctx: AppContext) -> None:
    """With the keys read ahead (the site's records, while connecting), a staging attempt
    the journal table had no rows for is not looked up; one it had is."""
    earlier = DatabaseJournal(ctx.db, ctx.now, flush_every=NEVER)
    earlier.record_file_verified(KEY, "a.pdf", "1" * 64)
    earlier.flush()
    with ctx.db.read() as session:
        held = records.journal_keys(session)
    resumed = DatabaseJournal(ctx.db, ctx.now, flush_every=NEVER)
    resumed.keys_held(held)
    assert resumed.verified_files(KEY) == {("a.pdf", "1" * 64)}     # held: read
    fresh = DatabaseJournal(ctx.db, ctx.now, flush_every=NEVER)
    fresh.keys_held(set())                       # read before another PC wrote these rows
    assert fresh.verified_files(KEY) == set()    # nothing taken for verified: sent again
    fresh.record_file_verified(KEY, "b.pdf", "2" * 64)
    fresh.flush()
    assert fresh.verified_files(KEY) == {("b.pdf", "2" * 64)}
    assert {e.name for e in records.journal_entries(ctx.db, KEY)} == {"a.pdf", "b.pdf"}
    fresh.forget_item(KEY)
    assert records.journal_entries(ctx.db, KEY) == []
