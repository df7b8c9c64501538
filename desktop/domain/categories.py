"""The category catalogue (Thai Government Website Standard v2.0), loaded from JSON data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.messages import Localized


@dataclass(frozen=True)
class Category:
    code: str
    th: str
    en: str
    required: tuple[str, ...] = ()
    expiry_days: int | None = None
    parent: str | None = None
    children: tuple[Category, ...] = field(default=())
    approval_steps: tuple[str, ...] = ("approver",)

    def name(self, lang: str = "th") -> str:
        return self.th if lang == "th" else self.en

    @property
    def localized(self) -> Localized:
        return Localized(self.th, self.en)


@dataclass(frozen=True)
class CategoryCatalogue:
    categories: tuple[Category, ...]

    def get(self, code: str) -> Category | None:
        for category in self.categories:
            if category.code == code:
                return category
            for child in category.children:
                if child.code == code:
                    return child
        return None

    def required_fields(self, category: str, subcategory: str = "") -> tuple[str, ...]:
        names: list[str] = []
        for code in (category, subcategory):
            found = self.get(code) if code else None
            if found:
                names.extend(n for n in found.required if n not in names)
        return tuple(names)

    def default_expiry_days(self, category: str, subcategory: str = "") -> int | None:
        for code in (subcategory, category):
            found = self.get(code) if code else None
            if found and found.expiry_days:
                return found.expiry_days
        return None

    def to_json(self) -> str:
        def dump(c: Category) -> dict[str, Any]:
            data: dict[str, Any] = {"code": c.code, "th": c.th, "en": c.en,
                                    "required": list(c.required), "expiry_days": c.expiry_days,
                                    "approval_steps": list(c.approval_steps)}
            if c.parent is None:
                data["subcategories"] = [dump(x) for x in c.children]
            return data
        return json.dumps({"version": 1, "categories": [dump(c) for c in self.categories]},
                          ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> CategoryCatalogue:
        data = json.loads(text)
        categories = []
        for item in data["categories"]:
            steps = tuple(item.get("approval_steps") or ("approver",))
            children = tuple(
                Category(code=sub["code"], th=sub["th"], en=sub["en"],
                         required=tuple(sub.get("required", ())),
                         expiry_days=sub.get("expiry_days"), parent=item["code"],
                         approval_steps=tuple(sub.get("approval_steps") or steps))
                for sub in item.get("subcategories", ()))
            categories.append(Category(code=item["code"], th=item["th"], en=item["en"],
                                       required=tuple(item.get("required", ())),
                                       expiry_days=item.get("expiry_days"), children=children,
                                       approval_steps=steps))
        return cls(tuple(categories))
