"""``webdesk inspect``: one line (or JSON object) per file, folders walked, exit status."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.files.inspect_command import inspect_command

from . import builders as b

REPO = Path(__file__).resolve().parents[3]


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "incoming"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "report.pdf").write_bytes(b.pdf())
    (root / "ภาพกิจกรรม.jpg").write_bytes(b.jpeg(200, 100))
    (root / "sub" / "budget.xlsx").write_bytes(b.xlsx())
    (root / "sub" / "deeper" / "evil.pdf").write_bytes(b.ELF)
    (root / "sub" / "deeper" / "ctl\x01name.png").write_bytes(b.png())
    return root


def test_all_good_files_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b.pdf())
    (tmp_path / "b.docx").write_bytes(b.docx())
    out = io.StringIO()
    status = inspect_command([str(tmp_path / "a.pdf"), str(tmp_path / "b.docx")], False, "en",
                             out)
    lines = out.getvalue().splitlines()
    assert status == 0
    assert lines[0].startswith(f"{tmp_path / 'a.pdf'}: OK pdf ")
    assert lines[1] == f"{tmp_path / 'b.docx'}: OK docx {len(b.docx())}"


def test_a_folder_is_walked_recursively_and_one_refusal_makes_exit_one(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    out = io.StringIO()
    status = inspect_command([str(root)], False, "en", out)
    lines = out.getvalue().splitlines()
    assert status == 1
    assert len(lines) == 5
    refused = [line for line in lines if "REFUSED" in line]
    assert len(refused) == 1 and "evil.pdf: REFUSED" in refused[0]
    assert "ELF executable" in refused[0] and "[file_executable]" in refused[0]


def test_thai_output(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"")
    out = io.StringIO()
    assert inspect_command([str(tmp_path / "x.pdf")], False, "th", out) == 1
    assert "ไฟล์ว่างเปล่า" in out.getvalue()


def test_json_is_one_document_with_an_object_per_file(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    out = io.StringIO()
    status = inspect_command([str(root), str(tmp_path / "missing.pdf")], True, "en", out)
    records = json.loads(out.getvalue())
    assert status == 1 and isinstance(records, list) and len(records) == 6
    assert len(out.getvalue().splitlines()) == 6 + 2            # "[", a line each, "]"
    by_name = {Path(record["path"]).name: record for record in records}
    assert by_name["report.pdf"]["accepted"] is True
    assert by_name["report.pdf"]["kind"] == "pdf" and by_name["report.pdf"]["details"]["pages"]
    assert by_name["evil.pdf"]["reason_code"] == "file_executable"
    assert by_name["missing.pdf"]["reason_code"] == "file_not_found"
    assert by_name["ctl\x01name.png"]["display_name"] == "ctlname.png"
    assert all(len(record["sha256"]) == 64 for record in records if record["size"])


def test_an_empty_folder_is_reported(tmp_path: Path) -> None:
    out = io.StringIO()
    assert inspect_command([str(tmp_path)], False, "en", out) == 1
    assert out.getvalue().strip() == "No files to inspect."


def test_a_big_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    from desktop.domain.file_policy import FilePolicy

    big = tmp_path / "big.pdf"
    with big.open("wb") as handle:
        handle.write(b.pdf())
        handle.truncate(5 * 1024 * 1024)
    out = io.StringIO()
    status = inspect_command([str(big)], True, "en", out,
                             policy=FilePolicy(max_file_bytes=1024 * 1024))
    [record] = json.loads(out.getvalue())
    assert status == 1 and record["reason_code"] == "file_too_large"
    assert record["size"] == 5 * 1024 * 1024


def test_runs_as_a_separate_process(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b.png())
    code = ("import sys; from desktop.files.inspect_command import inspect_command; "
            "sys.exit(inspect_command(sys.argv[1:], False, 'en', sys.stdout))")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "a.png")],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"OK png {len(b.png())}")
