"""Retrieval behaviour a user notices: filters, the bridge round, a Chroma server."""

from __future__ import annotations

import pytest
from support import SEED_ARTICLE, assert_exact_offsets, free_port

pytestmark = pytest.mark.both_stores  # every test also runs on a real Chroma server (conftest)

STORIES = [
    {
        "title": "Harbour strike ends",
        "text": "Dock workers in Portvale ended their strike on Monday after a pay deal. "
        "The union said the deal raises wages by six percent.",
        "source": "portvale-times",
        "published": "2024-03-04",
    },
    {
        "title": "Harbour strike spreads",
        "text": "Dock workers in Eastmouth joined the harbour strike on Friday. "
        "The union said the strike would last a week.",
        "source": "eastmouth-post",
        "published": "2024-02-23",
    },
    {
        "title": "Election in Lowland",
        "text": "Voters in Lowland elected a new mayor. Turnout was forty percent.",
        "source": "portvale-times",
        "published": "2024-05-01",
    },
]


def test_filters_by_source_and_date(assistant):
    assistant.ingest(STORIES)
    by_source = assistant.search("dock workers strike union", k=5, sources=["eastmouth-post"])
    assert by_source and {h.source for h in by_source} == {"eastmouth-post"}
    in_march = assistant.search("dock workers strike union", k=5, date_from="2024-03-01", date_to="2024-03-31")
    assert in_march and {h.title for h in in_march} == {"Harbour strike ends"}
    nothing = assistant.search("dock workers strike union", k=5, date_from="2030-01-01")
    assert nothing == []


def test_hits_carry_metadata_context_and_exact_offsets(assistant):
    assistant.ingest(STORIES)
    (hit, *_) = assistant.search("How much do wages rise under the Portvale pay deal?", k=3)
    article = assistant.article(hit.article_id)
    assert article.text[hit.start : hit.end] == hit.text
    assert hit.published == "2024-03-04" and hit.source == "portvale-times"
    assert hit.context_before or hit.context_after
    assert_exact_offsets(article)


def test_bridge_round_finds_the_article_a_top_article_names(assistant):
    """The question names only the film; the answer is in the actor's article."""
    films = [
        {
            "title": "The Long Harbour",
            "text": "The Long Harbour is a 1961 drama film. It stars Mara Quell as a lighthouse keeper.",
        },
        {
            "title": "Mara Quell",
            "text": "Mara Quell was a stage performer. Later in life she served as mayor of Brindle.",
        },
        *[
            {"title": f"Filler {i}", "text": f"Filler story number {i} is about gardening and bread. It rained."}
            for i in range(12)
        ],
    ]
    assistant.ingest(films)
    hits = assistant.search("Which office did the star of The Long Harbour hold later in life?", k=4)
    assert "Mara Quell" in {h.title for h in hits}


@pytest.mark.local_store_only  # it names the server itself
def test_same_code_path_on_a_chroma_server(make_assistant, chroma_server, tmp_path):
    on_server = {"chroma_url": chroma_server, "collection": "two-workers"}
    server = make_assistant(**on_server, index_dir=tmp_path / "cache-only")
    (result,) = server.ingest(SEED_ARTICLE).results
    assert result.status.value == "added"
    hits = server.search("Tom West special envoy Afghanistan summit State Department", k=3)
    assert any("Tom West" in h.text for h in hits)
    # A second client (another worker) sees the same index, articles and all.
    other = make_assistant(**on_server, index_dir=tmp_path / "other-cache")
    assert [a.id for a in other.articles()] == [hits[0].article_id]
    assert other.ingest(SEED_ARTICLE).results[0].status.value == "unchanged"
    other.remove(hits[0].article_id)
    assert server.articles() == []
    assert server.search("Tom West", k=3) == []


def test_unreachable_chroma_server_is_a_clear_error(make_assistant):
    from assistant.errors import StoreUnavailableError

    with pytest.raises(StoreUnavailableError, match="chroma run"):
        make_assistant(chroma_url=f"http://127.0.0.1:{free_port()}").articles()
