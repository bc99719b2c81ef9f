"""The benchmark runs end to end on a small corpus (no timing assertions: speed is
measured by bench/run.py, never asserted in tests)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402  (bench/corpus.py)

COMBOS = {"nl_html", "nl_markdown", "en_html", "en_markdown"}


def test_quick_benchmark_produces_every_figure_and_judges_every_target(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--copies", "2", "--files", "12",
                           "--throughput-files", "8", "--repeat", "1", "--jobs", "2", "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert set(figures["new_articles"]) == COMBOS == set(figures["same_text_ms"]) == set(figures["stages_ms"])
    for stages in figures["stages_ms"].values():
        assert {"parse + document model", "phrase scan", "rules' own code", "report", "total"} <= stages.keys()
        assert stages["parse + document model"] > 0 and stages["rules' own code"] > 0  # the hook is wired in
    assert set(figures["targets"]) == {"new_article_ms_nl_html", "new_article_ms_nl_markdown", "new_article_ms_en_html",
                                       "new_article_ms_en_markdown", "one_file_s_nl", "one_file_s_en",
                                       "size_per_kb_spread", "cache_rerun_s_10k", "rss_mb_10k"}
    assert all(isinstance(t["met"], bool) for t in figures["targets"].values())
    assert "yoast" in figures  # measured, or skipped with a note
    assert "Per stage" in proc.stdout and "same text" in proc.stdout and ("met" in proc.stdout)


def test_stage_timer_is_off_by_default_and_hands_functions_back_unchanged():
    proc = subprocess.run([sys.executable, "-c", "from healthlint import loader, stagetimes; "
                           "print(stagetimes.ENABLED, loader.parse_text.__code__.co_name)"],
                          capture_output=True, text=True, env={"PATH": "", "PYTHONPATH": str(ROOT / "src")})
    assert proc.stdout.split() == ["False", "parse_text"], proc.stderr


def test_corpus_is_reproducible_and_shaped_like_the_reference_article():
    a, b = corpus.reference_set(5, 4), corpus.reference_set(5, 4)
    assert [x.text for x in a] == [x.text for x in b]
    assert {x.lang for x in a} == {"nl", "en"} and {x.fmt for x in a} == {"html", "markdown"}
    html = a[0].text
    assert 22_000 < len(html.encode()) < 28_000
    assert html.count("<h1") + html.count("<h2") + html.count("<h3") == 30
    assert html.count("<a href") == 15
    assert '"FAQPage"' in html


def test_fresh_copies_are_new_in_every_paragraph_but_keep_the_reference_shape():
    import re

    copies = [corpus.fresh_article(5, "nl", "html", n).text for n in range(6)]
    assert copies[0] == corpus.fresh_article(5, "nl", "html", 0).text
    paragraphs = [p for text in copies for p in re.findall(r'<p class="wp-block-paragraph">(.*?)</p>', text)]
    assert len(set(paragraphs)) == len(paragraphs)
    html = copies[0]
    assert 22_000 < len(html.encode()) < 30_000
    assert html.count("<h1") + html.count("<h2") + html.count("<h3") == 30
    assert html.count("<a href") == 15 and '"FAQPage"' in html


def test_sized_articles_come_close_to_their_size():
    for target in (2_000, 25_000, 250_000):
        size = len(corpus.sized_article(5, "en", "markdown", 1, target).text.encode())
        assert 0.85 * target <= size <= 1.15 * target, (target, size)
