"""The console entry point: checks that every declared dependency is installed
before anything imports one, so a broken environment stops healthlint at
start-up with one line instead of a traceback halfway through a lint (several
dependencies are imported lazily, on the first file that needs them).

Only the standard library may be imported at module level here.
"""

from __future__ import annotations

import re
import sys

EXIT_ERROR = 2
_REQUIREMENT_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def required_distributions(requirements: list[str] | None) -> list[str]:
    """Names of the unconditional requirements (not those of an extra)."""
    names = []
    for requirement in requirements or []:
        name, _, marker = requirement.partition(";")
        if "extra" in marker:
            continue
        match = _REQUIREMENT_NAME.match(name)
        if match:
            names.append(match.group(1))
    return names


def missing_dependencies() -> list[str]:
    from importlib import metadata  # ~20-35 ms of imports (email, zipfile, csv): only when the check runs

    try:
        requirements = metadata.requires("healthlint")
    except metadata.PackageNotFoundError:
        return []  # run from a source tree without installing: nothing to compare with
    missing = []
    for name in required_distributions(requirements):
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            missing.append(name)
    return missing


def _checked_marker():
    """A marker in the user cache saying every dependency was there when the
    package folders last looked like this (installing or removing a package
    changes the modification time of the folder it is in), so a run in an
    unchanged environment skips the check; None when there is nowhere to keep it."""
    import hashlib
    import os

    from healthlint import __version__
    from healthlint.resources import user_cache_dir

    folders = sys.path[1:] if sys.path and sys.path[0] in ("", os.getcwd()) else sys.path
    stamp = [sys.executable, __version__]
    for folder in folders:
        try:
            stamp.append(f"{folder}\0{os.stat(folder).st_mtime_ns}")
        except OSError:
            stamp.append(folder)
    try:
        return user_cache_dir() / "dependencies-present" / hashlib.sha256("\n".join(stamp).encode()).hexdigest()
    except (OSError, RuntimeError):
        return None


def main() -> None:
    marker = _checked_marker()
    if marker is None or not marker.exists():
        missing = missing_dependencies()
        if missing:
            names = ", ".join(missing)
            sys.stderr.write(f"healthlint: error: missing dependency: {names} "
                             f"(reinstall healthlint, or: pip install {' '.join(missing)})\n")
            sys.exit(EXIT_ERROR)
        if marker is not None:
            try:
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.touch()
            except OSError:
                pass
    from healthlint.cli import main as cli_main

    try:
        cli_main()
    except Exception as exc:  # noqa: BLE001 - a bug is exit 2 and one line, never exit 1 (findings) and a traceback
        from healthlint.errors import describe

        sys.stderr.write(f"healthlint: error: internal error ({describe(exc)}); please report this\n")
        sys.exit(EXIT_ERROR)
