"""``webdesk keys ...`` (the agency key pinned on this PC) and ``webdesk signoff ...``
(check a request's signatures; sign again what was approved before keys existed)."""

from __future__ import annotations

import argparse

from desktop.cli.common import Io, add_as_argument, opened, read_secret, request_id_of


def register(sub: argparse._SubParsersAction) -> None:
    keys = sub.add_parser("keys", help="the agency key this PC trusts")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    keys_sub.add_parser("show", help="the agency key's fingerprint and this PC's pin"
                        ).set_defaults(handler=keys_command)
    trust = keys_sub.add_parser("trust-agency", help="trust the database's agency key after "
                                "comparing its fingerprint with the admin's")
    trust.add_argument("--fingerprint", required=True)
    trust.set_defaults(handler=keys_command)

    signoff = sub.add_parser("signoff", help="sign-off signatures")
    signoff_sub = signoff.add_subparsers(dest="signoff_command", required=True)
    verify = signoff_sub.add_parser("verify", help="check every sign-off of one request")
    verify.add_argument("request", metavar="REQUEST", help="request number or WD reference")
    verify.set_defaults(handler=verify_command)
    resign = signoff_sub.add_parser("resign", help="sign again, with your key, an approval "
                                    "made before signing keys existed")
    resign.add_argument("request", metavar="REQUEST", help="request number or WD reference")
    add_as_argument(resign, help_text="the approver; the password is read from stdin")
    resign.set_defaults(handler=resign_command)


def keys_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services import keys

    with opened(args, io) as ctx:
        if args.keys_command == "trust-agency":
            io.say(f"trusted agency key {keys.trust_agency_key(ctx, args.fingerprint)}")
            return 0
        status = keys.agency_key_status(ctx)
    io.say(f"agency key: {status.fingerprint or '(none yet)'}")
    io.say(f"pinned on this PC: {status.pinned or '(nothing)'}"
           f"{' (just now)' if status.newly_pinned else ''}")
    if status.fingerprint and not status.trusted:
        io.say("MISMATCH: the database's agency key is not the one this PC trusts")
        return 1
    return 0


def verify_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.signature_check import verify_request

    with opened(args, io) as ctx:
        report = verify_request(ctx, request_id_of(ctx, args.request))
    for check in report.checks:
        io.say(f"step {check.step}\t{check.signer}\t{'OK' if check.ok else 'FAILED'}"
               f"{'' if check.ok else ': ' + check.problem}")
    for step in report.missing_steps:
        io.say(f"step {step}\t-\tno valid approval")
    io.say(f"{report.reference}: {'all signatures verify' if report.ok else 'NOT VERIFIED'}")
    return 0 if report.ok else 1


def resign_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services import auth
    from desktop.services.signoff import resign

    with opened(args, io) as ctx:
        password = read_secret(io)
        approver = auth.sign_in(ctx, args.username, password)
        count = resign(ctx, approver, request_id_of(ctx, args.request), password)
    io.say(f"signed {count} approval(s) again")
    return 0
