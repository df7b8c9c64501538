"""The item's web page, the category index and the Atom feed, from resources/templates/site.

Templates are :class:`string.Template` files (``$name`` placeholders); every value is HTML- or
XML-escaped here before it is substituted, so request text can never become markup.  The CSS
is inlined: a page needs nothing but its own photos and files (no external assets).

Links inside an item page are relative to the item's folder: photos and files live in
``{SiteConfig.files_dir}/{web_name}`` next to ``index.html``.  The category index links to
``{slug}/`` and the feed to ``{base_url}/{slug}/``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from string import Template

from desktop.domain.request import PublicationRequest
from desktop.domain.sizes import format_size
from desktop.domain.thai_dates import (
    ENGLISH_MONTHS,
    be_year,
    format_thai_date,
    thai_month_name,
    to_thai_digits,
)
from desktop.paths import resources_dir

Content = bytes | Path        # a published file: its bytes, or a local file holding them

_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
_TYPE_LABELS = {"pdf": "PDF", "doc": "Word", "docx": "Word", "xls": "Excel", "xlsx": "Excel",
                "jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "zip": "ZIP", "rar": "RAR"}
_LABELS = {
    "th": {"date": "วันที่", "category": "หมวดหมู่", "photos": "ภาพประกอบ", "files": "เอกสารแนบ",
           "source": "แหล่งที่มา/เจ้าของข้อมูล", "period": "ข้อมูลช่วงวันที่",
           "link": "ลิงก์ที่เกี่ยวข้อง", "home": "หน้าหลัก", "to": "ถึง", "size": "ขนาด",
           "none": "ยังไม่มีรายการ"},
    "en": {"date": "Date", "category": "Category", "photos": "Photos", "files": "Documents",
           "source": "Source / data owner", "period": "Information period",
           "link": "Related link", "home": "Home", "to": "to", "size": "size",
           "none": "No items yet"},
}


@dataclass(frozen=True)
class PageFile:
    """A photo or document on the page.  ``web_name``: its name in the item's files folder."""

    web_name: str
    display_name: str
    kind: str = ""            # FileKind value: pdf, docx, jpg, ...
    size: int = 0             # bytes of the file as uploaded (the web copy for photos)
    caption: str = ""
    alt_text: str = ""
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class PageItem:
    """What one published item shows.  ``body`` is plain text (blank line = new paragraph)."""

    slug: str                 # the item's folder on the site, e.g. "2569-0042"
    title: str
    summary: str = ""
    body: str = ""
    category: str = ""        # display name of the category, in the site's language
    subcategory: str = ""
    publish_date: date | None = None
    source_owner: str = ""
    period_start: date | None = None
    period_end: date | None = None
    external_link: str = ""
    photos: tuple[PageFile, ...] = ()
    files: tuple[PageFile, ...] = ()
    updated: datetime | None = None


@dataclass(frozen=True)
class SiteConfig:
    """How pages look: names, language, era (``"BE"`` or ``"CE"``), Thai digits, base URL."""

    site_name: str = "เว็บไซต์หน่วยงาน"
    agency_name: str = ""
    base_url: str = ""        # e.g. "https://www.agency.go.th/news" (for the feed)
    lang: str = "th"
    era: str = "BE"
    thai_digits: bool = False
    files_dir: str = "files"
    home_href: str = "../"
    templates_dir: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def template_folder(self) -> Path:
        return self.templates_dir or resources_dir() / "templates" / "site"


def page_item_from_request(request: PublicationRequest, slug: str, category: str = "",
                           subcategory: str = "") -> PageItem:
    """The page of a request: images become photos, every other attachment a document link."""
    photos: list[PageFile] = []
    files: list[PageFile] = []
    for attachment in sorted(request.attachments, key=lambda a: a.position):
        entry = PageFile(web_name=attachment.web_name, display_name=attachment.display_name,
                         kind=attachment.kind, size=attachment.size, caption=attachment.caption,
                         alt_text=attachment.alt_text)
        is_photo = attachment.kind in ("jpg", "jpeg", "png") or \
            attachment.media_type.startswith("image/")
        (photos if is_photo else files).append(entry)
    return PageItem(slug=slug, title=request.title, summary=request.summary, body=request.body,
                    category=category or request.category,
                    subcategory=subcategory or request.subcategory,
                    publish_date=request.publish_date, source_owner=request.source_owner,
                    period_start=request.period_start, period_end=request.period_end,
                    external_link=request.external_link, photos=tuple(photos), files=tuple(files))


def format_site_date(value: date | None, site: SiteConfig) -> str:
    """The date as the site writes it: Thai or English month, BE or CE year, Thai digits."""
    if value is None:
        return ""
    year = be_year(value.year) if site.era.upper() == "BE" else value.year
    if site.lang == "th":
        text = format_thai_date(value) if site.era.upper() == "BE" else \
            f"{value.day} {thai_month_name(value.month)} {year}"
        return to_thai_digits(text) if site.thai_digits else text
    suffix = " BE" if site.era.upper() == "BE" else ""
    return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {year}{suffix}"


def text_to_html(text: str) -> str:
    """Plain text as escaped paragraphs, line breaks kept, http(s) links made clickable."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "\n".join(f"<p>{_linkify(p.strip())}</p>" for p in paragraphs)


def _linkify(text: str) -> str:
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        url = html.escape(match.group(0))
        out.append(f'<a href="{url}" rel="noopener">{url}</a>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>\n")


def _template(site: SiteConfig, name: str) -> Template:
    return Template((site.template_folder() / name).read_text(encoding="utf-8"))


def _css(site: SiteConfig) -> str:
    return (site.template_folder() / "site.css").read_text(encoding="utf-8")


def _labels(site: SiteConfig) -> dict[str, str]:
    return _LABELS["th" if site.lang == "th" else "en"]


def _href(site: SiteConfig, web_name: str) -> str:
    return html.escape(f"{site.files_dir}/{web_name}" if site.files_dir else web_name)


def render_page(item: PageItem, site: SiteConfig) -> str:
    """The complete HTML of the item's page (``{slug}/index.html`` on the site)."""
    e, labels = html.escape, _labels(site)
    photos = ""
    if item.photos:
        figures = "\n".join(
            f'<figure><img src="{_href(site, p.web_name)}" alt="{e(p.alt_text)}"'
            + (f' width="{p.width}" height="{p.height}"' if p.width and p.height else "")
            + ' loading="lazy">'
            + (f"<figcaption><p>{e(p.caption)}</p></figcaption>" if p.caption else "")
            + "</figure>"
            for p in item.photos)
        photos = (f'<section><h2>{labels["photos"]}</h2>\n<div class="photos">\n{figures}\n'
                  "</div></section>")
    files = ""
    if item.files:
        rows = "\n".join(
            f'<li><span class="type">{e(_TYPE_LABELS.get(f.kind.lower(), f.kind.upper()))}'
            f'</span><a href="{_href(site, f.web_name)}">{e(f.display_name)}</a> '
            f'<span class="size">({labels["size"]} {e(format_size(f.size, site.lang))})</span></li>'
            for f in item.files)
        files = f'<section><h2>{labels["files"]}</h2>\n<ul class="files">\n{rows}\n</ul></section>'
    return _template(site, "page.html").substitute(
        lang=e(site.lang), title=e(item.title), site_name=e(site.site_name),
        agency_name=e(site.agency_name), description=e(item.summary[:300]),
        css=_css(site), home_href=e(site.home_href),
        breadcrumb=" › ".join(e(x) for x in (labels["home"], item.category, item.subcategory)
                               if x),
        label_date=labels["date"], label_category=labels["category"],
        date_iso=item.publish_date.isoformat() if item.publish_date else "",
        date_text=e(format_site_date(item.publish_date, site)),
        category=e(" › ".join(x for x in (item.category, item.subcategory) if x)),
        summary_html=f'<p class="summary">{_linkify(item.summary)}</p>' if item.summary else "",
        body_html=text_to_html(item.body), photos_html=photos, files_html=files,
        facts_html=_facts(item, site),
    )


def _facts(item: PageItem, site: SiteConfig) -> str:
    e, labels = html.escape, _labels(site)
    facts = []
    if item.source_owner:
        facts.append((labels["source"], e(item.source_owner)))
    if item.period_start or item.period_end:
        start = format_site_date(item.period_start, site)
        end = format_site_date(item.period_end, site)
        facts.append((labels["period"], e(f"{start} {labels['to']} {end}" if start and end
                                          else start or end)))
    if item.external_link:
        link = e(item.external_link)
        facts.append((labels["link"], f'<a href="{link}" rel="noopener">{link}</a>'
                      if _URL.fullmatch(item.external_link) else link))
    return "\n".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts)


def render_category_index(heading: str, items: Sequence[PageItem], site: SiteConfig,
                          feed_href: str = "feed.xml") -> str:
    """The list of a category's items, newest first, each linking to ``{slug}/``."""
    e = html.escape
    ordered = sorted(items, key=lambda i: (i.publish_date or date.min, i.slug), reverse=True)
    rows = "\n".join(
        f'<li><a href="{e(i.slug)}/">{e(i.title)}</a>'
        f'<span class="date">{e(format_site_date(i.publish_date, site))}</span></li>'
        for i in ordered) or f"<li>{_labels(site)['none']}</li>"
    feed = (f'<link rel="alternate" type="application/atom+xml" href="{e(feed_href)}">'
            if feed_href else "")
    return _template(site, "index.html").substitute(
        lang=e(site.lang), heading=e(heading), site_name=e(site.site_name),
        agency_name=e(site.agency_name), css=_css(site), home_href=e(site.home_href),
        items_html=rows, feed_link=feed)


def render_atom_feed(feed_title: str, items: Sequence[PageItem], site: SiteConfig,
                     feed_name: str = "feed.xml", updated: datetime | None = None,
                     limit: int = 50) -> str:
    """An Atom 1.0 feed of the newest ``limit`` items (links absolute under ``base_url``)."""
    e = html.escape
    base = site.base_url.rstrip("/")
    ordered = sorted(items, key=lambda i: (i.publish_date or date.min, i.slug),
                     reverse=True)[:limit]
    entries = []
    for item in ordered:
        link = f"{base}/{item.slug}/"
        stamp = _stamp(item.updated or item.publish_date)
        entries.append(
            f"<entry><title>{e(item.title)}</title><id>{e(link)}</id>"
            f'<link rel="alternate" href="{e(link)}"/><updated>{stamp}</updated>'
            + (f"<summary>{e(item.summary)}</summary>" if item.summary else "")
            + (f'<category term="{e(item.category)}"/>' if item.category else "")
            + "</entry>")
    newest = updated or max((i.updated or _midnight(i.publish_date) for i in ordered),
                            default=datetime(1970, 1, 1, tzinfo=UTC))
    return _template(site, "feed.xml").substitute(
        lang=e(site.lang), feed_title=e(feed_title), feed_id=e(f"{base}/{feed_name}"),
        updated=_stamp(newest), self_href=e(f"{base}/{feed_name}"),
        alternate_href=e(f"{base}/"), agency_name=e(site.agency_name or site.site_name),
        entries="\n".join(entries))


def _midnight(value: date | None) -> datetime:
    if value is None:
        return datetime(1970, 1, 1, tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _stamp(value: date | datetime | None) -> str:
    moment = value if isinstance(value, datetime) else _midnight(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def page_bundle(item: PageItem, site: SiteConfig,
                contents: Mapping[str, Content]) -> dict[str, Content]:
    """Exactly what the item uploads: ``{"index.html": ..., "files/<web_name>": ..., ...}``.

    ``contents`` maps each photo's and file's ``web_name`` to what will be published (the web
    copy for photos): bytes, or a local file holding them.  A missing entry raises KeyError:
    nothing is silently left out.
    """
    bundle: dict[str, Content] = {"index.html": render_page(item, site).encode("utf-8")}
    for entry in (*item.photos, *item.files):
        path = f"{site.files_dir}/{entry.web_name}" if site.files_dir else entry.web_name
        bundle[path] = contents[entry.web_name]
    return bundle
