"""Readers: titles and metadata from each format, and decoding of what people actually have."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import HTML_PAGE

from assistant.errors import InputError
from assistant.ingest.readers import decode, parse, read_file
from assistant.types import IngestStatus

MB = 1_000_000


def read(path: Path):
    drafts, problems = parse(read_file(path, 50 * MB))
    return drafts, problems


def read_one(path: Path):
    drafts, problems = read(path)
    assert len(drafts) == 1 and not problems
    return drafts[0]


# --- plain text and Markdown ---------------------------------------------------------


def test_txt_title_is_the_first_line(tmp_path):
    path = tmp_path / "fed.txt"
    path.write_text(
        "Fed holds rates steady\n\n"
        "The Federal Reserve held interest rates steady on Wednesday.\n"
        "Chair Jerome Powell said the labor market remained strong.\n",
        encoding="utf-8",
    )
    draft = read_one(path)
    assert draft.title == "Fed holds rates steady"
    assert draft.body_starts_with_title
    assert "The Federal Reserve held interest rates steady" in draft.text


def test_txt_whose_first_line_is_a_sentence_gets_a_shortened_title(seed_text, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    draft = read_one(path)
    assert draft.title.startswith("The foreign ministers of Russia and China today condemned")
    assert len(draft.title) <= 151
    assert not draft.body_starts_with_title  # the first line is body text, not a headline


def test_markdown_front_matter_gives_the_metadata(tmp_path):
    path = tmp_path / "fed.md"
    path.write_text(
        "---\n"
        'title: "Fed holds rates steady, signals hikes"\n'
        "source: Reuters\n"
        "published: March 30, 2022\n"
        "url: https://www.reuters.com/markets/us/fed-holds-rates-2022-03-30/\n"
        "author: Ann Saphir\n"
        "---\n"
        "# Fed holds rates steady\n\n"
        "The Federal Reserve held rates **steady** on Wednesday, [Reuters](https://reuters.com) reported.\n\n"
        "![chart](chart.png)\n"
        "Chair Jerome Powell said the labor market remained strong.\n",
        encoding="utf-8",
    )
    draft = read_one(path)
    assert draft.title == "Fed holds rates steady, signals hikes"
    assert draft.source == "Reuters"
    assert draft.published == "2022-03-30"
    assert draft.url == "https://www.reuters.com/markets/us/fed-holds-rates-2022-03-30/"
    assert draft.author == "Ann Saphir"
    # the front matter and the Markdown syntax are not part of the indexed text
    assert "---" not in draft.text and "title:" not in draft.text
    assert "**" not in draft.text and "](" not in draft.text and "#" not in draft.text
    assert "held rates steady on Wednesday, Reuters reported." in draft.text


def test_markdown_with_invalid_front_matter_is_refused(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nSome body text here.\n", encoding="utf-8")
    with pytest.raises(InputError, match="front matter"):
        read(path)


# --- HTML ------------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "fed.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    draft = read_one(path)
    assert draft.title == "Fed holds rates steady, signals hikes later this year"
    assert draft.source == "Example News"
    assert draft.published == "2022-03-30"
    assert draft.author == "Jane Doe"
    assert "held interest rates steady" in draft.text
    assert "did not ease in the coming months." in draft.text
    for boilerplate in ("Home", "Subscribe", "Celebrity chef", "Privacy policy", "All rights reserved"):
        assert boilerplate not in draft.text


def test_html_without_article_text_is_refused(tmp_path):
    path = tmp_path / "app.html"
    path.write_text(
        "<html><head><title>App</title></head><body><div id='root'></div><script>window.render()</script></body></html>"
    )
    with pytest.raises(InputError, match="no article text"):
        read(path)


def test_navigation_only_html_page_is_refused(assistant, tmp_path):
    path = tmp_path / "nav.html"
    path.write_text(
        "<html><head><title>Example News</title></head><body><nav><ul>"
        "<li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
        "<footer>Copyright 2022</footer></body></html>"
    )
    (result,) = assistant.ingest(path).results
    assert result.status is IngestStatus.FAILED
    assert assistant.articles() == []


# --- JSON and JSON Lines dumps -----------------------------------------------------------


def test_json_list_with_field_aliases(tmp_path):
    records = [
        {
            "headline": "Wheat prices jump",
            "body": "Wheat prices rose 5% on Monday after the war disrupted Black Sea exports.",
            "link": "https://www.example.org/wheat",
            "date": "2022-03-07T09:30:00Z",
            "site": "Example Org",
            "byline": ["A. Writer", "B. Writer"],
        },
        {
            "title": "Oil falls",
            "content": "Oil prices fell on Tuesday as China's lockdowns cut demand expectations.",
            "url": "https://news.example.com/oil",
            "published_at": "8 March 2022",
        },
    ]
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    drafts, problems = read(path)
    assert problems == []
    wheat, oil = drafts
    assert wheat.title == "Wheat prices jump"
    assert wheat.url == "https://www.example.org/wheat"
    assert wheat.published == "2022-03-07"
    assert wheat.source == "Example Org"
    assert wheat.author == "A. Writer, B. Writer"
    assert wheat.text.startswith("Wheat prices rose 5%")
    assert oil.title == "Oil falls"
    assert oil.source == "news.example.com"  # from the URL when no source field
    assert oil.published == "2022-03-08"


def test_json_object_with_articles_key(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"articles": [{"title": "A", "text": "Alpha beta gamma delta."}]}))
    (draft,) = read(path)[0]
    assert draft.title == "A"


def test_jsonl_bad_lines_and_records_are_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(
        json.dumps({"title": "Good one", "text": "The first good article has a sentence."})
        + "\n"
        + "{not json at all\n"
        + json.dumps({"title": "No body"})
        + "\n\n"
        + json.dumps({"title": "Good two", "maintext": "The second good article has one too."})
        + "\n",
        encoding="utf-8",
    )
    drafts, problems = read(path)
    assert [d.title for d in drafts] == ["Good one", "Good two"]
    assert any("line 2" in p and "JSON" in p for p in problems)
    assert any("text" in p for p in problems)


def test_dump_without_any_usable_record_is_refused(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"title": "no text"}, 42]))
    with pytest.raises(InputError, match="no usable articles"):
        read(path)


def test_broken_json_is_refused_with_its_position(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text('[{"title": "x", "text": "y"}')
    with pytest.raises(InputError, match="not valid JSON"):
        read(path)


def test_dump_with_a_bad_record_is_ingested_and_the_problem_reported(assistant, tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(
        json.dumps(
            [
                {"title": "Good", "text": "Lavrov met Wang Yi in eastern China on Wednesday."},
                {"title": "Bad", "body": ""},
                {"title": "Also good", "text": "The summit on Afghanistan lasts two days."},
            ]
        )
    )
    report = assistant.ingest(path)
    (result,) = report.results
    assert result.status is IngestStatus.ADDED
    assert len(result.articles) == 2
    assert result.reason and "record 2" in result.reason
    assert sorted(a.title for a in assistant.articles()) == ["Also good", "Good"]


# --- encodings and refusals ----------------------------------------------------------------

WESTERN = "Le café de la société générale – a “naïve” résumé of the crème brûlée affair, said Müller. "


def test_utf16_with_bom_is_decoded():
    text = "Zürich — the “Swiss” capital of finance. Über alles.\n" * 3
    assert decode(text.encode("utf-16")) == text
    assert decode(text.encode("utf-16-be").join([b"\xfe\xff", b""])) == text


def test_utf8_bom_is_dropped():
    assert decode("\ufeffHello world.".encode()) == "Hello world."


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_encodings_are_decoded_correctly(encoding):
    text = WESTERN * 4 if encoding == "cp1252" else "Zürich, Genève and São Paulo; Ærø is Danish. " * 4
    assert decode(text.encode(encoding)) == text


def test_cp1252_file_is_ingested_with_correct_accents(assistant, tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes(("Café news\n\n" + WESTERN * 3).encode("cp1252"))
    report = assistant.ingest(path)
    assert report.results[0].status is IngestStatus.ADDED
    (article,) = assistant.articles()
    assert "naïve" in article.text and "crème brûlée" in article.text and "“" in article.text


def test_windows_line_endings_become_newlines():
    assert decode(b"One line.\r\nTwo lines.\rThree.") == "One line.\nTwo lines.\nThree."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\x00\x01\x02\x03garbage\x00\xff" * 50, "binary"),
        (b"", "empty"),
        (b"  \n\t\n ", "empty"),
        (b"\x07\x08\x01\n", "empty"),
    ],
    ids=["pdf", "png", "nul-bytes", "empty", "whitespace", "control-only"],
)
def test_unreadable_inputs_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("A long sentence about the news. " * 200)
    with pytest.raises(InputError, match="too large"):
        read_file(path, max_bytes=1000)


def test_unsupported_file_type_is_refused(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 whatever")
    with pytest.raises(InputError, match="unsupported file type"):
        read_file(path, 50 * MB)
