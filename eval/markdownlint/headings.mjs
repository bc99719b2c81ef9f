// Headings of Markdown files as markdownlint reads them (its micromark parser):
// level, the line of the heading, the line and column of its first visible
// character, and its text. Prints {file: [heading, ...]} as JSON.
//
//   npm install markdownlint   (in a scratch folder; NODE_PATH pointing at it)
//   node headings.mjs FILE...
import { lint } from "markdownlint/sync";
import fs from "node:fs";

// Leaf tokens whose text the reader sees; markers, destinations and raw HTML are left out.
const VISIBLE = new Set(["data", "codeTextData", "characterEscapeValue", "characterReference",
  "autolinkProtocol", "autolinkEmail", "lineEnding", "whitespace"]);
const SKIPPED = new Set(["codeTextSequence", "blockQuotePrefix", "linePrefix", "resource", "reference", "htmlText"]);

function visible(token, out) {
  if (SKIPPED.has(token.type)) return;
  if (VISIBLE.has(token.type) && (token.type === "characterReference" || !token.children?.length)) {
    out.push(token);
    return;
  }
  for (const child of token.children || []) visible(child, out);
}

function heading(token, offset) {
  const text = token.children.find((c) => c.type === "atxHeadingText" || c.type === "setextHeadingText");
  const level = token.type === "atxHeading"
    ? token.children.find((c) => c.type === "atxHeadingSequence").text.length
    : token.children.find((c) => c.type === "setextHeadingLine").text.trim().startsWith("=") ? 1 : 2;
  const parts = [];
  if (text) visible(text, parts);
  const first = parts.find((p) => !["lineEnding", "whitespace"].includes(p.type) && p.text.trim());
  const lead = first ? first.text.length - first.text.trimStart().length : 0;
  return {
    level,
    line: token.startLine + offset,
    first: first ? [first.startLine + offset, first.startColumn + lead] : null,
    text: parts.map((p) => (p.type === "lineEnding" ? " " : p.text)).join(""),
  };
}

const found = {};
const collect = {
  names: ["collect-headings"], description: "collects headings", tags: ["eval"], parser: "micromark",
  function: (params) => {
    const headings = [];
    // markdownlint parses the file without its front matter: its lines count from after it
    const offset = params.frontMatterLines.length;
    const walk = (tokens) => {
      for (const token of tokens) {
        if (token.type === "atxHeading" || token.type === "setextHeading") headings.push(heading(token, offset));
        walk(token.children || []);
      }
    };
    walk(params.parsers.micromark.tokens);
    found[params.name] = headings;
  },
};

const files = process.argv.slice(2);
lint({ files, customRules: [collect], config: { default: false, "collect-headings": true } });
process.stdout.write(JSON.stringify(found) + "\n");
