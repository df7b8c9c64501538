"""Benchmark: take in one 6000×4000 JPEG, and 200 mixed files through ``webdesk inspect``.

Baselines measured in the same run, interleaved, medians reported:

* ``bare_pillow``: the least Pillow needs for the same two outputs (open, draft, decode,
  resize to the web width, save; thumbnail, save) — no checks at all.
* ``naive_pillow``: the same without ``draft()`` (full-size decode), for scale.
* ``hash_only``: read and SHA-256 every one of the 200 files (the floor for any inspection).

Target: ``prepare_vs_bare`` (web copy + thumbnail) within 1.5.  Last line: one JSON object.
"""

from __future__ import annotations

import hashlib
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.domain.file_policy import FilePolicy  # noqa: E402
from desktop.files.images import prepare_image  # noqa: E402
from desktop.files.inspect_command import expand_paths, inspect_command  # noqa: E402
from desktop.files.intake import inspect_file  # noqa: E402
from tests.unit.files import builders as b  # noqa: E402

ROUNDS = 7


def make_photo(width: int = 6000, height: int = 4000) -> bytes:
    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40)
    image = Image.merge("RGB", (gradient, noise, Image.blend(gradient, noise, 0.5)))
    exif = Image.Exif()
    exif[0x010F] = "BenchCam"
    exif.get_ifd(0x8825).update({1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def bare_pillow(data: bytes, policy: FilePolicy, use_draft: bool = True) -> tuple[bytes, bytes]:
    with Image.open(io.BytesIO(data)) as image:
        target = (policy.image_web_max_width,
                  round(image.height * policy.image_web_max_width / image.width))
        if use_draft:
            image.draft("RGB", target)
        web = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    web.save(out, "JPEG", quality=policy.image_web_jpeg_quality)
    thumb = web.copy()
    thumb.thumbnail((policy.thumbnail_max_side,) * 2, Image.Resampling.LANCZOS,
                    reducing_gap=3.0)
    small = io.BytesIO()
    thumb.save(small, "JPEG", quality=policy.image_web_jpeg_quality)
    return out.getvalue(), small.getvalue()


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def mixed_files(folder: Path, count: int = 200) -> None:
    pdf, jpeg, png = b.pdf(3), b.jpeg(1600, 1200, gps=True), b.png(800, 600)
    docx, xlsx, doc, xls = b.docx(), b.xlsx(), b.doc(), b.xls()
    archive = b.zip_of({"a.pdf": pdf, "b.jpg": jpeg, "c/d.docx": docx})
    samples = [
        ("report.pdf", pdf), ("photo.jpg", jpeg), ("chart.png", png), ("letter.docx", docx),
        ("budget.xlsx", xlsx), ("old.doc", doc), ("old.xls", xls), ("bundle.zip", archive),
        ("files.rar", b.rar5({"a.pdf": pdf})), ("evil.pdf", b.ELF),
        ("cut.jpg", jpeg[: len(jpeg) // 2]), ("slip.zip", b.zip_of({"../x": b"x"})),
        ("macro.docx", b.docx(b.DOCM_MAIN, vba=True)), ("empty.pdf", b""),
        ("bomb.png", b.png_claiming(100_000, 100_000)), ("poly.jpg", jpeg + archive),
    ]
    for index in range(count):
        name, data = samples[index % len(samples)]
        (folder / f"{index:03d}-{name}").write_bytes(data)


def hash_only(folder: Path) -> None:
    for path in expand_paths([str(folder)]):
        hashlib.sha256(Path(path).read_bytes()).hexdigest()


def main() -> None:
    policy = FilePolicy()
    photo = make_photo()
    samples: dict[str, list[float]] = {key: [] for key in (
        "inspect", "prepare", "bare", "naive", "inspect_200", "hash_200")}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        mixed_files(folder)
        verdict = inspect_file(photo, "photo.jpg", policy)
        assert verdict.accepted, verdict.reason("en")
        for _ in range(ROUNDS):
            samples["bare"].append(timed(lambda: bare_pillow(photo, policy)))
            samples["inspect"].append(timed(lambda: inspect_file(photo, "photo.jpg", policy)))
            samples["prepare"].append(timed(lambda: prepare_image(photo, policy)))
            samples["naive"].append(timed(lambda: bare_pillow(photo, policy, use_draft=False)))
            samples["hash_200"].append(timed(lambda: hash_only(folder)))
            samples["inspect_200"].append(timed(
                lambda: inspect_command([str(folder)], False, "en", io.StringIO(), policy)))
    med = {key: statistics.median(values) for key, values in samples.items()}
    prepared = prepare_image(photo, policy)
    metrics = {
        "photo_bytes": len(photo),
        "inspect_s": round(med["inspect"], 4),
        "prepare_s": round(med["prepare"], 4),
        "intake_s": round(med["inspect"] + med["prepare"], 4),
        "bare_pillow_s": round(med["bare"], 4),
        "naive_pillow_no_draft_s": round(med["naive"], 4),
        "web_copy_px": [prepared.web_width, prepared.web_height],
        "thumbnail_px": [prepared.thumbnail_width, prepared.thumbnail_height],
        "removed_metadata": list(prepared.removed_metadata),
        "inspect_200_files_s": round(med["inspect_200"], 4),
        "inspect_files_per_s": round(200 / med["inspect_200"], 1),
        "hash_only_200_files_s": round(med["hash_200"], 4),
        "rounds": ROUNDS,
    }
    ratios = {
        "prepare_vs_bare": round(med["prepare"] / med["bare"], 3),
        "intake_vs_bare": round((med["inspect"] + med["prepare"]) / med["bare"], 3),
        "naive_vs_bare": round(med["naive"] / med["bare"], 3),
        "inspect_200_vs_hash_only": round(med["inspect_200"] / med["hash_200"], 3),
        "prepare_vs_bare_target": 1.5,
    }
    for key, value in metrics.items():
        print(f"{key}: {value}")
    print(json.dumps({"bench": "intake", "metrics": metrics, "ratios": ratios}))


if __name__ == "__main__":
    main()
