"""Adapters from public QA datasets to our question format and article records.

Each adapter returns ``(articles, questions)``: article records for
``Assistant.ingest`` (dicts with title and text) and ``Question`` items whose
gold evidence is quoted verbatim from those articles. The data stays where it
is (``../shared/data`` by default); nothing is copied into the repository.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.types import Evidence, Question

Records = list[dict[str, Any]]
DEFAULT_DATA_DIR = Path("../shared/data")


def _require(path: Path) -> Path:
    if not path.exists():
        raise AssistantError(f"dataset file not found: {path} (pass --data-dir to point at the data)")
    return path


def hotpotqa(data_dir: Path = DEFAULT_DATA_DIR, limit: int | None = None) -> tuple[Records, list[Question]]:
    """HotpotQA train-100 (HippoRAG subset): 994 paragraphs, titles as titles."""
    folder = data_dir / "hotpotqa_distractor_subset"
    corpus = json.loads(_require(folder / "hipporag_hotpotqa_train_100_corpus.json").read_text())
    items = json.loads(_require(folder / "hipporag_hotpotqa_train_100.json").read_text())
    articles = [{"title": title, "text": "".join(sentences)} for title, sentences in corpus.items()]
    questions = []
    for item in items[:limit]:
        evidence = tuple(
            Evidence(corpus[title][index].strip(), title)
            for title, index in item["supporting_facts"]
            if title in corpus and index < len(corpus[title])
        )
        questions.append(
            Question(
                id=item["_id"],
                question=item["question"],
                answers=((item["answer"],),),
                evidence=evidence,
                kind=item.get("type", "factoid"),
            )
        )
    return articles, questions


def squad(
    data_dir: Path = DEFAULT_DATA_DIR,
    limit: int | None = 200,
    version: str = "2.0",
    seed: int = 13,
    articles_limit: int = 5,
) -> tuple[Records, list[Question]]:
    """SQuAD (2.0 by default): whole Wikipedia articles, a random sample of questions.

    The gold evidence of an answerable question is the sentence holding its
    first answer; unanswerable ones have none.
    """
    import blingfire

    name = "squad_v2.0_dev/dev-v2.0.reconstructed.json" if version.startswith("2") else None
    path = data_dir / (name or "squad_v1.1_dev/dev-v1.1.json")
    if name is None:
        candidates = sorted((data_dir / "squad_v1.1_dev").glob("*.json"))
        path = candidates[0] if candidates else path
    data = json.loads(_require(path).read_text())["data"][:articles_limit]
    articles, questions = [], []
    for entry in data:
        paragraphs = [p["context"] for p in entry["paragraphs"]]
        articles.append({"title": entry["title"].replace("_", " "), "text": "\n\n".join(paragraphs)})
        for paragraph in entry["paragraphs"]:
            context = paragraph["context"]
            _, offsets = blingfire.text_to_sentences_and_offsets(context)
            for qa in paragraph["qas"]:
                questions.append(_squad_question(qa, context, offsets, entry["title"]))
    random.Random(seed).shuffle(questions)
    return articles, questions[:limit]


def _squad_question(qa: dict[str, Any], context: str, offsets: list[tuple[int, int]], title: str) -> Question:
    impossible = bool(qa.get("is_impossible")) or not qa.get("answers")
    if impossible:
        return Question(qa["id"], qa["question"], answerable=False, kind="unanswerable")
    first = qa["answers"][0]
    start = int(first.get("answer_start", context.find(first["text"])))
    sentence = next((context[a:b] for a, b in offsets if a <= start < b), first["text"])
    forms = tuple(dict.fromkeys(a["text"] for a in qa["answers"]))
    return Question(
        qa["id"],
        qa["question"],
        answers=(forms,),
        evidence=(Evidence(sentence.strip(), title.replace("_", " ")),),
        kind="factoid",
    )


def multirc(
    data_dir: Path = DEFAULT_DATA_DIR, limit: int | None = 100, seed: int = 13
) -> tuple[Records, list[Question]]:
    """MultiRC (ERASER's copy of the MultiRC dev set), news documents only: CNN, NYT, WSJ.

    Each question has several candidate answers judged right or wrong and
    human-marked evidence sentences. The documents are one tokenized sentence
    per line ("could n't"), ingested as written so that the evidence quotes
    them verbatim. Questions with no right option are left out.
    """
    folder = data_dir / "multirc_eraser"
    options: dict[str, dict[str, Any]] = {}
    for line in _require(folder / "test.jsonl").read_text().splitlines():
        item = json.loads(line)
        doc, number, _ = item["annotation_id"].rsplit(":", 2)
        if not doc.startswith("News"):
            continue
        question, option = item["query"].split(" || ", 1)
        evidence = [e["text"] for group in item["evidences"] for e in group]  # the same for each of its options
        entry = options.setdefault(
            f"{doc}:{number}", {"doc": doc, "question": question, "evidence": evidence, "right": [], "wrong": []}
        )
        entry["right" if item["classification"] == "True" else "wrong"].append(option)
    docs = sorted({entry["doc"] for entry in options.values()})
    articles = [{"title": _multirc_title(doc), "text": _multirc_text(folder / "docs" / doc)} for doc in docs]
    questions = [
        Question(
            id=key,
            question=entry["question"],
            answers=(tuple(entry["right"]),),
            evidence=tuple(Evidence(text, _multirc_title(entry["doc"])) for text in entry["evidence"]),
            kind="multirc",
            wrong_options=tuple(entry["wrong"]),
        )
        for key, entry in options.items()
        if entry["right"]
    ]
    random.Random(seed).shuffle(questions)
    return articles, questions[:limit]


def _multirc_title(doc: str) -> str:
    return doc.removesuffix(".txt").replace("_", " ")


def _multirc_text(path: Path) -> str:
    return " ".join(line.strip() for line in _require(path).read_text().splitlines() if line.strip())


DATASETS = {"hotpotqa": hotpotqa, "squad": squad, "multirc": multirc}
