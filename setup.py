"""Package list for setuptools: the code under desktop/ plus resources/ as desktop.resources.

pyproject.toml cannot say this on its own: ``packages.find`` never sees ``resources/``
(it sits outside ``desktop/`` and has no ``__init__.py``), so the wheel shipped no fonts.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["desktop", "desktop.*"]), "desktop.resources"])
