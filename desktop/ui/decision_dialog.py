"""The approver's decision: approve, reject (reason) or return for changes; password again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.users import User
from desktop.services.context import AppContext
from desktop.services.signoff import (
    Decision,
    SignoffOptions,
    SignoffResult,
    decide,
    require_may_sign,
    resign,
    signoff_options,
)
from desktop.ui.decision_lock import locks_after_decision
from desktop.ui.plain_text import PlainLabel
from desktop.ui.signature_pad import SignaturePad
from desktop.ui.tasks import TaskFailure, task_runner

QUICK_REJECT_REASONS = {
    "th": ["ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน", "รูปแบบไฟล์ไม่เป็นไปตามที่กำหนด",
           "ข้อมูลไม่ครบถ้วนหรือไม่ถูกต้อง", "มีข้อมูลส่วนบุคคลที่ไม่ควรเผยแพร่"],
    "en": ["Not related to the agency's mission", "File format not allowed",
           "Information incomplete or incorrect",
           "Contains personal data that must not be published"],
}


class DecisionDialog(QDialog):
    def __init__(self, decision: Decision, title: str, manifest_hash: str, lang: str,
                 parent: QWidget | None = None, options: SignoffOptions | None = None,
                 *, locks_screen: bool = False) -> None:
        """``locks_screen``: the screen locks once the decision is recorded, and the approve
        button says so ("Sign and lock"; "Sign" otherwise)."""
        super().__init__(parent)
        self.options, self.locks_screen = options, locks_screen
        self.setObjectName("decisionDialog")
        self.decision = decision
        names = {Decision.APPROVE: self.tr("Approve"), Decision.REJECT: self.tr("Reject"),
                 Decision.REQUEST_CHANGES: self.tr("Return for changes")}
        self.setWindowTitle(names[decision])
        self.quick = QComboBox(self)
        self.quick.setObjectName("quickReasons")
        self.quick.addItem("")
        self.quick.addItems(QUICK_REJECT_REASONS.get(lang, QUICK_REJECT_REASONS["en"]))
        self.quick.setVisible(decision == Decision.REJECT)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.quick.currentTextChanged.connect(self._quick_reason)
        self.reason.setVisible(decision != Decision.APPROVE)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = PlainLabel("")
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        summary = PlainLabel(self.tr("Request: {title}").format(title=title))
        summary.setObjectName("decisionSummary")
        summary.setWordWrap(True)
        summary.setStyleSheet("font-weight: 600;")
        self.details_button = QToolButton()
        self.details_button.setObjectName("detailsButton")
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details = PlainLabel(self.tr("Content fingerprint (SHA-256 of the manifest): {hash}")
                              .format(hash=manifest_hash))
        self.details.setObjectName("fingerprint")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(False)
        self.details_button.toggled.connect(self._toggle_details)
        form = QFormLayout()
        self.step_label = PlainLabel("")
        self.step_label.setObjectName("stepLabel")
        self.on_behalf = QComboBox()
        self.on_behalf.setObjectName("onBehalfOf")
        self.pad = SignaturePad()
        pad_row = QWidget(self)
        pad_layout = QHBoxLayout(pad_row)
        pad_layout.setContentsMargins(0, 0, 0, 0)
        pad_layout.addWidget(self.pad, 1)
        clear_pad = QPushButton(self.tr("Clear"))
        clear_pad.clicked.connect(self.pad.clear)
        pad_layout.addWidget(clear_pad)
        if options is not None:
            self.step_label.setText(self.tr("Step {step} of {total}: {title}").format(
                step=options.step, total=options.total_steps,
                title=options.step_title.text(lang)))
            form.addRow(self.tr("Approval step"), self.step_label)
            if options.may_sign_self:
                self.on_behalf.addItem(self.tr("Myself"), None)
            for principal in options.on_behalf_choices:
                self.on_behalf.addItem(self.tr("On behalf of {name} (acting for)")
                                       .format(name=principal.full_name), principal.id)
            if options.on_behalf_choices:
                form.addRow(self.tr("Signing as"), self.on_behalf)
        self.wants_signature = bool(options is not None and options.signature_required
                                    and decision == Decision.APPROVE)
        if self.wants_signature:
            form.addRow(self.tr("Signature"), pad_row)
        else:
            pad_row.hide()
        if decision == Decision.REJECT:          # the quick reasons are reasons to reject
            form.addRow(self.tr("Quick reason"), self.quick)
        if decision != Decision.APPROVE:
            form.addRow(self.tr("Reason / comments"), self.reason)
        password_label = PlainLabel(self.tr("Your &password"))
        password_label.setBuddy(self.password)
        form.addRow(password_label, self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        sign = self.tr("Sign and lock") if locks_screen else self.tr("Sign")
        ok.setText(sign if decision == Decision.APPROVE else names[decision])
        ok.setObjectName("confirmButton")
        self.buttons = buttons
        self.submit: Callable[[], None] = self.accept   # DecisionFlow records it instead
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        asking = QWidget()
        asking_layout = QVBoxLayout(asking)
        asking_layout.setContentsMargins(0, 0, 0, 0)
        asking_layout.addWidget(summary)
        asking_layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        asking_layout.addWidget(self.details)
        asking_layout.addLayout(form)
        asking_layout.addWidget(self.message)
        asking_layout.addWidget(buttons)
        self.confirmation = PlainLabel()
        self.confirmation.setObjectName("confirmation")
        self.confirmation.setWordWrap(True)
        self.confirmation.setStyleSheet("font-size: 12pt; color: #065f46;")
        self.done_button = QPushButton(self.tr("OK"))
        self.done_button.setObjectName("doneButton")
        self.done_button.clicked.connect(self.accept)
        confirmed = QWidget()
        confirmed_layout = QVBoxLayout(confirmed)
        confirmed_layout.addWidget(self.confirmation, 1)
        confirmed_layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        self.pages = QStackedWidget()
        self.pages.addWidget(asking)
        self.pages.addWidget(confirmed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.setMinimumWidth(520)

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown
                                         else Qt.ArrowType.RightArrow)

    def _quick_reason(self, text: str) -> None:
        if text:
            self.reason.setPlainText(text)

    def on_behalf_of(self) -> int | None:
        value = self.on_behalf.currentData() if self.on_behalf.count() else None
        return int(value) if value is not None else None

    def signature_png(self) -> bytes | None:
        return self.pad.png() if self.wants_signature else None

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def show_error(self, text: str) -> None:
        """Say what went wrong; the password field is emptied and keeps the focus."""
        self.message.setText(text)
        self.password.clear()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_confirmation(self, asked: DecisionAsked, result: SignoffResult, user: User,
                          at: datetime) -> None:
        """What was recorded, named, before the screen moves on (or locks)."""
        what = {Decision.APPROVE: self.tr("Approved"), Decision.REJECT: self.tr("Rejected"),
                Decision.REQUEST_CHANGES: self.tr("Returned for changes")}[asked.decision]
        self.confirmation.setText(self.tr(
            "{what}: “{title}” ({reference})\nStep {step} of {total}, signed by {name} at "
            "{time}.").format(what=what, title=asked.title, reference=asked.reference,
                              step=result.step, total=result.total_steps,
                              name=user.full_name, time=at.strftime("%H:%M")))
        self.pages.setCurrentIndex(1)
        self.done_button.setDefault(True)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _accept(self) -> None:
        if self.decision != Decision.APPROVE and not self.reason_text():
            self.message.setText(self.tr("Please give a reason."))
            return
        if (self.options is not None and self.options.signature_required
                and self.decision == Decision.APPROVE and self.pad.is_empty()):
            self.message.setText(self.tr("Please sign in the signature box."))
            return
        if not self.password.text():
            self.message.setText(self.tr("Please enter your password."))
            return
        self.submit()

    def set_busy(self, busy: bool) -> None:
        """While the decision is being recorded the buttons wait (Cancel too: it is signed
        or it is not, never half)."""
        self.buttons.setEnabled(not busy)
        self.password.setEnabled(not busy)
        if not busy:
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)


@dataclass(frozen=True)
class DecisionAsked:
    """What the person is about to decide on (shown in the dialog and the confirmation)."""

    decision: Decision
    request_id: int
    title: str
    reference: str


class DecisionFlow(QObject):
    """Ask for a decision (password again) until it is recorded or the person cancels.

    The options (which step, on whose behalf) are read and the decision is recorded on the
    database worker; the dialog stays open meanwhile and a wrong password is said in it, the
    password field keeping the focus.  Once recorded, the dialog says what was signed;
    ``recorded`` is emitted when the person closes that confirmation.
    """

    recorded = Signal(SignoffResult)
    resigned = Signal(int)              # request id: its old sign-offs are signed with a key
    failed = Signal(TaskFailure)        # bugs, and "you may not sign this" (a UserError)

    def __init__(self, parent: QWidget, ctx: AppContext, user: User, lang: str) -> None:
        super().__init__(parent)
        self.parent_widget, self.ctx, self.user, self.lang = parent, ctx, user, lang
        self.dialog: DecisionDialog | None = None

    def start(self, asked: DecisionAsked) -> None:
        ctx, user = self.ctx, self.user

        def options() -> SignoffOptions:
            found = signoff_options(ctx, user, asked.request_id)
            require_may_sign(found)
            return found

        task_runner().database(options, lambda found: self._ask(asked, found),
                               self.failed.emit, owner=self)

    def _ask(self, asked: DecisionAsked, options: SignoffOptions) -> None:
        dialog = DecisionDialog(asked.decision, asked.title, options.manifest_hash, self.lang,
                                self.parent_widget, options,
                                locks_screen=locks_after_decision(self.parent_widget))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.submit = lambda: self._submit(asked, dialog)
        dialog.finished.connect(lambda _code: dialog.password.clear())
        self.dialog = dialog
        dialog.open()
        dialog.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self, asked: DecisionAsked, dialog: DecisionDialog) -> None:
        ctx, user = self.ctx, self.user
        password, reason = dialog.password.text(), dialog.reason_text()
        behalf, signature = dialog.on_behalf_of(), dialog.signature_png()
        dialog.password.clear()
        dialog.set_busy(True)
        task_runner().database(
            lambda: decide(ctx, user, asked.request_id, asked.decision, password, reason,
                           behalf, signature),
            lambda result: self._done(asked, dialog, result),
            lambda failure: self._refused(dialog, failure), owner=dialog)

    def _done(self, asked: DecisionAsked, dialog: DecisionDialog,
              result: SignoffResult) -> None:
        dialog.set_busy(False)
        dialog.finished.connect(lambda _code: self.recorded.emit(result))
        dialog.show_confirmation(asked, result, self.user, self.ctx.now())

    def resign(self, asked: DecisionAsked) -> None:
        """Sign again, with the person's key, what they approved before keys existed."""
        dialog = DecisionDialog(Decision.APPROVE, asked.title, "", self.lang,
                                self.parent_widget, None)
        dialog.setWindowTitle(self.tr("Sign again"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.submit = lambda: self._submit_resign(asked, dialog)
        self.dialog = dialog
        dialog.open()
        dialog.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit_resign(self, asked: DecisionAsked, dialog: DecisionDialog) -> None:
        ctx, user, password = self.ctx, self.user, dialog.password.text()
        dialog.password.clear()
        dialog.set_busy(True)
        task_runner().database(
            lambda: resign(ctx, user, asked.request_id, password),
            lambda count: self._resigned(asked, dialog, count),
            lambda failure: self._refused(dialog, failure), owner=dialog)

    def _resigned(self, asked: DecisionAsked, dialog: DecisionDialog, count: int) -> None:
        dialog.set_busy(False)
        dialog.finished.connect(lambda _code: self.resigned.emit(asked.request_id))
        dialog.confirmation.setText(self.tr(
            "Signed again: “{title}” ({reference}), {n} sign-off(s), by {name}.").format(
            title=asked.title, reference=asked.reference, n=count, name=self.user.full_name))
        dialog.pages.setCurrentIndex(1)
        dialog.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refused(self, dialog: DecisionDialog, failure: TaskFailure) -> None:
        dialog.set_busy(False)
        if not isinstance(failure.error, UserError):
            dialog.reject()
            self.failed.emit(failure)
            return
        dialog.show_error(failure.error.text(self.lang))
        if failure.error.code == "account_locked":
            dialog.reject()
