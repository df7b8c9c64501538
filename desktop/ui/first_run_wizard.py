"""The first-run wizard (an empty profile): the agency, the admin account, the database, the
first publishing server with its host key, the categories; then the agency key's fingerprint.

Nothing is written until the categories page's "Create": then
:func:`desktop.services.first_run.apply_first_run` does it all on the task runner, and the last
page shows the agency key's fingerprint for people to compare.  All of it is changeable later
in Settings.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.services import first_run
from desktop.services.context import AppContext
from desktop.services.server_access import AuthKind, ServerProfile
from desktop.ui.plain_text import PlainLabel
from desktop.ui.settings_dialog import CataloguePage
from desktop.ui.settings_pages import AgencyPage
from desktop.ui.tasks import TaskFailure, task_runner


def _form(page: QWizardPage) -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout = QVBoxLayout(page)
    layout.addLayout(form)
    return form


def _message() -> QLabel:
    label = PlainLabel()
    label.setObjectName("message")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b91c1c;")
    return label


class AgencyWizardPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.fields = AgencyPage(wizard.lang)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        self.setTitle(self.tr("Your agency"))
        self.setSubTitle(self.tr("Its name as the site and the printed form show it, its "
                                 "logo, the language and how dates are written."))

    def validatePage(self) -> bool:
        settings = self.fields.apply(self.wizard_.answers.settings)
        from desktop.services.settings import problems

        mine = self.fields.show_problems(problems(settings))
        if mine:
            return False
        self.wizard_.answers = replace(self.wizard_.answers, settings=settings)
        return True


class AdminWizardPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.username, self.full_name, self.position = QLineEdit(), QLineEdit(), QLineEdit()
        self.password, self.again = QLineEdit(), QLineEdit()
        self.username.setObjectName("adminUsername")
        for box in (self.password, self.again):
            box.setEchoMode(QLineEdit.EchoMode.Password)
        form = _form(self)
        self.labels = [PlainLabel() for _ in range(5)]
        for label, widget in zip(self.labels, (self.username, self.full_name, self.position,
                                               self.password, self.again), strict=True):
            form.addRow(label, widget)
        self.message = _message()
        form.addRow(self.message)
        self.setTitle(self.tr("The administrator"))
        self.setSubTitle(self.tr("The first account manages users, servers and settings. Its "
                                 "password also protects the agency key that certifies "
                                 "everyone's signature."))
        for label, text in zip(self.labels, (self.tr("User name"), self.tr("Full name"),
                                             self.tr("Position"), self.tr("Password"),
                                             self.tr("Password again")), strict=True):
            label.setText(text)

    def validatePage(self) -> bool:
        admin = first_run.AdminAccount(self.username.text(), self.full_name.text(),
                                       self.position.text(), self.password.text(),
                                       self.again.text())
        found = first_run.admin_problems(admin, self.wizard_.lang)
        self.message.setText("\n".join(found))
        if found:
            return False
        self.wizard_.answers = replace(self.wizard_.answers, admin=admin)
        return True


class DatabaseWizardPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.local, self.shared = QRadioButton(), QRadioButton()
        self.local.setChecked(True)
        self.host, self.name, self.user, self.password = (QLineEdit(), QLineEdit(),
                                                          QLineEdit(), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.name.setText("webdesk")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.test = QPushButton()
        self.test.setObjectName("testConnection")
        self.test.clicked.connect(self._test)
        self.result = PlainLabel()
        self.result.setObjectName("testResult")
        self.result.setWordWrap(True)
        form = _form(self)
        form.addRow(self.local)
        form.addRow(self.shared)
        self.labels = [PlainLabel() for _ in range(5)]
        for label, widget in zip(self.labels, (self.host, self.port, self.name, self.user,
                                               self.password), strict=True):
            form.addRow(label, widget)
        form.addRow(self.test, self.result)
        self.shared.toggled.connect(self._toggle)
        self._toggle(False)
        self.setTitle(self.tr("The database"))
        self.setSubTitle(self.tr("Keep the queue on this PC, or share one queue between "
                                 "several PCs on the agency's PostgreSQL server."))
        self.local.setText(self.tr("This PC only"))
        self.shared.setText(self.tr("A shared PostgreSQL server"))
        self.test.setText(self.tr("Test connection"))
        for label, text in zip(self.labels, (self.tr("Server"), self.tr("Port"),
                                             self.tr("Database"), self.tr("User"),
                                             self.tr("Password")), strict=True):
            label.setText(text)

    def _toggle(self, shared: bool) -> None:
        for widget in (self.host, self.port, self.name, self.user, self.password, self.test):
            widget.setEnabled(shared)

    def choice(self) -> first_run.SharedDatabase | None:
        if not self.shared.isChecked():
            return None
        return first_run.SharedDatabase(self.host.text().strip(), self.port.value(),
                                        self.name.text().strip(), self.user.text().strip(),
                                        self.password.text())

    def _test(self) -> None:
        shared = self.choice()
        if shared is None:
            return
        self.test.setEnabled(False)
        self.result.setText(self.tr("Connecting…"))
        task_runner().network(lambda: first_run.check_database(shared), self._tested,
                              self._test_failed)

    def _tested(self, check: first_run.DatabaseCheck) -> None:
        self.test.setEnabled(True)
        if not check.ok:
            self.result.setText(self.tr("Cannot connect: {detail}").format(detail=check.detail))
        elif check.has_users:
            self.result.setText(self.tr("Connected ({version}). WebDesk is already set up "
                                        "there: this PC will join it.").format(
                                            version=check.detail))
        else:
            self.result.setText(self.tr("Connected ({version}). The database is empty: "
                                        "WebDesk will set it up.").format(version=check.detail))

    def _test_failed(self, failure: TaskFailure) -> None:
        self.test.setEnabled(True)
        self.result.setText(str(failure.error))

    def validatePage(self) -> bool:
        self.wizard_.answers = replace(self.wizard_.answers, shared_database=self.choice())
        return True


class ServerWizardPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.enabled = QCheckBox()
        self.host, self.user, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.web_root, self.url, self.archive = QLineEdit("/var/www/html"), QLineEdit(), \
            QLineEdit("/var/www/archive")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(22)
        self.fetch = QPushButton()
        self.fetch.setObjectName("fetchHostKey")
        self.fetch.clicked.connect(self._fetch)
        self.key = PlainLabel()
        self.key.setObjectName("hostKey")
        self.key.setWordWrap(True)
        self.compared = QCheckBox()
        self.compared.setObjectName("keyCompared")
        self.message = _message()
        form = _form(self)
        form.addRow(self.enabled)
        self.labels = [PlainLabel() for _ in range(7)]
        self.inputs: list[QWidget] = [self.host, self.port, self.user, self.password,
                                      self.web_root, self.url, self.archive]
        for label, widget in zip(self.labels, self.inputs, strict=True):
            form.addRow(label, widget)
        form.addRow(self.fetch, self.key)
        form.addRow(self.compared)
        form.addRow(self.message)
        self.enabled.toggled.connect(self._toggle)
        self._toggle(False)
        self.seen_fingerprint = ""
        self.setTitle(self.tr("The publishing server"))
        self.setSubTitle(self.tr("Where approved items go (SFTP). You can also do this later "
                                 "under Publishing server."))
        self.enabled.setText(self.tr("Set up the publishing server now"))
        self.fetch.setText(self.tr("Show the server's key"))
        self.compared.setText(self.tr("I compared this fingerprint with the one our IT staff "
                                      "gave me, and it is the same"))
        for label, text in zip(self.labels, (
                self.tr("Server"), self.tr("Port"), self.tr("User"), self.tr("Password"),
                self.tr("Web root"), self.tr("Public URL of the web root"),
                self.tr("Archive folder (outside the web root)")), strict=True):
            label.setText(text)

    def _toggle(self, on: bool) -> None:
        for widget in [*self.inputs, self.fetch, self.compared]:
            widget.setEnabled(on)

    def profile(self) -> ServerProfile:
        return ServerProfile(name="site", host=self.host.text().strip(), port=self.port.value(),
                             user=self.user.text().strip(), auth=AuthKind.PASSWORD,
                             web_root=self.web_root.text().strip(),
                             archive_dir=self.archive.text().strip(),
                             public_base_url=self.url.text().strip())

    def _fetch(self) -> None:
        ctx, profile = self.wizard_.ctx, self.profile()
        self.fetch.setEnabled(False)
        self.key.setText(self.tr("Connecting…"))
        task_runner().network(lambda: first_run.server_key(ctx, profile), self._fetched,
                              self._fetch_failed)

    def _fetched(self, key: tuple[str, str]) -> None:
        self.fetch.setEnabled(True)
        self.seen_fingerprint = key[1]
        self.key.setText(f"{key[0]}\n{key[1]}")

    def _fetch_failed(self, failure: TaskFailure) -> None:
        self.fetch.setEnabled(True)
        error = failure.error
        self.key.setText(error.text(self.wizard_.lang) if isinstance(error, UserError)
                         else str(error))

    def validatePage(self) -> bool:
        if not self.enabled.isChecked():
            self.wizard_.answers = replace(self.wizard_.answers, server=None)
            return True
        problems = self.profile().problems()
        if problems or not self.seen_fingerprint or not self.compared.isChecked():
            self.message.setText(self.tr("Fill in the server, show its key and confirm you "
                                         "compared it (or untick “Set up the publishing "
                                         "server now”)."))
            return False
        self.wizard_.answers = replace(self.wizard_.answers, server=self.profile(),
                                       server_fingerprint=self.seen_fingerprint,
                                       server_password=self.password.text())
        return True


class CataloguePageWrapper(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.catalogue = CataloguePage()
        self.catalogue.load_json(first_run.shipped_catalogue_json(wizard.ctx.paths))
        layout = QVBoxLayout(self)
        layout.addWidget(self.catalogue)
        self.setTitle(self.tr("The categories"))
        self.setSubTitle(self.tr("Check the names and the default takedown days; Create sets "
                                 "everything up."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create"))

    def validatePage(self) -> bool:
        self.wizard_.answers = replace(self.wizard_.answers,
                                       catalogue_json=self.catalogue.to_json())
        return True


class FinishWizardPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.done = False
        self.text = PlainLabel()
        self.text.setWordWrap(True)
        self.fingerprint = PlainLabel()
        self.fingerprint.setObjectName("agencyFingerprint")
        self.fingerprint.setStyleSheet("font-family: monospace; font-size: 13pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.fingerprint)
        layout.addStretch(1)
        self.setTitle(self.tr("The agency key"))

    def initializePage(self) -> None:
        self.text.setText(self.tr("Setting up…"))
        paths, answers = self.wizard_.ctx.paths, self.wizard_.answers
        task_runner().database(lambda: first_run.apply_first_run(paths, answers),
                               self._applied, self._failed)

    def _applied(self, result: first_run.FirstRunResult) -> None:
        self.done = True
        self.wizard_.result_paths = result.paths
        self.fingerprint.setText(result.agency_fingerprint or "-")
        self.text.setText(self.tr(
            "WebDesk is ready. This is the fingerprint of your agency's key: every PC shows it "
            "on first use and under Settings. Compare it when a PC is added; if a PC ever shows "
            "another one, tell your admin before signing anything."))
        self.completeChanged.emit()

    def _failed(self, failure: TaskFailure) -> None:
        error = failure.error
        self.text.setText(error.text(self.wizard_.lang) if isinstance(error, UserError)
                          else self.tr("Something went wrong; see the log."))

    def isComplete(self) -> bool:
        return self.done


class FirstRunWizard(QWizard):
    def __init__(self, ctx: AppContext, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.ctx, self.lang = ctx, lang
        self.answers = first_run.default_answers(lang)
        self.result_paths: AppPaths | None = None
        self.setWindowTitle(self.tr("WebDesk — first start"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.agency_page, self.admin_page = AgencyWizardPage(self), AdminWizardPage(self)
        self.database_page, self.server_page = DatabaseWizardPage(self), ServerWizardPage(self)
        self.catalogue_page, self.finish_page = CataloguePageWrapper(self), FinishWizardPage(self)
        self.pages_: list[QWizardPage] = [self.agency_page, self.admin_page, self.database_page,
                                          self.server_page, self.catalogue_page,
                                          self.finish_page]
        for page in self.pages_:
            self.addPage(page)
        for button, text in ((QWizard.WizardButton.NextButton, self.tr("Next")),
                             (QWizard.WizardButton.BackButton, self.tr("Back")),
                             (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
                             (QWizard.WizardButton.FinishButton, self.tr("Start WebDesk"))):
            self.setButtonText(button, text)
        self.resize(900, 640)


def run_first_run_wizard(ctx: AppContext, lang: str) -> AppPaths | None:
    """Show the wizard; the paths to open afterwards, or None when it was cancelled."""
    wizard = FirstRunWizard(ctx, lang)
    wizard.exec()
    return wizard.result_paths
