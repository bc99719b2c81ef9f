"""The editor integrations in editors/: the VS Code extension's manifest, and
what its extension.js starts (run with node, `vscode` stood in for)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import main
from healthlint.lsp.server import DEFAULT_DEBOUNCE_MS

ROOT = Path(__file__).resolve().parent.parent
VSCODE = ROOT / "editors" / "vscode"
MANIFEST = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
SETTINGS = MANIFEST["contributes"]["configuration"]["properties"]
LANGUAGES = {"markdown", "html"}  # what `healthlint lsp` lints (healthlint.lsp.server._LANGUAGE_SUFFIX)


def activate(settings: dict | None = None, fail_first_start: bool = False) -> dict:
    """What extension.js starts on activation with these healthlint.* settings,
    then on a change of a healthlint setting, then on deactivation."""
    argv = ["node", str(VSCODE / "test" / "activation-check.js"), json.dumps(settings or {})]
    proc = subprocess.run(argv + (["fail-first-start"] if fail_first_start else []),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_manifest_declares_engine_entry_point_and_activation_on_markdown_and_html():
    assert re.fullmatch(r"\^1\.\d+\.\d+", MANIFEST["engines"]["vscode"])
    assert (VSCODE / MANIFEST["main"]).is_file()
    assert set(MANIFEST["activationEvents"]) == {f"onLanguage:{language}" for language in LANGUAGES}
    assert "vscode-languageclient" in MANIFEST["dependencies"]
    assert {"healthlint.path", "healthlint.args", "healthlint.debounceMs"} <= SETTINGS.keys()
    for name in ("README.md", ".vscodeignore"):
        assert (VSCODE / name).is_file()


def test_no_installed_packages_are_committed():
    assert "node_modules/" in (VSCODE / ".gitignore").read_text(encoding="utf-8").splitlines()
    if (ROOT / ".git").exists() and shutil.which("git"):
        tracked = subprocess.run(["git", "ls-files", "editors"], cwd=ROOT, capture_output=True, text=True).stdout
        assert "node_modules" not in tracked and ".vsix" not in tracked


def test_default_server_arguments_name_the_real_cli_subcommand():
    args = SETTINGS["healthlint.args"]["default"]
    assert SETTINGS["healthlint.path"]["default"] == "healthlint"
    assert args[0] in main.commands and main.commands[args[0]].callback.__module__ == "healthlint.cli"
    assert main.commands[args[0]].name == "lsp"
    # the subcommand takes exactly these arguments
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0 and "language server" in result.output.lower()


def test_default_debounce_is_the_servers():
    assert SETTINGS["healthlint.debounceMs"]["default"] == DEFAULT_DEBOUNCE_MS


needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


@needs_node
def test_activation_starts_healthlint_lsp_for_markdown_and_html_documents():
    result = activate()
    client = result["started"][0]
    assert client["serverOptions"] == {"command": SETTINGS["healthlint.path"]["default"],
                                       "args": SETTINGS["healthlint.args"]["default"]}
    assert {selector["language"] for selector in client["clientOptions"]["documentSelector"]} == LANGUAGES
    assert client["clientOptions"]["initializationOptions"] == {"debounceMs": DEFAULT_DEBOUNCE_MS}
    # every command the manifest contributes is registered, and no other
    assert sorted(result["commands"]) == sorted(c["command"] for c in MANIFEST["contributes"]["commands"])
    # a settings change restarts the server; deactivation stops it
    assert len(result["started"]) == 2 and result["stopped"] == 2 and result["errors"] == []


@needs_node
def test_settings_choose_the_command_arguments_and_debounce():
    home = os.path.expanduser("~")
    client = activate({"path": "~/.local/healthlint/bin/healthlint", "args": ["lsp"], "debounceMs": 350})["started"][0]
    assert client["serverOptions"]["command"] == os.path.join(home, ".local/healthlint/bin/healthlint")
    assert client["clientOptions"]["initializationOptions"] == {"debounceMs": 350}
    # a path that only starts with a tilde-like name is left alone
    client = activate({"path": "~other/healthlint"})["started"][0]
    assert client["serverOptions"]["command"] == "~other/healthlint"


@needs_node
def test_a_server_that_fails_to_start_is_reported_and_a_settings_change_starts_it_again():
    result = activate(fail_first_start=True)
    (error,) = result["errors"]
    assert '"healthlint lsp"' in error and "healthlint.path" in error
    # the failed client is never stopped (it cannot be); the second start runs and is stopped at the end
    assert len(result["started"]) == 2 and result["stopped"] == 1


# ----------------------------------------------------------------- Zed

ZED = ROOT / "editors" / "zed"


def test_zed_extension_serves_markdown_and_html_with_the_lsp_subcommand():
    import tomllib

    manifest = tomllib.loads((ZED / "extension.toml").read_text(encoding="utf-8"))
    cargo = tomllib.loads((ZED / "Cargo.toml").read_text(encoding="utf-8"))
    assert manifest["language_servers"]["healthlint"]["languages"] == ["Markdown", "HTML"]
    assert cargo["lib"]["crate-type"] == ["cdylib"] and "zed_extension_api" in cargo["dependencies"]
    source = (ZED / cargo["lib"]["path"]).read_text(encoding="utf-8")
    assert re.search(r'const COMMAND: &str = "healthlint";', source)
    subcommand = re.search(r'const SUBCOMMAND: &str = "(\w+)";', source).group(1)
    assert subcommand in main.commands and main.commands[subcommand].name == "lsp"
