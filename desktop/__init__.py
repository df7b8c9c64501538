"""WebDesk: publication requests, sign-off and SFTP publishing for agency webmasters."""

__version__ = "0.1.0"
