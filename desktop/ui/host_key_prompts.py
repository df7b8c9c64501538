"""Asking about a server's key: the first connection (its SHA-256 fingerprint, to compare with
the one the IT staff gave) and a CHANGED key (both fingerprints, "No" by default).  Used by
the site manager, its folder picker and the transfer queue."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.server_access import HostKeyChangedError, HostKeyUnknownError
from desktop.ui.plain_text import ask, message_box


def trust_new_key(parent: QWidget | None, error: HostKeyUnknownError) -> bool:
    answer = ask(
        parent, QCoreApplication.translate("HostKeyPrompts", "Unknown server key"),
        QCoreApplication.translate(
            "HostKeyPrompts", "This is the first connection to {host}:{port}.\nIts {type} key "
            "fingerprint is:\n\n{fp}\n\nCompare it with the one your IT staff gave you. "
            "Trust this server?").format(host=error.host, port=error.port,
                                         type=error.key_type, fp=error.fingerprint))
    return answer == QMessageBox.StandardButton.Yes


def trust_changed_key(parent: QWidget | None, error: HostKeyChangedError) -> bool:
    """A CHANGED key: replacing it is audited (admins only: the callers check)."""
    box = message_box(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("HostKeyPrompts", "The server key CHANGED"),
        QCoreApplication.translate(
            "HostKeyPrompts", "The key of {host}:{port} CHANGED.\nBefore: {old}\nNow: {type} "
            "{new}\n\nTrust the new key only if the server's administrator confirms they "
            "replaced it; otherwise someone may be intercepting the connection. Replace the "
            "old key?").format(host=error.host, port=error.port,
                               old=", ".join(error.old_fingerprints), type=error.key_type,
                               new=error.new_fingerprint),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("hostKeyChanged")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    for which, text in ((QMessageBox.StandardButton.Yes, "Yes"),
                        (QMessageBox.StandardButton.No, "No")):
        box.button(which).setText(QCoreApplication.translate("Buttons", text))
    return box.exec() == QMessageBox.StandardButton.Yes
