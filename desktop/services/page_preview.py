"""The item's web page as the site will show it, for the preview tab: the same page files the
publisher uploads (page_bundle) and the HTML it renders, reached by the UI through here."""

from __future__ import annotations

from desktop.publish.pages import PageItem, SiteConfig, page_bundle, render_page

__all__ = ["PageItem", "SiteConfig", "page_bundle", "render_page"]
