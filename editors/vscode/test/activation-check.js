// Loads extension.js with stand-ins for the `vscode` and
// `vscode-languageclient/node` modules (neither exists outside VS Code and an
// `npm install`), activates it, changes a healthlint setting, deactivates it,
// and prints as JSON what happened. tests/test_editors.py runs this with node.
//
//   node activation-check.js SETTINGS_JSON [fail-first-start]
"use strict";

const Module = require("module");
const path = require("path");

const settings = JSON.parse(process.argv[2] || "{}");
let failNextStart = process.argv[3] === "fail-first-start";
const started = [];
const errors = [];
let stopped = 0;
const configurationListeners = [];

class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    this.running = false;
    started.push({ id, name, serverOptions, clientOptions });
  }
  start() {
    if (failNextStart) {
      failNextStart = false;
      return Promise.reject(new Error("spawn healthlint ENOENT"));
    }
    this.running = true;
    return Promise.resolve();
  }
  isRunning() {
    return this.running;
  }
  stop() {
    if (!this.running) return Promise.reject(new Error("Client is not running and can't be stopped"));
    this.running = false;
    stopped += 1;
    return Promise.resolve();
  }
}

const vscode = {
  workspace: {
    getConfiguration: (section) => ({
      get: (key, fallback) => (section === "healthlint" && key in settings ? settings[key] : fallback),
    }),
    onDidChangeConfiguration: (listener) => {
      configurationListeners.push(listener);
      return { dispose() {} };
    },
  },
  commands: { registerCommand: (command) => ({ command, dispose() {} }) },
  window: { showErrorMessage: (message) => errors.push(message) },
};

const standIns = { vscode, "vscode-languageclient/node": { LanguageClient } };
const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request in standIns ? standIns[request] : load.call(this, request, parent, isMain);
};

async function main() {
  const extension = require(path.join(__dirname, "..", "extension.js"));
  const context = { subscriptions: [] };
  await extension.activate(context);
  const change = { affectsConfiguration: (section) => section === "healthlint" };
  for (const listener of configurationListeners) await listener(change);
  await extension.deactivate();
  const commands = context.subscriptions.map((s) => s.command).filter(Boolean);
  process.stdout.write(JSON.stringify({ started, stopped, errors, commands }) + "\n");
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
