# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Prototype of a compiled text core (bench only, not part of healthlint): one pass
over a document's text that folds it, finds its words and sentence-end candidates,
sums syllables from a table, and finds literal phrase and keyphrase hits.
See bench/native_prototype/README.md and docs/performance.md."""

from cpython.unicode cimport PyUnicode_READ_CHAR, PyUnicode_GET_LENGTH, Py_UNICODE_ISALNUM, Py_UNICODE_ISSPACE

from libc.stdlib cimport malloc, free

DEF TABLE_SIZE = 0x2400  # every code point healthlint's fold table maps is below this


cdef class FoldTable:
    cdef Py_UCS4 table[TABLE_SIZE]

    def __init__(self, dict mapping):
        cdef int code
        for code in range(TABLE_SIZE):
            value = mapping.get(code)
            self.table[code] = ord(value) if value is not None else code


def analyse(str text, FoldTable fold, dict syllables, dict heads):
    """(folded text, word spans, sentence-end offsets, syllable total, words not in
    the syllable table, phrase hits as (start, end, phrase id)).

    heads: first word -> list of (following words tuple, phrase id)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef Py_UCS4 *out = <Py_UCS4 *> malloc((n + 1) * sizeof(Py_UCS4))
    cdef Py_ssize_t i = 0, start, j, k
    cdef Py_UCS4 c, d
    cdef list spans = [], ends = [], unknown = [], hits = [], words = []
    cdef long total = 0
    if out == NULL:
        raise MemoryError()
    try:
        # pass 1: fold every code point (same length as the input)
        for i in range(n):
            c = PyUnicode_READ_CHAR(text, i)
            out[i] = fold.table[c] if c < TABLE_SIZE else c
        folded = PyUnicode_FromKindAndData(4, out, n)
        # pass 2 over the folded text: words, sentence ends
        i = 0
        while i < n:
            c = out[i]
            if Py_UNICODE_ISALNUM(c):
                start = i
                while True:
                    while i < n and Py_UNICODE_ISALNUM(out[i]):
                        i += 1
                    if i + 1 < n and (out[i] == 39 or out[i] == 45) and Py_UNICODE_ISALNUM(out[i + 1]):  # ' or -
                        i += 1
                        continue
                    break
                spans.append((start, i))
                word = folded[start:i]
                words.append(word)
                count = syllables.get(word)
                if count is None:
                    unknown.append(word)
                else:
                    total += <long> count
                continue
            if c == 46 or c == 33 or c == 63 or c == 58 or c == 59:  # a run of . ! ? : ; that ends in . ! ?,
                j = i                                                  # then closing quotes/brackets, then space
                while j < n and (out[j] == 46 or out[j] == 33 or out[j] == 63 or out[j] == 58 or out[j] == 59):
                    j += 1
                k = j
                while k > i and (out[k - 1] == 58 or out[k - 1] == 59):
                    k -= 1
                if k == i:
                    i = j
                    continue
                while k < n and (out[k] == 34 or out[k] == 39 or out[k] == 41 or out[k] == 93):
                    k += 1
                if k == n or Py_UNICODE_ISSPACE(out[k]):
                    ends.append(k)
                i = j
                continue
            i += 1
        # phrase hits: at each word, the phrases that start with it
        for j in range(len(words)):
            found = heads.get(words[j])
            if found is None:
                continue
            for rest, phrase_id in found:
                k = len(rest)
                if j + k >= len(words):
                    continue
                if k == 0 or tuple(words[j + 1 : j + 1 + k]) == rest:
                    hits.append((spans[j][0], spans[j + k][1], phrase_id))
    finally:
        free(out)
    return folded, spans, ends, total, unknown, hits


cdef extern from "Python.h":
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
