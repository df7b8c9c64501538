"""Publishing to the agency web server over SFTP (paramiko, Qt-free).

How the services room uses it::

    hostkeys = HostKeyStore(paths.known_hosts)              # + ~/.ssh/known_hosts (read only)
    credentials = CredentialStore(ask=ask_secret)            # OS keyring, else asked per session
    try:
        connection = connect(profile, hostkeys, credentials)
    except HostKeyUnknownError as unknown:                   # show type + fingerprint, confirm,
        hostkeys.trust(unknown.host, unknown.port, unknown.host_key)   # audit, then reconnect
    with connection:
        uploader = ItemUploader(connection, journal=db_journal, on_progress=..., cancel=event)
        result = uploader.publish_item(item_slug, profile.folder_for(category), files)
        uploader.replace_file("news/index.html", rendered_index)      # pages.py output
        take_down(connection, profile.folder_for(category), item_slug)
    # the services record the session (files, bytes, outcome) in the audit log

Modules: ``profiles`` (ServerProfile), ``hostkeys``, ``credentials``, ``connection``,
``uploader`` (stage / verify / posix-rename), ``transfer`` + ``pipeline`` (the pipelined
request engine), ``journal`` (resume Protocol), ``takedown``, ``retry`` (reconnect with
backoff), ``errors`` (Thai/English messages), ``pages`` (item page, index, feed rendering).
"""

import logging as _logging

# paramiko logs a dropped socket ("Socket exception: Connection reset by peer") from its own
# thread.  With no handler configured Python prints that on stderr, in front of the user; a
# NullHandler keeps it out; the session's outcome is in the audit log (sftp_session).
_logging.getLogger("paramiko").addHandler(_logging.NullHandler())
