// Starts `healthlint lsp` over stdio for Markdown and HTML documents. All the
// linting, code actions and hover happen in the server; this file only tells
// VS Code how to start it and which documents to send.
"use strict";

const os = require("os");
const path = require("path");
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

const DOCUMENTS = [
  { scheme: "file", language: "markdown" },
  { scheme: "file", language: "html" },
  { scheme: "untitled", language: "markdown" },
  { scheme: "untitled", language: "html" },
];

let client;

// "~/..." in the setting means the home folder, as in a shell.
function expandHome(command) {
  return command === "~" || command.startsWith("~/") ? path.join(os.homedir(), command.slice(1)) : command;
}

function serverOptions(settings) {
  const command = expandHome(settings.get("path", "healthlint"));
  const args = settings.get("args", ["lsp"]);
  return { command, args };
}

async function start() {
  const settings = vscode.workspace.getConfiguration("healthlint");
  client = new LanguageClient("healthlint", "healthlint", serverOptions(settings), {
    documentSelector: DOCUMENTS,
    initializationOptions: { debounceMs: settings.get("debounceMs", 200) },
  });
  try {
    await client.start();
  } catch (error) {
    // a client that failed to start cannot be stopped: forget it, so a
    // settings change or the restart command starts a fresh one
    client = undefined;
    const { command, args } = serverOptions(settings);
    vscode.window.showErrorMessage(
      `healthlint: could not start "${command} ${args.join(" ")}" (${error.message}). ` +
        "Install healthlint with the lsp extra and set healthlint.path.",
    );
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running && running.isRunning()) {
    await running.stop();
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("healthlint.restart", async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("healthlint")) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, serverOptions };
