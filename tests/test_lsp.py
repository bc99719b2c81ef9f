"""`healthlint lsp` driven over stdio by a real LSP client (pytest-lsp).

Each test starts the server as a subprocess (`python -m healthlint lsp`) in
a scratch workspace with its own healthlint.toml.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from healthlint.lsp.positions import LineIndex  # noqa: E402
from healthlint.registry import docs_url  # noqa: E402

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "healthlint", "lsp"])
CONFIG = 'select = ["affiliate-link-rel", "claim-absolute"]\n'
# An emoji and a non-BMP CJK character before the link: 2 + 2 UTF-16 units, 4 + 4 UTF-8 bytes, 1 + 1 code points
LINK = '<a href="https://amzn.to/3abc">hier</a>'
ARTICLE = ("# Magnesium\n\nDit artikel bevat affiliate links.\n\n"
           f"😀𠀋 Koop {LINK} vandaag.\n")
WAIT = 30  # seconds before a test gives up waiting for the server (a hang guard, not a timing check)


async def start(client: LanguageClient, root: Path, encodings: list[str] | None = None) -> types.InitializeResult:
    (root / "healthlint.toml").write_text(CONFIG, encoding="utf-8")
    capabilities = client_capabilities("visual-studio-code")
    if encodings is not None:
        capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
    registrations: list[types.Registration] = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    client.registrations = registrations  # type: ignore[attr-defined]
    result = await client.initialize_session(types.InitializeParams(
        capabilities=capabilities, root_uri=root.as_uri(), initialization_options={"debounceMs": 20}))
    client.init_result = result  # type: ignore[attr-defined]
    return result


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, tmp_path):
    """A server initialised on a scratch workspace (tmp_path) with CONFIG."""
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER, params=["utf-8", "utf-32"])
async def client_with_encoding(lsp_client: LanguageClient, tmp_path, request):
    """A server whose client prefers another position encoding than UTF-16."""
    await start(lsp_client, tmp_path, encodings=[request.param, "utf-16"])
    lsp_client.encoding = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def until(check) -> None:
    async def wait() -> None:
        while not check():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(wait(), WAIT)


async def diagnostics_until(client: LanguageClient, uri: str, check) -> list[types.Diagnostic]:
    """Wait for published diagnostics of uri that pass check."""
    async def wait() -> list[types.Diagnostic]:
        while True:
            current = client.diagnostics.get(uri)
            if current is not None and check(current):
                return list(current)
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(wait(), WAIT)


def open_doc(client: LanguageClient, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))


def change_doc(client: LanguageClient, uri: str, version: int, text: str,
               at: types.Range | None = None) -> None:
    change = (types.TextDocumentContentChangePartial(range=at, text=text) if at is not None
              else types.TextDocumentContentChangeWholeDocument(text=text))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))


def apply(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """Apply LSP text edits to text the way a client does (from the end back)."""
    index = LineIndex(text, encoding)
    spans = sorted(((index.offset(e.range.start.line, e.range.start.character),
                     index.offset(e.range.end.line, e.range.end.character), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def rel_diagnostic(diagnostics: list[types.Diagnostic]) -> types.Diagnostic:
    (found,) = [d for d in diagnostics if d.code == "affiliate-link-rel"]
    return found


# Where the link's href starts on line 4: "😀𠀋 Koop <a href=\"" is 17 code points,
# 19 UTF-16 units (two surrogate pairs) and 23 UTF-8 bytes.
LINK_COLUMN = {"utf-32": 17, "utf-16": 19, "utf-8": 23}


def link_column(encoding: str) -> int:
    return LINK_COLUMN[encoding]


# ----------------------------------------------------------------- diagnostics


@pytest.mark.asyncio
async def test_open_publishes_diagnostics_with_rule_severity_link_and_utf16_range(client, tmp_path):
    root = tmp_path
    assert client.init_result.capabilities.position_encoding in (None, types.PositionEncodingKind.Utf16)
    uri = (root / "article.md").as_uri()  # never written: the buffer is what counts
    open_doc(client, uri, ARTICLE)
    diagnostic = rel_diagnostic(await diagnostics_until(client, uri, lambda d: len(d) > 0))
    assert diagnostic.source == "healthlint"
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert diagnostic.code_description.href == docs_url("affiliate-link-rel")
    # emoji + CJK Extension B before the link: 4 UTF-16 units, not 2 code points
    at = diagnostic.range.start
    assert (at.line, at.character) == (4, link_column("utf-16"))


@pytest.mark.asyncio
async def test_position_encoding_is_negotiated(client_with_encoding, tmp_path):
    client, encoding = client_with_encoding, client_with_encoding.encoding
    assert client.init_result.capabilities.position_encoding == encoding
    uri = (tmp_path / "article.md").as_uri()
    open_doc(client, uri, ARTICLE)
    diagnostic = rel_diagnostic(await diagnostics_until(client, uri, lambda d: len(d) > 0))
    assert diagnostic.range.start.character == link_column(encoding)
    assert link_column(encoding) != link_column("utf-16")


@pytest.mark.asyncio
async def test_change_lints_the_unsaved_buffer(client, tmp_path):
    root = tmp_path
    path = root / "article.md"
    path.write_text("# Magnesium\n\nNiets aan de hand.\n", encoding="utf-8")  # what is on disk is clean
    uri = path.as_uri()
    open_doc(client, uri, path.read_text(encoding="utf-8"))
    assert await diagnostics_until(client, uri, lambda d: True) == []
    # an incremental edit: a line with an emoji, then the link after it
    change_doc(client, uri, 2, f"Dit artikel bevat affiliate links.\n\n😀 {LINK}\n",
               at=types.Range(types.Position(2, 0), types.Position(2, 0)))
    diagnostic = rel_diagnostic(await diagnostics_until(client, uri, lambda d: len(d) > 0))
    assert (diagnostic.range.start.line, diagnostic.range.start.character) == (4, 2 + 1 + len('<a href="'))
    assert path.read_text(encoding="utf-8") == "# Magnesium\n\nNiets aan de hand.\n"


@pytest.mark.asyncio
async def test_close_clears_diagnostics(client, tmp_path):
    root = tmp_path
    uri = (root / "article.md").as_uri()
    open_doc(client, uri, ARTICLE)
    await diagnostics_until(client, uri, lambda d: len(d) > 0)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))
    assert await diagnostics_until(client, uri, lambda d: len(d) == 0) == []


@pytest.mark.asyncio
async def test_files_healthlint_does_not_read_get_no_diagnostics(client, tmp_path):
    root = tmp_path
    text_uri = (root / "notes.txt").as_uri()
    open_doc(client, text_uri, ARTICLE, language="plaintext")
    # a Markdown buffer opened after it is linted; the text file never is
    md_uri = (root / "article.md").as_uri()
    open_doc(client, md_uri, ARTICLE)
    await diagnostics_until(client, md_uri, lambda d: len(d) > 0)
    assert text_uri not in client.diagnostics


# ----------------------------------------------------------------- code actions


async def actions_at(client: LanguageClient, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic]))) or []


@pytest.mark.asyncio
async def test_fix_action_applied_clears_the_diagnostic(client, tmp_path):
    root = tmp_path
    uri = (root / "article.md").as_uri()
    open_doc(client, uri, ARTICLE)
    diagnostic = rel_diagnostic(await diagnostics_until(client, uri, lambda d: len(d) > 0))
    actions = await actions_at(client, uri, diagnostic)
    (fix,) = [a for a in actions if "sponsored" in a.title]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    fixed = apply(ARTICLE, fix.edit.changes[uri])
    assert 'rel="sponsored"' in fixed and fixed.replace(' rel="sponsored"', "") == ARTICLE
    change_doc(client, uri, 2, fixed)
    await diagnostics_until(client, uri, lambda d: not [x for x in d if x.code == "affiliate-link-rel"])


@pytest.mark.asyncio
async def test_disable_for_this_line_action_suppresses_only_that_finding(client, tmp_path):
    root = tmp_path
    uri = (root / "article.md").as_uri()
    text = ARTICLE + f"\nNog een keer: {LINK}.\n"
    open_doc(client, uri, text)
    found = await diagnostics_until(client, uri, lambda d: len(d) >= 2)
    first = sorted((d for d in found if d.code == "affiliate-link-rel"), key=lambda d: d.range.start.line)[0]
    (disable,) = [a for a in await actions_at(client, uri, first) if a.title.startswith("healthlint: disable")]
    assert "affiliate-link-rel" in disable.title
    edited = apply(text, disable.edit.changes[uri])
    assert "healthlint-disable" in edited.splitlines()[first.range.start.line]
    change_doc(client, uri, 2, edited)
    left = await diagnostics_until(client, uri, lambda d: len([x for x in d if x.code == "affiliate-link-rel"]) == 1)
    (remaining,) = [d for d in left if d.code == "affiliate-link-rel"]
    assert remaining.range.start.line == first.range.start.line + 2


@pytest.mark.asyncio
async def test_disable_action_is_never_written_into_front_matter(client, tmp_path):
    # a short description in YAML front matter: an HTML comment on that line would break the YAML,
    # so the directive goes where the parser reads it as a comment, or is not offered
    root = tmp_path
    (root / "healthlint.toml").write_text('select = ["meta-description"]\n', encoding="utf-8")
    uri = (root / "article.md").as_uri()
    text = "---\ndescription: Alles over magnesium.\n---\n# Magnesium\n\nTekst.\n"
    open_doc(client, uri, text)
    (diagnostic,) = await diagnostics_until(client, uri, lambda d: len(d) > 0)
    assert diagnostic.code == "meta-description" and diagnostic.range.start.line == 1
    titles = [a.title for a in await actions_at(client, uri, diagnostic)]
    assert not [t for t in titles if "disable" in t]


@pytest.mark.asyncio
async def test_fix_all_source_action(client, tmp_path):
    root = tmp_path
    uri = (root / "article.md").as_uri()
    text = ARTICLE + f"\nNog een keer: {LINK}.\n"
    open_doc(client, uri, text)
    await diagnostics_until(client, uri, lambda d: len(d) >= 2)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    (fix_all,) = actions
    assert apply(text, fix_all.edit.changes[uri]).count('rel="sponsored"') == 2


# ----------------------------------------------------------------- hover and config


@pytest.mark.asyncio
async def test_hover_on_a_finding_shows_the_rule_docs(client, tmp_path):
    root = tmp_path
    uri = (root / "article.md").as_uri()
    open_doc(client, uri, ARTICLE)
    diagnostic = rel_diagnostic(await diagnostics_until(client, uri, lambda d: len(d) > 0))
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=diagnostic.range.start))
    assert "affiliate-link-rel" in hover.contents.value and "Why it matters" in hover.contents.value
    assert docs_url("affiliate-link-rel") in hover.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 1)))
    assert nothing is None


@pytest.mark.asyncio
async def test_config_is_read_again_when_it_changes(client, tmp_path):
    root = tmp_path
    await until(lambda: client.registrations)
    assert [r.method for r in client.registrations] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    uri = (root / "article.md").as_uri()
    open_doc(client, uri, ARTICLE)
    await diagnostics_until(client, uri, lambda d: any(x.code == "affiliate-link-rel" for x in d))
    (root / "healthlint.toml").write_text('select = ["claim-absolute"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(root / "healthlint.toml").as_uri(), type=types.FileChangeType.Changed)]))
    await diagnostics_until(client, uri, lambda d: not any(x.code == "affiliate-link-rel" for x in d))


@pytest.mark.asyncio
async def test_a_broken_config_is_one_diagnostic_naming_the_file(client, tmp_path):
    root = tmp_path
    (root / "healthlint.toml").write_text('select = ["no-such-rule"]\n', encoding="utf-8")
    uri = (root / "article.md").as_uri()
    open_doc(client, uri, ARTICLE)
    (diagnostic,) = await diagnostics_until(client, uri, lambda d: len(d) > 0)
    assert "healthlint.toml" in diagnostic.message
    assert diagnostic.severity == types.DiagnosticSeverity.Error


# ----------------------------------------------------------------- without a client


@pytest.mark.parametrize(("text", "offset", "expected"), [
    ("a😀b", 2, {"utf-16": (0, 3), "utf-8": (0, 5), "utf-32": (0, 2)}),
    ("x\r\n😀y\rz", 5, {"utf-16": (1, 3), "utf-8": (1, 5), "utf-32": (1, 2)}),
    ("x\r\n😀y\rz", 6, {"utf-16": (2, 0), "utf-8": (2, 0), "utf-32": (2, 0)}),
])
def test_positions_round_trip(text, offset, expected):
    for encoding, position in expected.items():
        index = LineIndex(text, encoding)
        assert index.position(offset) == position
        assert index.offset(*position) == offset


def test_a_position_past_the_end_of_a_line_is_its_end():
    index = LineIndex("ab\ncd", "utf-16")
    assert index.offset(0, 99) == 2 and index.offset(5, 0) == 5


def test_check_does_not_import_the_language_server():
    import subprocess

    code = ("import sys\nfrom healthlint.cli import main\n"
            "try:\n    main(['check', '-', '--stdin-filename', 'a.md'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))")
    out = subprocess.run([sys.executable, "-c", code], input="# Magnesium\n", capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_lsp_without_the_extra_is_one_line_naming_it():
    import subprocess

    code = ("import sys\nsys.modules['pygls'] = None\nfrom healthlint.cli import main\nmain(['lsp'])")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert run.returncode == 2
    assert run.stderr.strip() == "healthlint: error: `healthlint lsp` needs pygls: pip install 'healthlint[lsp]'"


def test_latency_benchmark_drives_the_real_server(tmp_path):
    """bench/lsp_latency.py runs end to end (figures only; no timing is asserted)."""
    import json
    import subprocess

    out = tmp_path / "lsp.json"
    bench = Path(__file__).resolve().parent.parent / "bench" / "lsp_latency.py"
    run = subprocess.run([sys.executable, str(bench), "--runs", "2", "--warmup", "0", "--debounce-ms", "20",
                          "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert [a["article"].rsplit(".", 1)[1] for a in figures["articles"]] == ["html", "md"]
    assert all(a["samples"] == 2 and a["bytes"] > 15_000 and "server_cpu_ms" in a for a in figures["articles"])
    assert figures["target_ms"] == 150 and "p95" in run.stdout


def test_what_a_linter_loads_is_frozen_once_until_the_config_changes():
    """The server freezes rules, packs and types after the first lint, so the
    garbage collector's full passes stop walking them (docs/editors.md, Latency);
    after a config change what the old Linter held is collected, not kept frozen."""
    import gc
    import weakref

    from healthlint.lsp.server import Linters

    class Held:
        pass

    linters = Linters()
    try:
        linters.for_folder(None).lint_text("# Magnesium\n", "a.md")
        old_data = Held()
        old_data.cycle = old_data  # only the garbage collector can free it
        alive = weakref.ref(old_data)
        linters.settle()
        assert linters.settled and gc.get_freeze_count() > 0
        del old_data
        linters.reset()  # a config file changed: the next Linter's data is frozen anew
        assert not linters.settled
        linters.for_folder(None).lint_text("# Magnesium\n", "a.md")
        linters.settle()
        assert alive() is None and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
