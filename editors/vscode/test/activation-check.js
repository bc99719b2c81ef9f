// Loads extension.js with stand-ins for the `vscode` and
// `vscode-languageclient/node` modules (neither exists outside VS Code and an
// `npm install`), activates it, and prints as JSON what it would start.
// tests/test_editors.py runs this with node and checks the result.
"use strict";

const Module = require("module");
const path = require("path");

const settings = JSON.parse(process.argv[2] || "{}");
const started = [];

class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    started.push({ id, name, serverOptions, clientOptions });
  }
  start() {
    return Promise.resolve();
  }
  stop() {
    return Promise.resolve();
  }
}

const vscode = {
  workspace: {
    getConfiguration: (section) => ({
      get: (key, fallback) => (section === "healthlint" && key in settings ? settings[key] : fallback),
    }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  commands: { registerCommand: (command) => ({ command, dispose() {} }) },
  window: {
    showErrorMessage: (message) => {
      throw new Error(message);
    },
  },
};

const standIns = { vscode, "vscode-languageclient/node": { LanguageClient } };
const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request in standIns ? standIns[request] : load.call(this, request, parent, isMain);
};

const extension = require(path.join(__dirname, "..", "extension.js"));
const context = { subscriptions: [] };
Promise.resolve(extension.activate(context))
  .then(() => extension.deactivate())
  .then(() => {
    const commands = context.subscriptions.map((s) => s.command).filter(Boolean);
    process.stdout.write(JSON.stringify({ started, commands }) + "\n");
  })
  .catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
