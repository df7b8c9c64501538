"""``webdesk report`` (the executive workbook, the yearly monitoring report, the one-page
summary), ``webdesk logs`` (website statistics from access logs) and ``webdesk survey``
(satisfaction surveys) — issue 13.

    webdesk report --period 2026-10..2026-12 --out q1.xlsx
    webdesk report --fiscal-year 2570 --out fy2570.pdf            # the monitoring report
    webdesk report --fiscal-year 2570 --kind summary --out summary.pdf
    webdesk logs import --site www /var/log/nginx/access.log*
    echo PASSWORD | webdesk logs fetch --server www --as web1      # over SFTP
    webdesk logs keep --days 90 | webdesk logs keep --off
    webdesk logs purge --keep-days 120 [--yes-delete-younger]
    webdesk survey preview answers.csv
    webdesk survey import answers.csv [--question COL ...] [--comment COL] [--date COL]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import Io, add_as_argument, opened, sign_in_as
from desktop.cli.report_messages import LOG_STATUS, SURVEY_ROLE, ReportCliMessage, in_words
from desktop.domain.errors import UserError
from desktop.domain.messages import message_text
from desktop.domain.report_period import ReportPeriod, fiscal_year, parse_period
from desktop.domain.thai_dates import to_arabic_digits


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="reports to executives: workbook or PDF")
    when = report.add_mutually_exclusive_group(required=True)
    when.add_argument("--period", help="2026-10, 2026-10..2026-12 or 2026-10-05..2026-11-20")
    when.add_argument("--fiscal-year", help="Thai fiscal year (BE), e.g. 2570 = Oct 2026-Sep 2027")
    report.add_argument("--out", required=True, help=".xlsx (workbook) or .pdf")
    report.add_argument("--kind", choices=("auto", "workbook", "monitoring", "summary"),
                        default="auto", help="auto: .xlsx workbook, .pdf monitoring report")
    report.add_argument("--prepared-by", default="")
    report.add_argument("--prepared-position", default="")
    report.add_argument("--approver", default="")
    report.add_argument("--approver-position", default="")
    report.add_argument("--on-behalf-of", default="", help="ปฏิบัติราชการแทน ...")
    report.set_defaults(handler=report_command)

    logs = sub.add_parser("logs", help="website statistics from the web server's access logs")
    logs_sub = logs.add_subparsers(dest="logs_command", required=True)
    imp = logs_sub.add_parser("import", help="count local log files (plain or .gz)")
    imp.add_argument("files", nargs="+")
    imp.add_argument("--site", default="www", help="the site the logs belong to")
    imp.add_argument("--workers", type=int, help="processes counting in parallel")
    imp.set_defaults(handler=logs_import_command)
    fetch = logs_sub.add_parser("fetch", help="fetch and count the server's logs over SFTP")
    fetch.add_argument("--server", help="server profile (default: the default profile)")
    fetch.add_argument("--folder", default="", help="log folder (default: the profile's)")
    fetch.add_argument("--pattern", default="*access*", help="file names to read")
    add_as_argument(fetch, help_text="the webmaster; the password is read from stdin")
    fetch.set_defaults(handler=logs_fetch_command)
    keep = logs_sub.add_parser("keep", help="keep raw copies of the logs (at least 90 days)")
    keep.add_argument("--days", type=int, default=90)
    keep.add_argument("--off", action="store_true")
    keep.set_defaults(handler=logs_keep_command)
    purge = logs_sub.add_parser("purge", help="delete kept raw logs older than --keep-days")
    purge.add_argument("--keep-days", type=int, required=True)
    purge.add_argument("--yes-delete-younger", action="store_true",
                       help="also delete logs younger than the 90 days the law asks for")
    purge.set_defaults(handler=logs_purge_command)

    survey = sub.add_parser("survey", help="satisfaction surveys (CSV or XLSX)")
    survey_sub = survey.add_subparsers(dest="survey_command", required=True)
    preview = survey_sub.add_parser("preview", help="show the columns and their roles")
    preview.add_argument("file")
    preview.set_defaults(handler=survey_preview_command)
    simp = survey_sub.add_parser("import", help="count the answers and keep the results")
    simp.add_argument("file")
    for role in ("question", "comment", "date", "ignore"):
        simp.add_argument(f"--{role}", action="append", default=[], metavar="COLUMN",
                          help=f"a column that is a {role} (repeatable); given roles replace "
                               "the remembered/suggested mapping")
    simp.add_argument("--title", default="")
    simp.add_argument("--day", help="the date of responses without a date column (YYYY-MM-DD)")
    simp.add_argument("--replace", action="store_true", help="import the same file again")
    simp.set_defaults(handler=survey_import_command)


def period_of(args: argparse.Namespace) -> ReportPeriod:
    if args.fiscal_year:
        text = to_arabic_digits(str(args.fiscal_year)).strip()
        if not text.isdigit():
            raise UserError("fiscal_year_invalid", year=args.fiscal_year)
        return fiscal_year(int(text))
    return parse_period(to_arabic_digits(args.period))


def report_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.report_files import (
        Signers,
        write_monitoring_report,
        write_report_workbook,
        write_summary_pdf,
    )

    period = period_of(args)
    kind = args.kind
    if kind == "auto":
        kind = "workbook" if args.out.lower().endswith(".xlsx") else "monitoring"
    signers = Signers(args.prepared_by, args.prepared_position, args.approver,
                      args.approver_position, args.on_behalf_of)
    with opened(args, io) as ctx:
        if kind == "workbook":
            written = write_report_workbook(ctx, period, args.out, lang=io.lang)
        elif kind == "monitoring":
            written = write_monitoring_report(ctx, period, args.out, lang=io.lang,
                                              signers=signers)
        else:
            written = write_summary_pdf(ctx, period, args.out, lang=io.lang, signers=signers)
    io.say(message_text(ReportCliMessage.WROTE, io.lang, path=written.path,
                        period=period.label(io.lang)))
    return 0


def _say_import(io: Io, result: object) -> None:
    for item in getattr(result, "files", ()):
        status = in_words(LOG_STATUS, item.status, io.lang)
        if item.detail:                       # skipped: say why instead of the counts
            io.say(f"{item.name}: {status} ({item.detail.text(io.lang)})")
            continue
        io.say(message_text(ReportCliMessage.LOG_FILE, io.lang, name=item.name, status=status,
                            lines=f"{item.lines:,}", malformed=f"{item.malformed:,}"))
    io.say(message_text(ReportCliMessage.LOG_TOTALS, io.lang,
                        requests=f"{getattr(result, 'requests', 0):,}",
                        page_views=f"{getattr(result, 'page_views', 0):,}"))


def logs_import_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.report_logs import import_local_logs

    with opened(args, io) as ctx:
        result = import_local_logs(ctx, args.site, [Path(f) for f in args.files],
                                   workers=args.workers)
    _say_import(io, result)
    return 0


def logs_fetch_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.report_logs_remote import import_server_logs
    from desktop.services.servers import credential_store, get_server

    with opened(args, io) as ctx:
        user = sign_in_as(ctx, args.username, io)
        profile = get_server(ctx, args.server)
        result = import_server_logs(ctx, profile, credential_store(), folder=args.folder,
                                    pattern=args.pattern, actor=user)
    _say_import(io, result)
    return 0


def logs_keep_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.report_raw_logs import set_raw_log_policy

    with opened(args, io) as ctx:
        policy = set_raw_log_policy(ctx, not args.off, args.days)
    io.say(message_text(ReportCliMessage.KEEP_ON if policy.keep else ReportCliMessage.KEEP_OFF,
                        io.lang, days=policy.days))
    return 0


def logs_purge_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.report_raw_logs import purge_raw_logs

    with opened(args, io) as ctx:
        removed = purge_raw_logs(ctx, args.keep_days, confirm_young=args.yes_delete_younger)
    io.say(message_text(ReportCliMessage.PURGED, io.lang, count=len(removed)))
    return 0


def survey_preview_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.report_surveys import preview_survey

    with opened(args, io) as ctx:
        preview = preview_survey(ctx, Path(args.file))
    io.say(message_text(ReportCliMessage.SURVEY_MAPPING_REMEMBERED if preview.remembered
                        else ReportCliMessage.SURVEY_MAPPING_SUGGESTED, io.lang,
                        name=preview.name))
    for header in preview.headers:
        role = in_words(SURVEY_ROLE, preview.mapping.get(header, "ignore"), io.lang)
        io.say(f"  {role:8}  {header}")
    return 0


def survey_import_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.domain.date_input import parse_user_date
    from desktop.services.report_surveys import import_survey, preview_survey

    with opened(args, io) as ctx:
        mapping = None
        given = {role: getattr(args, role) for role in ("question", "comment", "date",
                                                          "ignore")}
        if any(given.values()):
            headers = preview_survey(ctx, Path(args.file)).headers
            mapping = {h: "ignore" for h in headers}
            for role, columns in given.items():
                for column in columns:
                    mapping[column] = role
        day = parse_user_date(args.day) if args.day else None
        result = import_survey(ctx, Path(args.file), mapping=mapping, title=args.title,
                               default_day=day, replace=args.replace)
    io.say(message_text(ReportCliMessage.SURVEY_RESULT, io.lang, name=result.name,
                        responses=f"{result.responses:,}", skipped=f"{result.skipped_rows:,}",
                        blank=f"{result.missing_answers:,}",
                        out_of_range=f"{result.out_of_range:,}",
                        comments=f"{result.comments:,}"))
    for text, counts in result.questions:
        mean = "-" if counts.mean is None else f"{counts.mean:.2f}"
        io.say(message_text(ReportCliMessage.SURVEY_QUESTION, io.lang, n=counts.n, mean=mean,
                            text=text))
    return 0
