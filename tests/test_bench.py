"""The benchmark runs end to end on a tiny corpus (no timing assertions)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"machine", "corpus", "per_article_ms", "articles_per_s_per_core", "articles_per_s_jobs1",
        "articles_per_s_jobsN", "one_file_s_nl", "one_file_s_en", "rss_mb_10k", "cache_rerun_s_10k", "targets"}


def test_quick_benchmark_produces_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--files", "12",
                           "--throughput-files", "8", "--repeat", "1", "--jobs", "2", "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert KEYS <= figures.keys()
    assert set(figures["targets"]) == {"per_article_ms", "articles_per_s_per_core", "one_file_s_nl", "one_file_s_en",
                                       "rss_mb_10k", "cache_rerun_s_10k"}
    assert "per article" in proc.stdout and "target" in proc.stdout


def test_corpus_is_reproducible_and_shaped_like_the_reference_article():
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    a, b = corpus.reference_set(5, 4), corpus.reference_set(5, 4)
    assert [x.text for x in a] == [x.text for x in b]
    assert {x.lang for x in a} == {"nl", "en"} and {x.fmt for x in a} == {"html", "markdown"}
    html = a[0].text
    assert 22_000 < len(html.encode()) < 28_000
    assert html.count("<h1") + html.count("<h2") + html.count("<h3") == 30
    assert html.count("<a href") == 15
    assert '"FAQPage"' in html
