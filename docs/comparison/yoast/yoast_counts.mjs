#!/usr/bin/env node
// Expose yoastseo's own Flesch inputs (sentences, words, syllables) so healthlint's counts can be
// compared with Yoast's count by count, not only through the final score.
//
//   YOAST_DIR=/tmp/yoast node yoast_counts.mjs words LANG < words.txt     # one word per line -> "word<TAB>syllables"
//   YOAST_DIR=/tmp/yoast node yoast_counts.mjs files manifest.jsonl       # one JSON line per file
//
// YOAST_DIR is a folder with node_modules/yoastseo installed (a copy of shared/peers/yoast after `npm ci`).
// "files" mode repeats what languageProcessing/researches/getFleschReadingScore.js does on paper.getText()
// (the <body> HTML): stripNumbers -> countSentences -> countWords -> countSyllables(text, researcher syllables).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const yoastDir = resolve(process.env.YOAST_DIR || "/tmp/yoast");
const require = createRequire(join(yoastDir, "package.json"));
const { Paper } = require("yoastseo");
const B = "yoastseo/build/languageProcessing/";
const countSyllables = require(B + "helpers/syllables/countSyllables.js");
const stripNumbers = require(B + "helpers/sanitize/stripNumbers.js").default;
const countSentences = require(B + "helpers/sentence/countSentences.js").default;
const countWords = require(B + "helpers/word/countWords.js").default;
const getWords = require(B + "helpers/word/getWords.js").default;

function researcherFor(lang) {
  const R = require(`${B}languages/${lang}/Researcher.js`).default;
  return new R(new Paper(""));
}

const [mode, arg] = process.argv.slice(2);
if (mode === "words") {
  const r = researcherFor(arg || "en");
  const cfg = r.getConfig("syllables");
  const out = [];
  for (const w of readFileSync(0, "utf8").split("\n").map((s) => s.trim()).filter(Boolean)) {
    out.push(`${w}\t${countSyllables.countSyllablesInWord(w.toLocaleLowerCase(), cfg)}`);
  }
  process.stdout.write(out.join("\n") + "\n");
} else if (mode === "files") {
  const jobs = readFileSync(arg, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  for (const job of jobs) {
    const lang = (job.locale || "en_US").split(/[_-]/)[0].toLowerCase();
    const html = readFileSync(job.file, "utf8");
    const m = html.match(/<body[^>]*>([\s\S]*?)<\/body>/i);
    const body = (m ? m[1] : html).trim();
    const r = researcherFor(lang);
    const paper = new Paper(body, { locale: job.locale });
    r.setPaper(paper);
    const tokenizer = r.getHelper("memoizedTokenizer");
    const text = stripNumbers(paper.getText());
    const sentences = countSentences(text, tokenizer);
    const words = countWords(text);
    const syllables = countSyllables.default(text, r.getConfig("syllables"));
    const score = r.getHelper("fleschReadingScore")({
      numberOfSentences: sentences, numberOfWords: words, numberOfSyllables: syllables,
      averageWordsPerSentence: words / sentences, syllablesPer100Words: syllables * 100 / words,
    });
    process.stdout.write(JSON.stringify({ file: job.file, locale: job.locale, sentences, words, syllables,
      syllables_per_word: Math.round(1000 * syllables / words) / 1000, flesch_unclamped: score }) + "\n");
  }
} else {
  process.stderr.write("usage: yoast_counts.mjs words LANG < words.txt | yoast_counts.mjs files manifest.jsonl\n");
  process.exit(2);
}
