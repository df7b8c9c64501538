"""Intake of attachments (Qt-free): type sniffing, structure checks, image clean-up, names.

Entry points:

* :func:`desktop.files.intake.inspect_file` — ``(path_or_bytes, display_name, policy) -> Verdict``
* :func:`desktop.files.images.prepare_image` — ``(data, policy) -> PreparedImage``
* :func:`desktop.files.inspect_command.inspect_command` — ``webdesk inspect FILE...``
"""
