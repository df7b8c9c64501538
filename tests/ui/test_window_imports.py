"""The main window's modules import no database layer (SQLAlchemy, desktop.store).

A start that paints the first page of the queue before SQLAlchemy is loaded (docs/
architecture.md, "How fast it starts") needs the window to be importable without it: the
window's modules import the services they call inside the jobs that call them, and only the
plain types (RequestQuery, RequestSummary, QueueChanges, the session) at the top.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WINDOW_MODULES = ("desktop.ui.main_window", "desktop.ui.session", "desktop.ui.startup",
                  "desktop.services.user_session", "desktop.services.context",
                  "desktop.services.queue_page", "desktop.services.live",
                  "desktop.services.early_start")

PROBE = r"""
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
EARLY = {"desktop.store", "desktop.store.early_read"}   # plain sqlite3 (early_start.py)
print(sorted(m for m in sys.modules if m == "sqlalchemy" or m.startswith(("sqlalchemy.",
      "desktop.store", "alembic", "psycopg")) and m not in EARLY))
"""


def test_the_main_window_imports_no_database_layer() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE, *WINDOW_MODULES], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_the_probe_sees_the_database_layer_when_it_is_imported() -> None:
    """(The probe itself works: a module that does import the store is seen.)"""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE, "desktop.services.requests"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    assert "sqlalchemy" in done.stdout and "desktop.store.database" in done.stdout
