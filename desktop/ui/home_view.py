"""The home screen, the first thing after sign-in: what waits for this person, by role.

Webmasters: to check, returned, approved and ready to publish, due for takedown this week,
recently changed, and counts by state.  Approvers: what waits for their signature with the
SLA due date.  Admins: the installation's health.  Each line opens its request.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop.domain.thai_dates import format_date
from desktop.domain.users import User
from desktop.domain.workflow import RequestState, label
from desktop.ui.plain_text import PlainLabel
from desktop.ui.tasks import TaskFailure, task_runner

if TYPE_CHECKING:
    from desktop.services.context import AppContext
    from desktop.services.home import HomeList, HomeSummary


class HomeView(QWidget):
    request_opened = Signal(int)       # a line was clicked: show this request
    inbox_opened = Signal(int)         # a line to sign: open it in the inbox
    state_opened = Signal(str)         # a count or a list title: the queue filtered so
    admin_opened = Signal(str)         # a health line: "settings" (backups) or "servers"
    home_loaded = Signal(object)       # HomeSummary
    failed = Signal(TaskFailure)

    def __init__(self, ctx: AppContext, user: User, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeView")
        self.ctx, self.user, self.lang = ctx, user, lang
        self.summary: HomeSummary | None = None
        self.heading = PlainLabel()
        self.heading.setObjectName("homeHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600; color: #0f3d6e;")
        self.view = QTextBrowser()
        self.view.setObjectName("homeText")
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._clicked)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("homeRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.refresh_button)
        self.set_lang(lang)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.heading.setText(self.tr("Good day, {name}").format(name=self.user.full_name))
        self.refresh_button.setText(self.tr("Refresh"))
        self._show()

    def refresh(self) -> None:
        ctx, user = self.ctx, self.user

        def summary() -> HomeSummary:
            from desktop.services.home import home_summary

            return home_summary(ctx, user)

        task_runner().database(summary, self._arrived,
                               self.failed.emit, owner=self)

    def _arrived(self, summary: HomeSummary) -> None:
        self.summary = summary
        self._show()
        self.home_loaded.emit(summary)

    def clear(self) -> None:
        self.summary = None
        self.view.clear()

    # ----- showing -----
    def _titles(self) -> dict[str, str]:
        return {"to_check": self.tr("Waiting for you to check"),
                "returned": self.tr("Returned to the owner for correction"),
                "ready_to_publish": self.tr("Approved: ready to publish"),
                "failed_uploads": self.tr("Upload failed: publish again"),
                "due_this_week": self.tr("Due for takedown within 7 days"),
                "recent": self.tr("Recently changed")}

    def _show(self) -> None:
        summary = self.summary
        if summary is None:
            self.view.setHtml(f"<p style='color:#6b7280'>{html.escape(self.tr('Loading…'))}</p>")
            return
        parts = []
        if summary.to_sign or self._is_approver():
            parts.append(self._to_sign_html(summary))
        titles = self._titles()
        for home_list in summary.lists:
            parts.append(self._list_html(titles[home_list.key], home_list))
        if summary.health is not None:
            parts.append(self._health_html(summary))
        parts.append(self._counts_html(summary))
        if not any(summary.counts.values()):
            parts.insert(0, "<p style='font-size:12pt'>" + html.escape(self.tr(
                "No requests yet. Register the first one with New request (Ctrl+N) when a "
                "unit sends you something to publish.")) + "</p>")
        self.view.setHtml("".join(parts))

    def _is_approver(self) -> bool:
        from desktop.domain.workflow import Role

        return Role.APPROVER in self.user.roles

    def _to_sign_html(self, summary: HomeSummary) -> str:
        esc = html.escape
        title = esc(self.tr("Waiting for your signature ({n})").format(n=len(summary.to_sign)))
        if not summary.to_sign:
            return f"<h3>{title}</h3><p style='color:#6b7280'>" \
                f"{esc(self.tr('Nothing waits for your signature.'))}</p>"
        rows = "".join(
            f"<li><a href='sign:{i.request_id}'>{esc(i.reference)} {esc(i.title)}</a> — "
            f"{esc(self.tr('step {step} of {total}').format(step=i.step, total=i.total_steps))}"
            f", <span style='color:{'#b91c1c' if i.overdue else '#374151'}'>"
            f"{esc(self.tr('due {date}').format(date=format_date(i.due, self.lang, 'short')))}"
            f"</span></li>" for i in summary.to_sign)
        return f"<h3>{title}</h3><ul>{rows}</ul>"

    def _list_html(self, title: str, home_list: HomeList) -> str:
        esc = html.escape
        head = f"<h3><a href='list:{home_list.key}'>{esc(title)}</a> ({home_list.total})</h3>"
        if not home_list.rows:
            return head + f"<p style='color:#6b7280'>{esc(self.tr('Nothing here.'))}</p>"
        rows = "".join(
            f"<li><a href='open:{r.id}'>{esc(r.reference)} {esc(r.title)}</a> — "
            f"{esc(label(r.state, self.lang))}"
            + (f" ({esc(r.waiting_for.text(self.lang))})" if r.waiting_for.text(self.lang)
               else "")
            + (f", {esc(self.tr('due {date}').format(date=format_date(r.due, self.lang, 'short')))}"  # noqa: E501
               if r.due else "") + "</li>" for r in home_list.rows)
        return head + f"<ul>{rows}</ul>"

    def _counts_html(self, summary: HomeSummary) -> str:
        esc = html.escape
        cells = "".join(
            f"<tr><td><a href='state:{state.value}'>{esc(label(state, self.lang))}</a></td>"
            f"<td align='right'>{count}</td></tr>"
            for state, count in summary.counts.items() if count)
        return f"<h3>{esc(self.tr('Requests by state'))}</h3><table cellspacing='4'>{cells}</table>"

    def _health_html(self, summary: HomeSummary) -> str:
        esc = html.escape
        health = summary.health
        assert health is not None
        backup = format_date(health.last_backup, self.lang, "short") + \
            f" {health.last_backup:%H:%M}" if health.last_backup else self.tr("never")
        audit = self.tr("intact ({n} entries checked)").format(n=health.audit_rows) \
            if health.audit_ok else \
            self.tr("BROKEN: {problem}").format(problem=health.audit_problem)
        servers = "".join(
            f"<li><a href='admin:servers'>{esc(name)}</a>: "
            f"{esc(self.tr('answers') if ok else self.tr('does not answer'))}"
            f"</li>" for name, ok in health.servers) or \
            f"<li><a href='admin:servers'>{esc(self.tr('no publishing server set up'))}</a></li>"
        return (f"<h3>{esc(self.tr('Health of this installation'))}</h3><ul>"
                f"<li><a href='admin:settings'>"
                f"{esc(self.tr('Last backup: {when}').format(when=backup))}</a></li>"
                f"<li>{esc(self.tr('Audit log: {state}').format(state=audit))}</li>"
                f"{servers}</ul>")

    def _clicked(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "open" and value.isdigit():
            self.request_opened.emit(int(value))
        elif kind == "sign" and value.isdigit():
            self.inbox_opened.emit(int(value))
        elif kind == "state":
            self.state_opened.emit(value)
        elif kind == "admin":
            self.admin_opened.emit(value)
        elif kind == "list":
            self.state_opened.emit({"to_check": RequestState.SUBMITTED.value,
                                    "returned": RequestState.RETURNED.value,
                                    "ready_to_publish": RequestState.APPROVED.value,
                                    "failed_uploads": RequestState.APPROVED.value,
                                    "due_this_week": "due", "recent": ""}.get(value, ""))
