"""References from the CSL processor (scripts/citations/csl.py): GB/T 7714-2015 elements checked
against the standard's own examples, Chicago's full and shortened notes, and our additions."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from scripts.citations import csl
from scripts.citations.registry import Registry, load_registry, load_source

ROOT = Path(__file__).resolve().parents[2]

SRC = {
"news": """id: news
type: article-newspaper
tier: news
title: 数字革命与竞争国际化
title-en: Digital revolution
author: [{family: 丁, given: 文祥}]
container-title: 中国青年报
issued: "2000-11-20"
language: zh-Hans
page: "15"
excerpts: [{text: x, locator: p. 1}]
""",
"web": """id: web
type: webpage
tier: news
title: "Reuters report on the summit"
author: [{literal: Staff Writer}]
container-title: baogaosu.com (news aggregator)
issued: "2015-12-16"
accessed: "2026-11-29"
language: en
URL: https://www.reuters.com/a/b
excerpts: [{text: x, locator: p. 1}]
""",
"rep": """id: rep
type: report
tier: ngo
title: Freedom on the Net
author: [{family: Baker, given: Sharon K.}, {family: Jackson, given: Mary E.}]
issued: "2018"
language: en
excerpts: [{text: x, locator: p. 1}]
""",
"book": """id: book
type: book
tier: analysis
title: 网络空间治理
title-en: x
author: [{family: 张, given: 三}, {family: 李, given: 四}, {family: 王, given: 五}, {family: 赵, given: 六}]
publisher: 人民出版社
issued: "2019"
language: zh-Hans
excerpts: [{text: x, locator: p. 1}]
""",
"std": """id: std
type: standard
tier: official
title: 信息与文献 参考文献著录规则
title-en: x
author: [{literal: 全国信息与文献标准化技术委员会}]
number: GB/T 7714—2015
publisher: 中国标准出版社
publisher-place: 北京
issued: "2015"
language: zh-Hans
excerpts: [{text: x, locator: p. 1}]
""",
"sup": """id: sup
type: webpage
tier: news
title: '[中国经济网观点频道评论:第二届世界互联网大会;存档中未见标题]'
title-en: x
container-title: 中国经济网
issued: "2015-12-16"
accessed: "2026-11-29"
language: zh-Hans
URL: http://views.ce.cn/x.shtml
excerpts: [{text: x, locator: p. 1}]
""",
"jour": """id: jour
type: article-journal
tier: analysis
title: 网络空间命运共同体研究
title-en: x
author: [{family: 习, given: 近平}]
container-title: 求是
volume: "3"
issue: "2"
issued: "2019-05"
language: zh-Hans
page: "5-9"
excerpts: [{text: x, locator: p. 1}]
""",
}


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    folder = tmp_path_factory.mktemp("csl")
    sources = {}
    for key, text in SRC.items():
        (folder / f"{key}.yml").write_text(text, encoding="utf-8")
        sources[key] = load_source(folder / f"{key}.yml", folder)[0]
    return Registry(sources, [])


@pytest.fixture(scope="module")
def zh(registry):
    return {key: _text(forms.entry) for key, forms in csl.render_forms(registry, "zh").items()}


@pytest.fixture(scope="module")
def en(registry):
    return csl.render_forms(registry, "en")


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_gbt_newspaper_article_is_n_with_date_and_page_as_the_standard_gives_it(zh):
    # GB/T 7714-2015 8.8.2 example: 丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).
    assert zh["news"] == "丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15)."


def test_gbt_journal_article_and_a_chinese_name_in_hanzi(zh):
    # 4.4 pattern: 主要责任者. 题名[J]. 刊名, 年, 卷(期): 页码.
    assert zh["jour"] == "习近平. 网络空间命运共同体研究[J]. 求是, 2019, 3(2): 5-9."


def test_gbt_report_with_unknown_place_and_publisher_and_western_names(zh):
    # 8.1.2: BAKER S K, JACKSON M E (family name in capitals, initials without full stops);
    # 8.4.1.2 and 8.4.2.2: an unknown place is [S.l.], an unknown publisher [s.n.]
    assert zh["rep"] == "BAKER S K, JACKSON M E. Freedom on the Net[R]. [S.l.]: [s.n.], 2018."


def test_gbt_book_with_four_authors_and_a_chinese_unknown_place(zh):
    # 8.1.3: more than three authors, the first three then 等; 8.4.1.2: [出版地不详] for a Chinese item
    assert zh["book"] == "张三, 李四, 王五, 等. 网络空间治理[M]. [出版地不详]: 人民出版社, 2019."


def test_gbt_standard_is_s(zh):
    assert zh["std"] == "全国信息与文献标准化技术委员会. 信息与文献 参考文献著录规则[S]. 北京: 中国标准出版社, 2015."


def test_gbt_web_page_is_eb_ol_with_its_date_and_access_date_and_no_staff_writer_or_english_gloss(zh):
    # 8.8.2: (publication or update date)[citation date]; "Staff Writer" names nobody; our
    # "(news aggregator)" gloss is English, not part of a Chinese reference
    text = zh["web"]
    assert text == "Reuters report on the summit[EB/OL]. (2015-12-16)[2026-11-29]. https://www.reuters.com/a/b."
    assert "Staff" not in text and "aggregator" not in text


def test_gbt_supplied_title_in_chinese_brackets_with_full_width_punctuation(zh):
    assert zh["sup"].startswith("［中国经济网观点频道评论：第二届世界互联网大会；存档中未见标题］[EB/OL]. (2015-12-16)[2026-11-29]. ")


def test_gbt_newspaper_article_of_a_website_is_a_web_page(tmp_path):
    path = tmp_path / "gov.yml"
    path.write_text(SRC["news"].replace("中国青年报", "中国政府网"), encoding="utf-8")
    source = load_source(path, tmp_path)[0]
    assert csl.csl_item(source, "zh")["type"] == "webpage" and csl.csl_item(source, "en")["type"] == "article-newspaper"


def test_chicago_full_note_then_shortened_note_with_the_title_gloss_only_in_full(en):
    forms = en["news"]
    assert _text(forms.full_bare) == "丁文祥, “数字革命与竞争国际化” [Digital revolution], 中国青年报, November 20, 2000."
    assert _text(forms.short_bare) == "丁文祥, “数字革命与竞争国际化.”"
    assert _text(forms.note("12", later=True)) == "丁文祥, “数字革命与竞争国际化,” 12."
    assert _text(en["rep"].short_bare) == "Baker and Jackson, Freedom on the Net."


def test_chicago_note_without_staff_writer_and_with_the_locator_before_the_url(en):
    assert _text(en["web"].note("para. 3", later=False)) == (
        "“Reuters Report on the Summit,” baogaosu.com (news aggregator), December 16, 2015, para. 3, "
        "https://www.reuters.com/a/b.")


def test_every_registered_source_renders_and_the_bare_full_note_is_the_processors_own():
    """The full note without a locator is the located one with the locator taken out
    (csl._without_locator): checked against the processor's own note, for every source."""
    registry = load_registry(ROOT / "data" / "sources", ROOT)
    forms = csl.render_forms(registry, "en")
    items = [csl.csl_item(s, "en") for s in registry.sources.values()]
    ids = [item["id"] for item in items]
    document = "\n\n".join(f"X[@{key}]" for key in ids)   # each source cited once, without a locator
    output = csl._run_pandoc(items, "en", document)
    own = {int(number): csl._clean(text) for number, text in csl._NOTE.findall(output)}
    assert len(own) == len(ids)
    for number, item in enumerate(items, 1):
        expected = csl._with_gloss(csl.Forms(full_bare=own[number]), item.get(csl.GLOSS_FIELD, ""))
        assert forms[item["id"]].full_bare == expected.full_bare, item["id"]
    zh = csl.render_forms(registry, "zh")
    assert all(zh[key].entry and forms[key].entry and forms[key].short_bare for key in ids)


def test_page_reference_fills_the_processors_template():
    registry = load_registry(ROOT / "data" / "sources", ROOT)
    for locale, expected in (("en", "Site. “A &amp; B.” December 6, 2026. <a href=\"https://x.org/a/\">https://x.org/a/</a>."),
                             ("zh", "A &amp; B[EB/OL]. (2026-12-06)[2026-12-07]. <a href=\"https://x.org/a/\">https://x.org/a/</a>.")):
        template = csl.render_forms(registry, locale)[csl.PAGE_TEMPLATE_ID].entry
        assert csl.page_reference(template, locale, "A & B", "Site", "https://x.org/a/", dt.date(2026, 12, 6),
                                  dt.date(2026, 12, 7)) == expected


@pytest.mark.parametrize("url, label", [
    ("https://www.gov.cn/xinwen/2015-12/16/content_5024700.htm", "gov.cn/xinwen/2015-12/16/content_5024700.htm"),
    ("https://hangzhou.baogaosu.com/xinwen/%E4%B8%96%E7%95%8C%E4%BA%92%E8%81%94%E7%BD%91%E5%A4%A7%E4%BC%9A/26526574",
     "hangzhou.baogaosu.com/xinwen/世界互联网大会/26526574"),
    ("https://americanmilitarynews.com/2021/12/massive-chinese-firm-is-selling-surveillance-tech-to-iran",
     "americanmilitarynews.com/2021/…/massive-chinese…"),
    ("http://example.org/", "example.org"),
])
def test_long_urls_show_host_and_shortened_path(url, label):
    assert csl.short_url(url) == label
    assert len(label) <= csl.MAX_URL_LABEL
    shortened = csl.shorten_links(f'<a href="{url}">{url}</a>')
    assert shortened == (f'<a class="short-url" href="{url}"><span class="short-url__label">'
                         f'{html.escape(label, quote=False)}</span></a>')


def test_a_link_with_its_own_text_keeps_it():
    assert csl.shorten_links('<a href="https://a.org/x">Archived copy</a>') == '<a href="https://a.org/x">Archived copy</a>'


def test_no_chinese_reference_of_the_registry_carries_an_english_gloss_or_a_staff_writer():
    registry = load_registry(ROOT / "data" / "sources", ROOT)
    zh = csl.render_forms(registry, "zh")
    for key in registry.sources:
        text = _text(re.sub(r"<a [^>]*>.*?</a>", "", zh[key].entry))   # the URL aside
        assert "Staff Writer" not in text, key
        code = re.search(r"\[(?:N|EB|J|R|M|S|Z|C|D|G|P|A)(?:/OL)?\]", text)
        assert code, (key, text)   # a type code
        publication = text[code.end():]   # the title is the source's own; what follows it is ours
        assert not re.search(r"[(（][^)）\u3400-\u9fff]*[A-Za-z]{3,}[^)）\u3400-\u9fff]*[)）]", publication), (key, text)


def test_one_processor_call_per_language_then_none_from_the_cache(registry, monkeypatch, tmp_path):
    from scripts.citations.render import render_citations

    monkeypatch.setattr(csl, "CACHE_DIR", tmp_path)
    calls = []
    run = csl._run_pandoc
    monkeypatch.setattr(csl, "_run_pandoc", lambda items, locale, document: calls.append(locale) or
                        run(items, locale, document))

    def build():
        csl._render_cached.cache_clear()
        csl._by_registry.clear()
        for locale in ("en", "zh"):
            for page in range(3):   # every page of the language, each citing every source twice
                markdown = " ".join(f"Text [@{key}]. More [@{key}, p. {page}]." for key in SRC)
                rendered = render_citations(markdown, registry, locale, "../sources/")
                assert not rendered.problems and len(rendered.references) == 2 * len(SRC)
    build()
    assert calls == ["en", "zh"]                 # one batched call per language, not one per note
    assert len(list(tmp_path.glob("*.json"))) == 2
    build()                                      # a new build: the registry and styles are unchanged
    assert calls == ["en", "zh"]
