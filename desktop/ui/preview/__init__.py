"""Preview of what will be published: file viewers, the page as the site shows it, the checklist.

    PreviewPane(policy, cache, lang).show_file(PreviewFile(name, data=... or path=..., sha256=...))
    PagePreviewWidget(SiteConfig(...)).set_page(PageItem(...), {web_name: bytes})
    ChecklistWidget(lang).set_items(run_checklist(request, ChecklistInput(...), config))
"""
