"""Send a notice through the agency's SMTP server: STARTTLS, implicit TLS or (inside the
agency's network, without a login) plain SMTP.  Every failure becomes a Thai/English
:class:`UserError` that says what to check.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from enum import StrEnum

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.notices import Notice


class MailerMessage(MessageCode):
    SMTP_NOT_CONFIGURED = (
        "smtp_not_configured",
        "ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์อีเมล (SMTP) กรุณาคัดลอกข้อความไปส่งเอง หรือตั้งค่าในหน้าการตั้งค่า",
        "No mail (SMTP) server is configured. Copy the notice instead, or set one up in Settings.",
    )
    SMTP_NO_RECIPIENT = (
        "smtp_no_recipient",
        "ไม่มีที่อยู่อีเมลของผู้รับ กรุณาระบุอีเมลของเจ้าของข้อมูล",
        "There is no recipient address. Please enter the information owner's e-mail.",
    )
    SMTP_BAD_ADDRESS = (
        "smtp_bad_address",
        "ที่อยู่อีเมลไม่ถูกต้อง: {address}", "Not a valid e-mail address: {address}",
    )
    SMTP_CONNECTION_REFUSED = (
        "smtp_connection_refused",
        "เซิร์ฟเวอร์อีเมล {host}:{port} ปฏิเสธการเชื่อมต่อ กรุณาตรวจสอบชื่อเครื่องและพอร์ต",
        "The mail server {host}:{port} refused the connection. Check the host name and port.",
    )
    SMTP_UNREACHABLE = (
        "smtp_unreachable",
        "ติดต่อเซิร์ฟเวอร์อีเมล {host}:{port} ไม่ได้: {detail}",
        "Cannot reach the mail server {host}:{port}: {detail}",
    )
    SMTP_TIMEOUT = (
        "smtp_timeout",
        "เซิร์ฟเวอร์อีเมล {host}:{port} ไม่ตอบสนองภายใน {seconds} วินาที",
        "The mail server {host}:{port} did not answer within {seconds} seconds.",
    )
    SMTP_AUTH_FAILED = (
        "smtp_auth_failed",
        "เข้าสู่ระบบเซิร์ฟเวอร์อีเมลไม่สำเร็จ กรุณาตรวจสอบชื่อผู้ใช้และรหัสผ่านอีเมล",
        "The mail server did not accept the login. Check the mail user name and password.",
    )
    SMTP_TLS_FAILED = (
        "smtp_tls_failed",
        "เชื่อมต่อแบบเข้ารหัส (TLS) กับเซิร์ฟเวอร์อีเมล {host} ไม่สำเร็จ: {detail}",
        "Could not set up an encrypted (TLS) connection to the mail server {host}: {detail}",
    )
    SMTP_LOGIN_NEEDS_TLS = (
        "smtp_login_needs_tls",
        "ไม่อนุญาตให้ส่งรหัสผ่านอีเมลผ่านการเชื่อมต่อที่ไม่เข้ารหัส กรุณาเลือก STARTTLS หรือ TLS",
        "A mail password is never sent over an unencrypted connection. Choose STARTTLS or TLS.",
    )
    SMTP_RECIPIENT_REFUSED = (
        "smtp_recipient_refused",
        "เซิร์ฟเวอร์อีเมลไม่รับผู้รับ: {recipients}",
        "The mail server refused the recipient(s): {recipients}",
    )
    SMTP_FAILED = (
        "smtp_failed",
        "ส่งอีเมลไม่สำเร็จ: {detail}",
        "Sending the e-mail failed: {detail}",
    )



class SmtpSecurity(StrEnum):
    STARTTLS = "starttls"  # port 587 usually
    TLS = "tls"            # implicit TLS, port 465 usually
    NONE = "none"          # plain SMTP inside the agency network, no login


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: SmtpSecurity = SmtpSecurity.STARTTLS
    username: str = ""
    password: str = ""
    from_address: str = ""
    from_name: str = ""
    timeout_seconds: float = 20.0
    ca_file: str = ""  # a PEM file of the agency's own CA; empty: the system's CAs
    verify_tls: bool = True

    @property
    def configured(self) -> bool:
        return bool(self.host.strip() and self.from_address.strip())


def _address(text: str, display_name: str = "") -> Address:
    try:
        return Address(display_name=display_name, addr_spec=text.strip())
    except (ValueError, IndexError):
        raise UserError(MailerMessage.SMTP_BAD_ADDRESS, address=text) from None


def build_message(settings: SmtpSettings, notice: Notice, to: Sequence[str],
                  cc: Sequence[str] = ()) -> EmailMessage:
    """The notice as a UTF-8 e-mail (Thai subject encoded per RFC 2047)."""
    message = EmailMessage()
    message["Subject"] = notice.subject
    message["From"] = _address(settings.from_address, settings.from_name)
    message["To"] = [_address(a) for a in to]
    if cc:
        message["Cc"] = [_address(a) for a in cc]
    message["Date"] = formatdate(localtime=True)
    domain = settings.from_address.rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(notice.body, charset="utf-8", cte="base64")
    return message


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=settings.ca_file or None)
    if not settings.verify_tls:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    if settings.security == SmtpSecurity.TLS:
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout_seconds,
                                context=_tls_context(settings))
    client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_seconds)
    if settings.security == SmtpSecurity.STARTTLS:
        client.ehlo()
        if not client.has_extn("starttls"):
            client.close()
            raise UserError(MailerMessage.SMTP_TLS_FAILED, host=settings.host,
                            detail="the server does not offer STARTTLS")
        client.starttls(context=_tls_context(settings))
        client.ehlo()
    return client


def _login(client: smtplib.SMTP, username: str, password: str) -> None:
    """``SMTP.login``, but UTF-8 user names and passwords work too (AUTH PLAIN, RFC 4616)."""
    if username.isascii() and password.isascii():
        client.login(username, password)
        return
    client.ehlo_or_helo_if_needed()
    token = base64.b64encode(f"\0{username}\0{password}".encode()).decode("ascii")
    code, reply = client.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def send_notice(settings: SmtpSettings, notice: Notice, to: Sequence[str] | str = (),
                cc: Sequence[str] = ()) -> str:
    """Send ``notice``; returns the Message-ID.  ``to`` defaults to ``notice.to``."""
    if not settings.configured:
        raise UserError(MailerMessage.SMTP_NOT_CONFIGURED)
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [r for r in recipients if r.strip()] or ([notice.to] if notice.to else [])
    if not recipients:
        raise UserError(MailerMessage.SMTP_NO_RECIPIENT)
    if settings.username and settings.security == SmtpSecurity.NONE:
        raise UserError(MailerMessage.SMTP_LOGIN_NEEDS_TLS)
    message = build_message(settings, notice, recipients, cc)
    where = {"host": settings.host, "port": settings.port}
    try:
        client = _connect(settings)
        try:
            if settings.username:
                _login(client, settings.username, settings.password)
            client.send_message(message)
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
    except UserError:
        raise
    except smtplib.SMTPAuthenticationError:
        raise UserError(MailerMessage.SMTP_AUTH_FAILED) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise UserError(MailerMessage.SMTP_RECIPIENT_REFUSED,
                        recipients=", ".join(exc.recipients)) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise UserError(MailerMessage.SMTP_FAILED, detail=str(exc)) from None
    except ssl.SSLError as exc:
        raise UserError(MailerMessage.SMTP_TLS_FAILED, host=settings.host,
                        detail=exc.reason or str(exc)) from None
    except ConnectionRefusedError:
        raise UserError(MailerMessage.SMTP_CONNECTION_REFUSED, **where) from None
    except TimeoutError:
        raise UserError(MailerMessage.SMTP_TIMEOUT, seconds=f"{settings.timeout_seconds:g}",
                        **where) from None
    except smtplib.SMTPServerDisconnected as exc:
        if isinstance(exc.__context__, TimeoutError):  # smtplib re-raises read timeouts so
            raise UserError(MailerMessage.SMTP_TIMEOUT, seconds=f"{settings.timeout_seconds:g}",
                            **where) from None
        raise UserError(MailerMessage.SMTP_UNREACHABLE, detail=str(exc) or "disconnected",
                        **where) from None
    except smtplib.SMTPException as exc:
        raise UserError(MailerMessage.SMTP_FAILED, detail=str(exc)) from None
    except OSError as exc:
        raise UserError(MailerMessage.SMTP_UNREACHABLE,
                        detail=exc.strerror or str(exc), **where) from None
    return str(message["Message-ID"])
