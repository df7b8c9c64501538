"""Property tests: no input makes a sniffer or the inspection raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.file_policy import FilePolicy, Verdict
from desktop.files.findings import Findings, Refused
from desktop.files.image_structure import jpeg_layout, png_layout
from desktop.files.intake import inspect_file
from desktop.files.ole import check_ole
from desktop.files.sniff import ALLOWED_FAMILIES, hidden_content, sniff

from . import builders as b

MAGICS = [b"", b"%PDF-1.4\n", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04",
          b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"Rar!\x1a\x07\x00",
          b"Rar!\x1a\x07\x01\x00", b"MZ", b"#!", b"<html>"]
EXTENSIONS = ["pdf", "jpg", "png", "zip", "rar", "doc", "docx", "xls", "xlsx", "exe", ""]
SMALL = FilePolicy(archive_max_total_uncompressed=4 * 1024 * 1024)
FAST = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=4096))
def test_sniff_never_raises(data: bytes) -> None:
    sniffed = sniff(data)
    assert sniffed.family in (*ALLOWED_FAMILIES, "executable", "script", "markup", "other",
                              "unknown")
    assert sniffed.label
    hidden_content(data, sniffed.family)
    jpeg_layout(data)
    png_layout(data)


@FAST
@given(st.sampled_from(MAGICS), st.binary(max_size=2048), st.sampled_from(EXTENSIONS))
def test_inspect_never_raises_on_random_content(magic: bytes, rest: bytes, ext: str) -> None:
    verdict = inspect_file(magic + rest, f"file.{ext}" if ext else "file", SMALL)
    assert isinstance(verdict, Verdict)
    assert verdict.accepted or verdict.reason_code
    assert verdict.reason_code != "file_check_failed", verdict.reason_params


def _mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    return st.tuples(st.integers(0, len(seed) - 1), st.integers(1, 255),
                     st.integers(0, len(seed))).map(
        lambda t: (seed[:t[0]] + bytes([seed[t[0]] ^ t[1]]) + seed[t[0] + 1:])[: max(1, t[2])])


GOOD = {
    "jpg": b.jpeg(64, 48), "png": b.png(40, 30), "pdf": b.pdf(), "docx": b.docx(),
    "doc": b.doc(), "zip": b.zip_of({"a.txt": b"hello", "in.zip": b.zip_of({"b": b"b"})}),
    "rar": b.rar5({"a.txt": b"hello"}),
}


@FAST
@given(st.sampled_from(sorted(GOOD)).flatmap(
    lambda ext: st.tuples(st.just(ext), _mutations(GOOD[ext]))))
def test_inspect_never_raises_on_mutated_good_files(case: tuple[str, bytes]) -> None:
    ext, data = case
    verdict = inspect_file(data, f"mutated.{ext}", SMALL)
    assert isinstance(verdict, Verdict)
    assert verdict.size == len(data)
    assert verdict.reason_code != "file_check_failed", verdict.reason_params


@FAST
@given(st.binary(min_size=1024, max_size=4096))
def test_ole_reader_only_refuses(rest: bytes) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rest
    try:
        check_ole(data, Findings())
    except Refused as refusal:
        assert refusal.code in ("ole_corrupt", "ole_macro", "office_encrypted")


@FAST
@given(st.sampled_from(["jpg", "png"]).flatmap(
    lambda ext: st.tuples(st.just(ext), _mutations(GOOD[ext]))))
def test_prepare_image_only_raises_user_errors(case: tuple[str, bytes]) -> None:
    from desktop.domain.errors import UserError
    from desktop.files.images import PreparedImage, prepare_image

    try:
        prepared = prepare_image(case[1], SMALL)
    except UserError as error:
        assert error.code in ("image_corrupt", "image_bomb", "image_decode_memory",
                              "image_decode_work")
    else:
        assert isinstance(prepared, PreparedImage) and prepared.web_bytes
