"""The adaptable layout of the printed request form: labels, agency name, order, fonts.

The default lives in ``resources/templates/form/request_form.json``.  An agency adapts the
form by copying that file into its profile (``<profile>/templates/form/request_form.json``)
and editing it; keys missing from the copy fall back to the default.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.paths import resources_dir

TEMPLATE_RELATIVE = Path("templates") / "form" / "request_form.json"

class FormTemplateMessage(MessageCode):
    FORM_TEMPLATE_INVALID = (
        "form_template_invalid",
        "แม่แบบแบบฟอร์มไม่ถูกต้อง ({path}): {detail}",
        "The form template is not valid ({path}): {detail}",
    )
    FORM_FONT_MISSING = (
        "form_font_missing",
        "ไม่พบไฟล์ฟอนต์สำหรับแบบฟอร์ม: {path}",
        "The font file for the form is missing: {path}",
    )



def default_template_path() -> Path:
    return resources_dir() / TEMPLATE_RELATIVE


def profile_template_path(profile_home: Path) -> Path:
    """Where an agency's own copy of the template lives in a profile folder."""
    return profile_home / TEMPLATE_RELATIVE


def template_for_profile(profile_home: Path | None) -> Path:
    """The profile's copy when there is one, else the bundled default."""
    if profile_home is not None:
        own = profile_template_path(profile_home)
        if own.is_file():
            return own
    return default_template_path()


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(FormTemplateMessage.FORM_TEMPLATE_INVALID,
                        path=str(path), detail="file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(FormTemplateMessage.FORM_TEMPLATE_INVALID,
                        path=str(path), detail=str(exc)) from None
    if not isinstance(data, dict):
        raise UserError(FormTemplateMessage.FORM_TEMPLATE_INVALID,
                        path=str(path), detail="not a JSON object")
    return data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_form_template(path: Path | None = None) -> dict[str, Any]:
    """The default template, overlaid with ``path`` when given."""
    template = _read(default_template_path())
    if path is not None and Path(path).resolve() != default_template_path().resolve():
        template = _merge(template, _read(Path(path)))
    _check(template, path or default_template_path())
    return template


def _check(template: dict[str, Any], path: Path) -> None:
    for key in ("fields", "signature_blocks"):
        items = template.get(key)
        if not isinstance(items, list) or not all(
                isinstance(i, dict) and isinstance(i.get("key"), str) for i in items):
            raise UserError(FormTemplateMessage.FORM_TEMPLATE_INVALID, path=str(path),
                            detail=f"'{key}' must be a list of objects with a 'key'")


def font_file(template: dict[str, Any], style: str) -> Path:
    """The TTF for ``style`` ("regular" or "bold"), relative to the resources folder."""
    path = Path(str(template["font"][style]))
    if not path.is_absolute():
        path = resources_dir() / path
    if not path.is_file():
        raise UserError(FormTemplateMessage.FORM_FONT_MISSING, path=str(path))
    return path
