"""The language server: lints the editor's unsaved buffer and keeps the
diagnostics, code actions and hover of each open document current.

* open: lint at once; change: lint once typing pauses for the debounce
  (default 200 ms, `initializationOptions.debounceMs`); a result for a version
  the user has already typed past is dropped.
* Linting runs on one worker thread, so requests (hover, code actions) are
  answered while a long article is linted.
* Configuration is the healthlint.toml / [tool.healthlint] nearest to each file,
  as for `healthlint check`. It is read again when a config file changes: on
  the client's file-watch events, on saving one in the editor, and (for
  clients that watch nothing) when its size or modification time differs at
  the next lint.
"""

from __future__ import annotations

import asyncio
import gc
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from healthlint.version import __version__
from healthlint.lsp import features
from healthlint.lsp.positions import UTF16, LineIndex

DEFAULT_DEBOUNCE_MS = 200
CONFIG_NAMES = ("healthlint.toml", "pyproject.toml")
_LANGUAGE_SUFFIX = {"markdown": ".md", "html": ".html"}


def config_stamp(folder: str) -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of every config file that could govern a
    file in folder: a change in any of them means settings must be read again."""
    stamp = []
    path = Path(folder)
    for parent in (path, *path.parents):
        for name in CONFIG_NAMES:
            try:
                status = os.stat(parent / name)
            except OSError:
                continue
            stamp.append((str(parent / name), status.st_mtime_ns, status.st_size))
    return tuple(stamp)


class Linters:
    """One engine Linter for the session, replaced whenever a config file changes."""

    def __init__(self) -> None:
        self._linter: Any = None
        self._stamps: dict[str, tuple] = {}
        self.settled = False  # whether what the Linter loads for good has been frozen

    def reset(self) -> None:
        self._linter = None
        self._stamps.clear()
        self.settled = False

    def settle(self) -> None:
        """After the first lint with a new Linter: move everything alive now
        (rules, packs, compiled patterns, the LSP types) out of the garbage
        collector's reach. A full collection walks every tracked object, about
        70,000 of them here, for tens of milliseconds; it came about every 20
        lints and landed on the diagnostics of whichever keystroke set it off.
        After a config change the previous Linter's data is thawed first, so
        what is no longer used is collected rather than kept frozen."""
        if not self.settled:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.settled = True

    def for_folder(self, folder: str | None) -> Any:
        from healthlint.engine import Linter

        if folder is not None:
            stamp = config_stamp(folder)
            if self._stamps.get(folder, stamp) != stamp:
                self.reset()
            self._stamps[folder] = stamp
        if self._linter is None:
            self._linter = Linter()
        return self._linter


class HealthlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("healthlint", __version__)
        self.debounce = DEFAULT_DEBOUNCE_MS / 1000
        self.linters = Linters()
        self.linted: dict[str, features.Linted] = {}
        self.pending: dict[str, asyncio.Task] = {}
        # one thread: the engine's caches are not shared between threads, and
        # one lint at a time is all an editor needs
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthlint-lint")

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(getattr(encoding, "value", encoding) or UTF16)

    # -- where a document is and what it is ----------------------------------
    def locate(self, uri: str, language_id: str | None) -> tuple[str | None, str] | None:
        """(file path or None, display name with an article suffix), or None
        for a document healthlint does not lint."""
        from healthlint.loader import ARTICLE_SUFFIXES

        path = to_fs_path(uri) if uri.startswith("file:") else None
        name = path or uri.rsplit("/", 1)[-1] or "untitled"
        suffix = os.path.splitext(name)[1].lower()
        if suffix not in ARTICLE_SUFFIXES:
            if language_id not in _LANGUAGE_SUFFIX:
                return None
            name += _LANGUAGE_SUFFIX[language_id]
        if path is not None:
            root = self.workspace.root_path
            display = os.path.relpath(path, root) if root and path.startswith(root.rstrip(os.sep) + os.sep) else path
            return path, display if suffix in ARTICLE_SUFFIXES else name
        return None, name

    # -- linting ------------------------------------------------------------
    def lint_now(self, uri: str, version: int | None, text: str, language_id: str | None) -> features.Linted | None:
        """Lint one version of a buffer (on the worker thread)."""
        from healthlint.engine import error_result
        from healthlint.errors import HealthlintError

        located = self.locate(uri, language_id)
        if located is None:
            return None
        path, display = located
        root = self.workspace.root_path
        # an unsaved document takes the config of the workspace it was opened in
        settings_path = Path(path) if path else (Path(root) / display if root else None)
        inline = True
        try:
            linter = self.linters.for_folder(str(settings_path.parent) if settings_path else None)
            settings = linter.settings_for(settings_path)
            inline = settings.inline_config
            result = linter.lint_text(text, display, settings)
        except HealthlintError as exc:  # a broken config: say so where the writer looks
            result = error_result(display, str(exc))
        linted = features.Linted(uri, version, display, LineIndex(text, self.encoding), result, inline)
        linted.diagnostics = features.diagnostics(linted)
        return linted

    def schedule(self, uri: str, delay: float) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        version, text = document.version, document.source
        loop = asyncio.get_running_loop()
        linted = await loop.run_in_executor(self.executor, self.lint_now, uri, version, text, document.language_id)
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        if linted is None or self.workspace.get_text_document(uri).version != version:
            return  # not ours to lint, or typed past: the newer version's lint publishes
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=linted.diagnostics))
        self.linters.settle()

    def current(self, uri: str) -> features.Linted | None:
        """The lint of the version the editor shows, or None while it is out of date."""
        linted = self.linted.get(uri)
        if linted is None or uri not in self.workspace.text_documents:
            return None
        if self.workspace.get_text_document(uri).version != linted.version:
            return None
        return linted

    def relint_all(self) -> None:
        self.linters.reset()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)


server = HealthlintServer()


@server.feature(lsp.INITIALIZE)
def initialize(ls: HealthlintServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
        ls.debounce = max(0.0, float(options["debounceMs"]) / 1000)


@server.feature(lsp.INITIALIZED)
async def initialized(ls: HealthlintServer, params: lsp.InitializedParams) -> None:
    capability = ls.client_capabilities.workspace
    watch = capability.did_change_watched_files if capability else None
    if watch is None or not watch.dynamic_registration:
        return  # the config stamp still notices a change at the next lint
    watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
    try:
        await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
            id="healthlint-config", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
    except Exception as exc:  # noqa: BLE001 - a client that refuses still gets the config stamp
        ls.window_log_message(lsp.LogMessageParams(lsp.MessageType.Warning,
                                                   f"healthlint: config files not watched: {exc}"))


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: HealthlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: HealthlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.debounce)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: HealthlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    if params.text_document.uri.rsplit("/", 1)[-1] in CONFIG_NAMES:
        ls.relint_all()


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: HealthlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    if ls.linted.pop(uri, None) is not None:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: HealthlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    if any(change.uri.rsplit("/", 1)[-1] in CONFIG_NAMES for change in params.changes):
        ls.relint_all()


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix, features.FIX_ALL_KIND]))
def code_action(ls: HealthlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    linted = ls.current(params.text_document.uri)
    if linted is None:
        return None
    only = [str(getattr(k, "value", k)) for k in params.context.only] if params.context.only else None
    return features.code_actions(linted, params.range, only) or None


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: HealthlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    linted = ls.current(params.text_document.uri)
    return features.hover(linted, params.position) if linted is not None else None


def run() -> None:
    server.start_io()
