"""The mailer against a real local SMTP server (aiosmtpd): plain, STARTTLS, implicit TLS."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.errors import UserError
from desktop.domain.notices import Notice, NoticeFacts, NoticeKind, build_notice
from desktop.reports.mailer import SmtpSecurity, SmtpSettings, build_message, send_notice
from tests.unit.reports.smtp_server import PASSWORD, USER, free_port, make_certificate, start_server

OWNER = "kulthida@example.go.th"


@pytest.fixture
def notice() -> Notice:
    return build_notice(NoticeFacts(
        NoticeKind.REJECTED, "REQ-2569-0042", "ประกาศผลผู้ชนะการเสนอราคา ซื้อวัสดุสำนักงาน",
        requester_name="นางสาวกุลธิดา ศรีสุข", unit="กลุ่มงานบริหารทั่วไป",
        requester_email=OWNER, reason="ไม่ตรงหรือเกี่ยวข้องกับภารกิจของหน่วยงาน",
        received_on=date(2026, 11, 20), decided_on=date(2026, 11, 22),
        agency_name="สำนักงานสาธารณสุขอำเภอบ้านหลวง"))


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("cert"))


@pytest.fixture
def server_factory() -> Iterator[Any]:
    controllers: list[Any] = []

    def start(*args: Any, **kwargs: Any) -> tuple[Any, int]:
        controller, received, port = start_server(*args, **kwargs)
        controllers.append(controller)
        return received, port
    yield start
    for controller in controllers:
        controller.stop()


def settings(port: int, security: SmtpSecurity, **more: Any) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, security=security,
                        from_address="webmaster@example.go.th",
                        from_name="ผู้ดูแลเว็บไซต์ สสอ.บ้านหลวง", timeout_seconds=10, **more)


def parsed(received: Any) -> email.message.EmailMessage:
    [envelope] = received.envelopes
    message = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def assert_thai_notice(message: email.message.EmailMessage, notice: Notice) -> None:
    assert message["Subject"] == notice.subject
    assert "ไม่อนุมัติ" in message["Subject"]
    assert message["To"] == OWNER
    assert message["From"].addresses[0].display_name == "ผู้ดูแลเว็บไซต์ สสอ.บ้านหลวง"
    body = message.get_body()
    assert body is not None and body.get_content_charset() == "utf-8"
    text = body.get_content()
    assert "เรียน นางสาวกุลธิดา ศรีสุข" in text
    assert "ไม่ตรงหรือเกี่ยวข้องกับภารกิจของหน่วยงาน" in text
    assert "จึงเรียนมาเพื่อโปรดทราบ" in text


def test_plain_smtp_delivers_utf8_thai(server_factory: Any, notice: Notice) -> None:
    received, port = server_factory("plain")
    message_id = send_notice(settings(port, SmtpSecurity.NONE), notice)
    message = parsed(received)
    assert_thai_notice(message, notice)
    assert message["Message-ID"] == message_id
    raw = received.envelopes[0].original_content or received.envelopes[0].content
    assert raw.isascii()  # headers RFC 2047-encoded, body transfer-encoded
    assert received.envelopes[0].rcpt_tos == [OWNER]


def test_starttls_with_login(server_factory: Any, notice: Notice, certificate: Any) -> None:
    received, port = server_factory("starttls", certificate, login=True)
    send_notice(settings(port, SmtpSecurity.STARTTLS, username=USER, password=PASSWORD,
                         ca_file=str(certificate[0])), notice, cc=["head@example.go.th"])
    assert_thai_notice(parsed(received), notice)
    assert received.envelopes[0].rcpt_tos == [OWNER, "head@example.go.th"]


def test_implicit_tls(server_factory: Any, notice: Notice, certificate: Any) -> None:
    received, port = server_factory("tls", certificate)
    send_notice(settings(port, SmtpSecurity.TLS, ca_file=str(certificate[0])), notice,
                to="other@example.go.th")
    assert parsed(received)["To"] == "other@example.go.th"


def test_wrong_password_is_an_auth_error(server_factory: Any, notice: Notice,
                                         certificate: Any) -> None:
    received, port = server_factory("starttls", certificate, login=True)
    with pytest.raises(UserError) as caught:
        send_notice(settings(port, SmtpSecurity.STARTTLS, username=USER, password="wrong",
                             ca_file=str(certificate[0])), notice)
    assert caught.value.code == "smtp_auth_failed"
    assert "รหัสผ่าน" in caught.value.text("th")
    assert received.envelopes == []


def test_untrusted_certificate_is_a_tls_error(server_factory: Any, notice: Notice,
                                              certificate: Any) -> None:
    received, port = server_factory("starttls", certificate)
    with pytest.raises(UserError) as caught:
        send_notice(settings(port, SmtpSecurity.STARTTLS), notice)  # system CAs only
    assert caught.value.code == "smtp_tls_failed"
    assert "TLS" in caught.value.text("en")
    assert received.envelopes == []


def test_server_without_starttls_is_a_tls_error(server_factory: Any, notice: Notice) -> None:
    _, port = server_factory("plain")
    with pytest.raises(UserError) as caught:
        send_notice(settings(port, SmtpSecurity.STARTTLS), notice)
    assert caught.value.code == "smtp_tls_failed"


def test_connection_refused(notice: Notice) -> None:
    with pytest.raises(UserError) as caught:
        send_notice(settings(free_port(), SmtpSecurity.NONE), notice)
    assert caught.value.code == "smtp_connection_refused"
    assert "ปฏิเสธการเชื่อมต่อ" in caught.value.text("th")


def test_silent_server_times_out(notice: Notice) -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        quick = SmtpSettings(host="127.0.0.1", port=port, security=SmtpSecurity.NONE,
                             from_address="webmaster@example.go.th", timeout_seconds=0.5)
        with pytest.raises(UserError) as caught:
            send_notice(quick, notice)
    assert caught.value.code == "smtp_timeout"


def test_settings_and_recipient_checks(notice: Notice) -> None:
    with pytest.raises(UserError) as caught:
        send_notice(SmtpSettings(), notice)
    assert caught.value.code == "smtp_not_configured"
    no_address = Notice(notice.kind, "th", notice.subject, notice.body)
    with pytest.raises(UserError) as caught:
        send_notice(settings(25, SmtpSecurity.NONE), no_address)
    assert caught.value.code == "smtp_no_recipient"
    with pytest.raises(UserError) as caught:
        send_notice(settings(25, SmtpSecurity.NONE, username="u", password="p"), notice)
    assert caught.value.code == "smtp_login_needs_tls"


def test_message_headers_are_encoded() -> None:
    thai = Notice(NoticeKind.APPROVED, "th", "อนุมัติ", "ข้อความ", OWNER)
    message = build_message(settings(25, SmtpSecurity.NONE), thai, [OWNER])
    wire = message.as_bytes()
    assert b"=?utf-8?" in wire and wire.isascii()
