"""From a question to a cited answer: retrieve, number, generate, verify, attach.

The model sees the evidence as numbered sentences, grouped by article in
reading order; the code, not the model, owns what each number means. Every
line the model writes is checked against the sentences it cites
(``verify``): a number that names no evidence is dropped; a line its
evidence does not support is re-attributed to the evidence sentence that
does, or removed. A line without support never reaches the user, and when no
line survives (or the model says the evidence does not answer) the answer
abstains: "The articles don't say …".

Before the model is asked, sentences that give the assistant orders are
dropped (``guard``), articles that carry them are the last source of evidence,
and a question whose names or numbers no evidence mentions abstains at once.
A question that asks two things is asked as two, the second as a follow-up.

Without a model (``extractive``) the answer is the best evidence sentence,
quoted, with the sentences next to it that the same story uses for the same
question.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from assistant.answer.attribution import (
    MAX_SOURCE_WORDS,
    asks_for_source,
    asks_how_said,
    asks_source_of_the_last_answer,
    reports_speech,
    said_by,
    said_by_pronoun,
    said_in_passing,
    said_where,
    sourced_to,
    sources,
    speaker_asked,
)
from assistant.answer.compare import stated_figures
from assistant.answer.compare import verdict as compared
from assistant.answer.complete import (
    LIST_ITEM,
    REREAD_MIN_COVERAGE,
    as_told_not_to,
    as_worded,
    because_told,
    coordinated_items,
    counted,
    done_by,
    done_to_it,
    head,
    in_the_peoples_words,
    lasting,
    main_clause_stems,
    narrowest_place,
    parallel,
    placed_as_asked,
    said_so,
    source_of_the_said,
    source_told,
    sourced,
    taking_part,
    whole_predicate,
    writes_a_length,
)
from assistant.answer.converse import as_asked
from assistant.answer.extract import (
    DENIAL_MIN_LEXICAL,
    WHY,
    YES_OR_NO,
    Extractor,
    Finding,
    adds_to,
    by_similarity,
    is_list_question,
    is_yes_no,
    looping,
    merge,
    reading_order,
    restatements,
)
from assistant.answer.guard import is_instruction
from assistant.answer.headings import asks_of_headings, heading_answer, heading_asked
from assistant.answer.inventory import (
    ROLE,
    asked_kind,
    asked_nationality,
    asked_official,
    asked_people,
    asked_possessor,
    called_otherwise,
    candidates,
    counterpart,
    described_as,
    no_one_of,
    no_person,
    qualified,
    set_aside,
    sides_asked,
)
from assistant.answer.kinds import (
    answers_the_kind,
    as_high_as_told,
    asks_for_a_time,
    asks_how_long_apart,
    length_for_height,
    length_of_another,
    measured_words,
    offset_for_length,
    placed_in_time,
    writes_the_span,
)
from assistant.answer.phrases import (
    EXCLUDING,
    MAX_ITEM_WORDS,
    another_kind_of_place,
    attendees,
    coordinated,
    only_the_given_place,
    participants,
    the_place_before,
)
from assistant.answer.publisher import asks_of_credits, credit_answer
from assistant.answer.tense import no_beginning, only_before, untold_event
from assistant.answer.verify import (
    MIN_LEXICAL,
    STOPWORDS,
    Spelling,
    Verifier,
    a_country,
    among_the_asked,
    asked_count,
    bare_name,
    content_stems,
    coverage,
    denies,
    forbids,
    is_name_or_number,
    items_asked,
    name_key,
    names_country,
    negative,
    placed_elsewhere,
    spelled_out,
    stems,
    substituted_names,
    swapped_modifiers,
    swapped_names,
    unmentioned,
    unnamed_role,
    unwritten,
    withheld,
    words,
    writes_count,
)
from assistant.answer.when import MAY_ANSWER_P, Embed, apart_as_told, at_the_right_time, timed, told_as_when
from assistant.answer.wording import (
    ended,
    in_its_words,
    quoted,
    sentence_case,
    shortened,
    with_verdict,
    without_quotes,
)
from assistant.errors import QuestionError
from assistant.ingest.segment import is_name
from assistant.llm import LLM, Judge, Message
from assistant.prompts import render
from assistant.retrieve.hybrid import standalone_query
from assistant.types import Answer, Article, ArticleId, Citation, Hit

NOT_FOUND = "NOT FOUND"
_MARKER = re.compile(r"\[(\d+)\]")
_LINE_PREFIX = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_BECAUSE = re.compile(r"^\W*because\b", re.I)
# The word a preposition governs: "at the *end* of this *stage*".
_PLACED_WORD = re.compile(
    r"\b(?:of|at|in|on|for|with|about|from|to|by|during|after|before)\s+"
    r"(?:(?:the|this|that|these|those|a|an|his|her|its|their)\s+)?([a-z]+)",
    re.I,
)
# "What did they agree?": the answer is the verb's whole object, not one thing of a kind.
_OPEN_WHAT = re.compile(
    r"(?:^\W*|,\s*)what\s+(?:did|do|does|have|has|had|will|would|(?:was|were|is|are)\s+\w+(?:ed|en)\b)", re.I
)  # "what did they agree?", "what was agreed …?": a statement may go on in the next sentence
_META = re.compile(
    r"(?:,?\s*\b(?:according to|per)|,\s*(?:in|from)) (?:the|this) (?:news )?(?:article|story|piece|text)s?\b(?=\W*$)",
    re.I,
)  # "…, according to the article?"; "quoted in the article?" keeps its words
_PLACE = re.compile(r"\b(?:in|at|to)\s+([A-Z][\w’'-]*)")  # "while he was in Kabul", "Putin's visit to Beijing"
_AFTER_MARKERS = re.compile(r"(?<=\])\s+(?!\[)")  # "… two days. [1] It cost …": a new claim starts
EXTRACTIVE_MIN_COSINE = 0.35
REASK_MIN_COSINE = 0.5  # the evidence is this close to the question: a refusal is suspect
# The most words an answer to a question that asks one thing may take, in many lines.
MAX_ANSWER_WORDS = 40
# The share of a yes/no question's words a line without a verdict must say to be its "yes".
RESTATED_SHARE = 0.8
# The odds of "yes" for one sentence below which no sentence gives the answer. Chosen on
# SQuAD 2.0 dev questions 40-120 of our sample (not the 40 we report): the highest
# value that abstained on no answerable question there (12% of unanswerable ones).
ANSWERED_MIN_P = 0.6
AFFIRMED_MIN_P = 0.6  # made to choose yes or no, the model's odds of "yes" that make a verified line a "Yes"
LISTED_MIN_P = 0.8  # a name the model judges one of the kind a "which … are named in the article?" asks
# Given no way out, a model may point at a sentence without an answer: quote it only
# when it holds this much of what the question asks about.
BARE_QUOTE_COVERAGE = 0.5
MAX_QUESTION_CHARS = 1000  # longer than any question; a pasted article is not one
MAX_CACHED_VERDICTS = 100_000  # articles whose "gives orders" verdict is remembered
UNTRUSTED_ROUNDS = 8  # searches that set aside newly found articles with orders, at most
# A cited sentence's story: the sentences before it that say who "he" or "the minister" is, and the next.
STORY_BEFORE, STORY_AFTER = 3, 1
FOCUS_MARGIN = 0.12  # cosine: an article whose best sentence is this much worse is off-topic


@dataclass(frozen=True)
class Delta:
    """A piece of streamed answer text."""

    text: str


StreamEvent = Delta | Answer
AnswerMode = Literal["extract", "compose"]
Search = Callable[[str, int, frozenset[ArticleId]], list[Hit]]  # question, k, articles to leave out
Line = tuple[str, list[int]]  # a claim and the (1-based) evidence numbers it cites
ArticleOf = Callable[[ArticleId], Article | None]


def checked_question(question: str) -> str:
    """The question as asked, without invisible characters; an error if nothing (or a novel) is left."""
    visible = "".join(_visible(c) for c in question).strip()
    if not visible:
        raise QuestionError("The question is empty: type a question about the articles.")
    if len(visible) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"The question is {len(visible):,} characters long; ask in at most {MAX_QUESTION_CHARS:,} "
            "(to add an article, ingest it instead)."
        )
    return visible


def _visible(char: str) -> str:
    """Zero-width and format characters go; control characters (tabs, newlines) become spaces."""
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    return " " if category == "Cc" else char


_SECOND_QUESTION = re.compile(
    r",?\s+and\s+(?=(?:(?:in|on|at|from|to|for|with|by|since|until|after|before|during|about)\s+)?"
    r"(?:who|whom|whose|what|where|when|which|why|how)\b)",
    re.I,
)  # "…, and in which city …?"
MIN_PART_WORDS = 3
_BARE_WH = re.compile(r"(?:where|when|why|how|who|to whom|by whom)\W*", re.I)


def question_parts(question: str) -> list[str]:
    """A question that asks two things ("Who met, and where?"), as two questions; else itself.

    The second part may refer back to the first ("where was he speaking?"):
    it is asked as a follow-up, so the rewrite resolves it.
    """
    match = _SECOND_QUESTION.search(question)
    if match is None:
        return [question]
    first, second = question[: match.start()].strip(" ,;"), question[match.end() :].strip()
    short = len(second.split()) < MIN_PART_WORDS and not _BARE_WH.fullmatch(second)  # "…, and where?" is a follow-up
    if len(first.split()) < MIN_PART_WORDS or short:
        return [question]
    return [first if first.endswith("?") else f"{first}?", second[0].upper() + second[1:]]


def joined(question: str, answers: Sequence[Answer]) -> Answer:
    """The answers to a question's parts as one answer, markers renumbered across them.

    A part the articles don't answer says so; only when no part is answered
    does the whole abstain.
    """
    timings = {key: sum(a.timings_ms.get(key, 0) for a in answers) for key in answers[0].timings_ms}
    whole = Answer(
        question=question,
        answer=abstention(question),
        abstained=True,
        retrieved=_union(answers),
        llm=answers[0].llm,
        timings_ms=timings,
    )
    if all(a.abstained for a in answers):
        return whole
    numbers: dict[tuple[ArticleId, int], int] = {}
    citations: list[Citation] = []
    texts: list[str] = []
    for answer in answers:
        mapping: dict[int, int] = {}
        for citation in answer.citations:
            key = (citation.article_id, citation.sentence_index)
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                citations.append(replace(citation, marker=numbers[key]))
            mapping[citation.marker] = numbers[key]
        texts.append(_renumbered(answer.answer, mapping))
    return replace(whole, answer=" ".join(texts), abstained=False, citations=tuple(citations))


def _renumbered(text: str, mapping: dict[int, int]) -> str:
    return _MARKER.sub(lambda m: f"[{mapping[int(m.group(1))]}]", text)


def _union(answers: Sequence[Answer]) -> tuple[Hit, ...]:
    hits = {h.sentence_id: h for a in answers for h in a.retrieved}
    return tuple(hits.values())


def abstention(question: str, unmentioned: Sequence[str] = ()) -> str:
    if unmentioned:
        names = ", ".join(f"“{name}”" for name in unmentioned)
        return f"The articles don't say. None of the sentences found for “{question.strip()}” mentions {names}."
    return f"The articles don't say. No sentence in them answers “{question.strip()}”."


class Odds:
    """P("yes") that each evidence sentence alone gives the answer, asked of the model once, when first needed."""

    def __init__(self, judge: Judge, question: str, evidence: list[Hit]) -> None:
        self._judge = judge
        self._question = question.strip()
        self._evidence = evidence
        self._known: dict[int, float] = {}

    def __call__(self, n: int) -> float:
        """The odds for evidence sentence ``n`` (1-based)."""
        if n not in self._known:
            sentence = as_asked(self._question, self._evidence[n - 1].text)
            prompt = render("judge", question=self._question, sentence=sentence)
            self._known[n] = self._judge.yes_probability([Message("user", prompt)])
        return self._known[n]


class Answerer:
    def __init__(
        self,
        search: Search,
        embed: Embed,
        llm: LLM | None,
        *,
        k: int = 8,
        mode: AnswerMode = "compose",
        article: ArticleOf | None = None,
        min_odds: float = ANSWERED_MIN_P,
    ) -> None:
        self.mode = mode
        self.min_odds = min_odds
        self._search = search
        self._embed = embed
        self._llm = llm
        self._verifier = Verifier(embed)
        self._extractor = Extractor(llm, self._verifier) if llm is not None else None
        self._article = article
        self._tainted: dict[ArticleId, bool] = {}  # ids come from content: an article's verdict never changes
        self.k = k

    @property
    def llm_name(self) -> str:
        return self._llm.name if self._llm else "extractive"

    def ask(self, question: str, history: Sequence[dict[str, str]] | None = None) -> Answer:
        final: Answer | None = None
        for event in self.stream(question, history):
            if isinstance(event, Answer):
                final = event
        assert final is not None
        return final

    def stream(self, question: str, history: Sequence[dict[str, str]] | None = None) -> Iterator[StreamEvent]:
        """Text as it is written, then the verified ``Answer``.

        Two questions in one ("Who met in Anui, and what summit is held
        there?") are asked one after the other, the second as a follow-up of
        the first: a small model given both answers the first and forgets
        the second.
        """
        question = checked_question(question)
        parts = question_parts(question)
        if len(parts) == 1:
            yield from self._stream_one(question, list(history or []))
            return
        turns = list(history or [])
        answers: list[Answer] = []
        for part in parts:
            for event in self._stream_one(part, turns):
                if isinstance(event, Answer):
                    answers.append(event)
                else:
                    yield event
            turns = [*turns, {"role": "user", "content": part}, {"role": "assistant", "content": answers[-1].answer}]
        whole = joined(question, answers)
        # Each part ranked articles that give orders last; so does the whole.
        yield replace(whole, retrieved=tuple(sorted(whole.retrieved, key=lambda h: self._untrusted(h.article_id))))

    def _stream_one(self, typed: str, history: list[dict[str, str]]) -> Iterator[StreamEvent]:
        started = time.perf_counter()
        asked, query = self._standalone(typed, history)
        hits, usable, articles, spelling = self._searched(query)
        if history and spelling.names_dropped(typed, asked):
            # "and when was the chinese one last in kabul?", rewritten "When did Lavrov hold talks with Wang Yi
            # in eastern China?": a rewrite that drops a name the user typed asks something else.
            asked, query = _plain(typed), standalone_query(typed, history)
            hits, usable, articles, spelling = self._searched(query)
        if (meant := spelling.respelled(query)) != query:  # "the afganistan summit": search for what was meant
            query = meant
            hits, usable, articles, spelling = self._searched(query)
        retrieved_at = time.perf_counter()
        if asks_of_credits(asked) and (credited := _credited(asked, self._articles(hits[:1]))):
            # "Which news site published this?": the page's own furniture says, and search never returns it.
            yield Delta(credited[1][0][0])
            yield from self._finish(typed, hits, *credited, started, retrieved_at)
            return
        if asks_of_headings(asked) and (headed := self._headed(asked, self._articles(hits[:1]))):
            # "What's the subheading over the paragraph about …?": a heading is no body sentence, so search never
            # returns one; the article's headings are read instead.
            yield Delta(headed[1][0][0])
            yield from self._finish(typed, hits, *headed, started, retrieved_at)
            return
        if not usable:
            yield from self._finish(typed, hits, [], None, started, retrieved_at)
            return
        # "who did lavrov meet?": the checks below go by names, and names are capitalised and spelt right.
        question, asked, query = (
            spelling.truecased(spelling.respelled(spelled_out(text))) for text in (typed, asked, query)
        )
        missing = self._unmentioned(question, [text for hit in usable for text in _seen(hit)], usable, articles)
        if missing:
            # A question about a name or number the evidence never mentions is about
            # something else: what a near-miss sentence says would be a wrong answer.
            yield from self._finish(typed, hits, [], None, started, retrieved_at, missing)
            return
        sized = measured_words(question)
        if sized and articles and not stems(sized) & stems(words(" ".join(map(_full_text, articles.values())))):
            # "How big is China's delegation?" of stories that never mention one: a border's length is no answer.
            why = f"They never mention the {' '.join(sized)}."
            yield from self._finish(typed, hits, [], None, started, retrieved_at, why=why)
            return
        if self._unstated(question, usable, articles):
            yield from self._finish(typed, hits, [], None, started, retrieved_at)
            return
        told = _told(articles)
        if event := untold_event(asked, told or [hit.text for hit in usable]):
            # "What came out of the summit?" of a summit the story says will be held: nothing yet.
            why = f"They tell of the {event} only as still to come."
            yield from self._finish(typed, hits, [], None, started, retrieved_at, why=why)
            return
        if thing := _withheld(asked, usable):
            # "What specific measures …?" of "… without specifying specific measures": none given.
            why = f"They say no {thing} {'were' if thing.endswith('s') else 'was'} given."
            yield from self._finish(typed, hits, [], None, started, retrieved_at, why=why)
            return
        kind, best = asked_kind(asked), articles.get(usable[0].article_id)
        if kind and best is not None and isinstance(self._llm, Judge):
            evidence, lines = yield from self._listed(kind, best)
            yield from self._finish(typed, hits, evidence, lines, started, retrieved_at)
            return
        if asks_how_said(asked) and _HOW_OR_WHERE.match(asked):  # "when did he say that?" is told where he says it
            usable = [*usable, *_how_said_next(usable, articles)]
        similarity = self._similarity(query, usable)
        evidence = _reading_order(_focus(usable, similarity))
        if asks_source_of_the_last_answer(asked) and (sourced_said := source_of_the_said(_said(history), evidence)):
            # "says who?": the source of the sentence that holds what was just said, read off, not asked for.
            yield Delta(sourced_said[0][0])
            yield from self._finish(typed, hits, evidence, sourced_said, started, retrieved_at)
            return
        measured = _measured(asked, evidence, similarity) if is_yes_no(asked) else None
        if measured and (lines := self._naming_the_question(question, [measured], evidence, asked)):
            # "Longer than 100 km?" against "a 76-kilometer-long border": arithmetic, not the model, decides.
            # Not "is the two-day summit in Anui dedicated to Ukraine?": its sentence never names Ukraine.
            yield Delta(measured[0])
            yield from self._finish(typed, hits, evidence, lines, started, retrieved_at)
            return
        odds = self._odds(asked, evidence)
        if self._unanswered(odds, evidence, similarity):
            # "… since the rise of fundamentalist Islamists last August" is judged no answer
            # to "when did the Islamists come to power?": a time said in passing is read off.
            # And a yes/no question that a sentence denies in its own words is answered "No"
            # ("at a low altitude?" against "at a very high altitude"): judged, such a
            # sentence does not "give the answer". Nor, to the judge, does a passive sentence
            # that names the doer asked for.
            found = (
                self._denial(asked, evidence, similarity)
                or self._restated_verdict(asked, evidence)
                or self._timed(question, asked, evidence, similarity, odds)
                or done_by(asked, [], evidence)
            )
            lines = self._naming_the_question(question, found, evidence, asked)
            yield from self._finish(typed, hits, evidence, lines, started, retrieved_at)
            return
        if self._llm is None:
            lines = _extractive(evidence, similarity)
        elif self.mode == "extract":
            lines = yield from self._extracted(asked, evidence, similarity, f"{question} {query}")
        else:
            lines = yield from self._composed(question, asked, query, history, evidence, similarity, odds)
        lines = _concise(asked, self._naming_the_question(question, lines, evidence, asked), evidence, similarity)
        lines = _as_many_as_asked(asked, lines, evidence)
        yield from self._finish(typed, hits, evidence, lines, started, retrieved_at)

    def _listed(self, kind: str, article: Article) -> Generator[StreamEvent, None, tuple[list[Hit], list[Line]]]:
        """Each name the article writes that the model judges one of ``kind``, cited to the sentence that names it.

        "The article" is the one the best evidence comes from.
        """
        assert isinstance(self._llm, Judge)
        evidence: list[Hit] = []
        lines: list[Line] = []
        told = [sentence.text for sentence in article.sentences]
        for name, index in candidates(article):
            sentence = article.sentence(index).text
            if not qualified(kind, name, sentence) or no_person(kind, name, told):
                continue
            prompt = render("inventory", sentence=sentence, name=name, kind=kind)
            if self._llm.yes_probability([Message("user", prompt)]) >= LISTED_MIN_P:
                evidence.append(_hit_of(article, index))
                lines.append((f"{name}.", [len(evidence)]))
                yield Delta(f"\n{name}.")
        return evidence, lines

    def _naming_the_question(
        self, question: str, lines: list[tuple[str, list[int]]] | None, evidence: list[Hit], asked: str = ""
    ) -> list[tuple[str, list[int]]] | None:
        """The answer, if the sentences it cites, read in their story, mention every name and number the question does.

        The verifier takes the question's names as given: "Sergei Lavrov is
        representing Pakistan at the talks" passes on a sentence about Lavrov's
        talks that never names Pakistan. Evidence that does not mention what the
        question is about answers another question. Only the user's own words
        count, and of the names a follow-up's rewrite (``asked``) takes from
        the conversation, the places the articles write: the other names are
        often the rewrite's guesses or the user's paraphrases ("who did he meet
        while he was there?" asks about Kabul; a meeting in Anui is no answer).
        Each line is read where
        it rests, at its first citation: the others restate it. A line whose
        sentence says of another name what the question asks of one ("border
        with Afghanistan" for "border with Russia?") is dropped first, and so is
        one that answers "what is *not* used …?" from a sentence that denies
        nothing (it says what *is* used), one that names the holder of a role
        its sentences give no one ("a State Department spokesman"), and one
        that names for "which Pakistani official …?" someone no sentence calls
        Pakistani, and one that answers "which city …?" with a place its
        sentence calls a province. So is a list that counts the question's own name among its
        items (``_lists_the_asked``), a "how long did X last?" answered with
        a time its sentence counts from another event, a "how high …?"
        answered with a figure its sentence gives as a length, and a line
        whose sentence lacks the span of time the question places its event
        at ("… a week before the meetings?").
        """
        lines = _resting_on_the_named(question, lines or [], evidence)
        # A "No" that rests on another name in the asked one's place ("reporters in Beijing" for "… in Moscow?") is
        # the swap read right.
        lines = [(claim, n) for claim, n in lines if not _swapped(question, n, evidence) or _no_to(question, claim)]
        lines = [(claim, markers) for claim, markers in lines if not _lists_the_asked(claim, question)]
        lines = _others_than_the_asked(question, lines, evidence)
        lines = _representing_the_asked(question, lines, evidence)
        lines = _not_the_peers_of_the_asked(question, lines, evidence)
        lines = _things_not_names(question, lines)
        lines = _naming_some_of_the_asked(question, lines)
        lines = _measured_as_asked(question, lines, evidence)
        lines = _at_the_time_asked(question, lines, evidence)
        lines = [(claim, markers) for claim, markers in lines if not _unnamed(question, markers, evidence)]
        lines = [(claim, n) for claim, n in lines if not (n and _other_place(question, claim, evidence[n[0] - 1]))]
        if denies(question) and not is_yes_no(question):
            # "why do they not want Beijing to back him?" may rest on "warned Beijing not to support him".
            lines = [(claim, n) for claim, n in lines if not n or _not_so(evidence[n[0] - 1].text)]
        cited = [evidence[n - 1] for n in sorted({markers[0] for _, markers in lines if markers})]
        articles = self._articles(cited)
        texts = _told(articles)
        if nationality := asked_nationality(question):
            lines = [(claim, markers) for claim, markers in lines if described_as(nationality, claim, question, texts)]
        else:
            lines = _of_the_country_asked(question, lines, evidence, texts)
        lines = _labelled_elsewhere(question, lines, evidence, articles, texts)
        story = [text for hit in cited for text in _story(hit, articles.get(hit.article_id))]
        missing = self._unmentioned(question, story, cited, articles) if cited else []
        if missing and not _denied_elsewhere(question, lines, evidence, missing):
            return None
        if _short_of_the_count(question, lines, story):
            return None
        return None if cited and _borrowed(question, asked, story, articles) else lines

    def _unmentioned(
        self, question: str, texts: list[str], hits: list[Hit], articles: dict[ArticleId, Article] | None = None
    ) -> list[str]:
        """The question's names and numbers that ``texts`` never mention (a possessive's: the hits' articles).

        A figure a yes/no question states to be measured ("90 km long, right?") need not be mentioned,
        nor a name it puts where a sentence has another ("dedicated to Syria?" of "dedicated to
        Afghanistan"): the sentence says no.
        """
        missing = unmentioned(question, texts)
        if is_yes_no(question) and missing:
            replaced = {key for text in texts for key in substituted_names(question, text)}
            measured = stated_figures(question)
            missing = [
                name for name in missing if name not in measured and not {w.lower() for w in words(name)} <= replaced
            ]
        if not missing:
            return missing
        whole = articles if articles is not None else self._articles(hits)
        return unmentioned(question, texts, [_full_text(article) for article in whole.values()])

    def _unstated(self, question: str, hits: list[Hit], articles: dict[ArticleId, Article]) -> bool:
        """Whether a "why" question asks about an event no sentence states: none names all its names together.

        "Why did Tom West travel to Kabul with Wang Yi?" takes the trip as
        given; the article names Tom West, Kabul and Wang Yi, never in one
        sentence. Asked to explain, a small model explains it anyway ("because
        the meetings came a week after Wang Yi's visit to Kabul").
        """
        if not WHY.match(question) or not unmentioned(question, []):
            return False
        texts = [_sentences(article.text) for article in articles.values()] or [[hit.text for hit in hits]]
        return all(unmentioned(question, _referred(sentences, i)) for sentences in texts for i in range(len(sentences)))

    def _headed(self, question: str, articles: dict[ArticleId, Article]) -> tuple[list[Hit], list[Line]] | None:
        """The heading a question asks about in the first of ``articles`` (the best match's), cited."""
        article = next(iter(articles.values()), None)
        heading = heading_asked(question, article, self._embed) if article is not None else None
        if article is None or heading is None:
            return None
        return [_hit_of(article, heading.index)], [(heading_answer(heading), [1])]

    def _articles(self, hits: list[Hit]) -> dict[ArticleId, Article]:
        """The stored articles of some hits, each fetched once."""
        if self._article is None:
            return {}
        found = {aid: self._article(aid) for aid in dict.fromkeys(hit.article_id for hit in hits)}
        return {aid: article for aid, article in found.items() if article is not None}

    def _searched(self, query: str) -> tuple[list[Hit], list[Hit], dict[ArticleId, Article], Spelling]:
        """The hits and the usable evidence for a query, their articles, and how those articles write their words."""
        hits, usable = self._evidence(query)
        articles = self._articles(usable)
        return hits, usable, articles, Spelling([_full_text(article) for article in articles.values()])

    def _evidence(self, query: str) -> tuple[list[Hit], list[Hit]]:
        """The hits searched, and the k usable as evidence: no orders, clean articles first.

        An order to the reader is no evidence, and an article that carries one
        is the last source to trust: its other sentences are what it says, cited
        only when the clean articles leave room. Such articles are set aside and
        the search runs again without them, so they do not change how the clean
        articles rank either (a story that is *the* story keeps its slots).
        """
        untrusted: list[Hit] = []
        left_out: frozenset[ArticleId] = frozenset()
        for round_ in range(UNTRUSTED_ROUNDS):
            hits = self._search(query, self.k if round_ else self.k * 2, left_out)  # the first looks deeper
            found = {h.article_id for h in hits if self._untrusted(h.article_id)}
            untrusted += [h for h in hits if h.article_id in found and not is_instruction(h.text)]
            if not found:
                break
            left_out |= found
        clean = [h for h in hits if h.article_id not in left_out]
        usable = (clean[: self.k] + untrusted)[: self.k]
        usable += _covering(query, usable, clean[self.k :])
        return clean[: self.k] + untrusted, usable

    def _odds(self, question: str, evidence: list[Hit]) -> Odds | None:
        """The model's yes/no judgement of each evidence sentence, or None when it cannot judge."""
        if not isinstance(self._llm, Judge) or self.min_odds <= 0:
            return None
        return Odds(self._llm, question, evidence)

    def _unanswered(self, odds: Odds | None, evidence: list[Hit], similarity: dict[str, float]) -> bool:
        """Whether the model, shown each evidence sentence alone, judges that none gives the answer.

        Asked to write an answer, a small model writes one from a near-miss
        sentence ("who leads the Taliban government?" from the head of its
        diplomacy); asked "does this sentence give the answer?", it is far more
        often right (ROC AUC 0.89 for gold against other retrieved sentences
        of SQuAD dev questions). Backends that cannot judge without writing
        are not asked.
        """
        if odds is None:
            return False
        ranked = by_similarity(evidence, similarity)
        return not any(odds(n) >= self.min_odds for n in ranked)  # the likeliest first: stop early

    @staticmethod
    def _unlikely(odds: Odds | None, evidence: list[Hit], similarity: dict[str, float], below: float) -> set[int]:
        """The sentences worth re-reading whose odds of answering the model judges ``below`` a bar: not read."""
        if odds is None:
            return set()
        return {n for n in reading_order(evidence, similarity) if odds(n) < below}

    def _untrusted(self, article_id: ArticleId) -> bool:
        """Whether an article gives the assistant orders anywhere in its title or text (cached: ids are content)."""
        if self._article is None:
            return False
        if article_id not in self._tainted:
            if len(self._tainted) >= MAX_CACHED_VERDICTS:  # a server runs for weeks: stay bounded
                self._tainted.clear()
            article = self._article(article_id)
            text = _full_text(article) if article else ""
            self._tainted[article_id] = any(is_instruction(line) for line in _sentences(text))
        return self._tainted[article_id]

    def _composed(
        self,
        question: str,
        asked: str,
        query: str,
        history: list[dict[str, str]],
        evidence: list[Hit],
        similarity: dict[str, float],
        odds: Odds | None,
    ) -> Generator[StreamEvent, None, list[tuple[str, list[int]]]]:
        """The model writes cited lines from all the evidence; refusals and short lists get a second look."""
        assert self._extractor is not None
        evidence_text = _numbered(evidence, question)
        values = {
            "evidence": evidence_text,
            "conversation": _conversation(history),
            "question": _exception_last(_plain(question)),
        }
        close = max(similarity.values()) >= REASK_MIN_COSINE
        if close:
            # Small models refuse questions their evidence answers: when the evidence is this
            # close, the model gets no way out. Verification still stands between a made-up
            # answer and the user.
            reply = yield from self._generated("answer_again", values)
            lines = self._verified_lines(reply, evidence, query, odds, BARE_QUOTE_COVERAGE, asked, question)
        else:
            reply = yield from self._generated("answer", values)
            lines = self._verified_lines(reply, evidence, query, odds, asked=asked, typed=question)
        # A reply about something the question does not name ("Wang Yi hosted Putin" from a
        # sentence about Wang Yi that never mentions Putin) is no answer: the readings below may find one.
        lines = _of_the_kind_typed(question, self._naming_the_question(question, lines, evidence, asked))
        lines = _not_the_exception_said_back(question, lines or [])
        said = _said(history)
        lines = _not_the_last_answer(lines, said)
        told = _told(self._articles(evidence))
        given = f"{question} {query}"
        if not lines and (close or _worded(evidence, question)):
            # A second opinion, one sentence at a time, where a made-up answer has nowhere to hide.
            unlikely = self._unlikely(odds, evidence, similarity, self.min_odds)
            first = favourite(asked, evidence, odds)
            lines = yield from self._extracted(asked, evidence, similarity, given, skip=unlikely, first=first)
            lines = _of_the_country_asked(question, _of_the_kind_typed(question, lines) or [], evidence, told)
            lines = lines or self._right_but_for_names(reply, evidence, query, asked, odds)
        elif lines and is_list_question(asked):
            # They also name one of many, even of the many one sentence names ("X and Y
            # met"): read the close sentences one by one, cited or not.
            unlikely = self._unlikely(odds, evidence, similarity, MAY_ANSWER_P)
            extra = yield from self._extracted(asked, evidence, similarity, given, skip=unlikely, known=lines)
            extra = [line for line in extra if not all(sides_asked(item, asked, told) for item in _items(line[0]))]
            lines = [*lines, *(line for line in extra if _speaks_of_the_question(asked, line, evidence))]
        if lines and not is_yes_no(asked) and not is_list_question(asked):
            lines = in_the_peoples_words(lines, evidence)  # "Chinese power", not "China"
            lines = [*lines, *parallel(question, lines, evidence)]  # the user's words, not the rewrite's
        elif lines and _fewer_than_asked(asked, lines):
            lines = [*lines, *parallel(question, lines, evidence)]  # "which three things are limitless?": one named
        if lines and (_OPEN_WHAT.search(asked) or is_list_question(asked)):
            lines = [*lines, *self._continued(asked, lines, evidence, odds)]
        if is_list_question(asked):
            lines = [*(lines or []), *coordinated_items(lines or [], evidence)]
            # "… to include representatives from the Taliban and Pakistan. Iran, …": the model reads no answer
            # there, and may find none at all ("NOT FOUND").
            listing = [n for n in range(1, len(evidence) + 1) if participants(evidence[n - 1].text)]
            readable = [n for n in listing if odds is not None and odds(n) >= MAY_ANSWER_P]
            lines = [*lines, *taking_part(asked, lines, evidence, readable)]
            lines = _people_if_asked(asked, lines, evidence, told) if lines else lines
        elif lines and (EXCLUDING.search(asked) or _ELSE.search(asked) or _TWO_DEEDS.search(asked)):
            # "What was Russia faced with, besides sanctions?": "Faced with Ukrainian resistance and the unification …".
            # "What did they agree to strengthen or expand?": "… strengthen X and expand Y".
            lines = [*lines, *coordinated_items(lines, evidence)]
        if not lines and asks_for_source(asked):
            # "who announced that …?": the source of the sentence that says it
            likeliest = [n for n in favourite(asked, evidence, odds) if odds is not None and odds(n) >= self.min_odds]
            lines = source_told(asked, evidence, question if asked != question else "", likeliest)
        lines = done_by(asked, lines or [], evidence) or lines
        lines = as_worded(asked, lines or [], evidence) or lines
        lines = as_told_not_to(asked, whole_predicate(asked, lines or [], evidence), evidence)
        lines = narrowest_place(asked, placed_as_asked(asked, lines, evidence), evidence)  # "in the province of Anui"
        if _ASKS_WHO.search(asked):
            lines = _counterparts_named(lines, evidence)  # "his Chinese counterpart" is Wang Yi
        if WHY.match(asked):
            lines = because_told(asked, lines, evidence)
        if _ELSE.search(asked):
            # "What else …?" is not answered with what the last exchange said.
            lines = _not_said_before(lines, " ".join(turn.get("content", "") for turn in history[-2:])) or lines
        lines = said_so(asked, lines, evidence, said)  # "when did he say that?": in the sentence that says it
        if not lines:
            lines = self._timed(question, asked, evidence, similarity, odds) or counted(asked, evidence, similarity)
            lines = lines or lasting(asked, evidence) or done_to_it(asked, evidence)
        elif (length := lasting(asked, evidence)) and not any(writes_a_length(claim) for claim, _ in lines):
            lines = length  # "Two days", and in the article's own words: "two-day summit"
        elif asks_how_long_apart(asked):
            lines = apart_as_told(question, asked, lines, evidence, similarity, self._embed, odds)
        elif asks_for_a_time(asked):
            lines = [at_the_right_time(question, asked, line, evidence, self._embed) for line in lines]
            lines = _timely(asked, lines, evidence)
        if speaker := speaker_asked(question, asked):
            # "What did Mutaki say …?" is not answered by what an agency reports about him,
            # nor "what did he say?" of Tom West by what a spokesman said he would do.
            if lines and (speaker in question or speaker in " ".join(told)):  # a misspelt name is no guide
                lines = [(claim, n) for claim, n in lines if said_by(evidence[n[0] - 1].text, speaker, told)]
            lines = [_in_the_words_said(line, speaker, evidence, told) for line in lines or []]
            lines = _words_of_the_speaker(question, lines, speaker, evidence)
            lines = lines or _said_in_passing_of(question, speaker, evidence, told)
        if lines and asks_for_source(asked):
            lines = sourced(asked, lines, evidence)
        denial = self._denial(asked, evidence, similarity)
        if denial and not (lines and lines[0][0].lower().startswith("no")):
            # A sentence that says the opposite in the question's own words outweighs a "Yes".
            lines = denial
            yield Delta(f"\n{denial[0][0]}")
        if lines and is_yes_no(asked) and not YES_OR_NO.match(lines[0][0]) and not _chooses(lines[0][0], asked):
            # The model stated the fact but not the verdict: the sentence it cited decides.
            # "Abstract or concrete?" answered "Abstract" takes none: "Yes. Abstract." says nothing more.
            cited = evidence[lines[0][1][0] - 1].text
            restated = _restates(lines[0][0], asked)
            verdict = self._extractor.verdict(asked, cited)
            if verdict:
                lines[0] = (f"{verdict}. {lines[0][0]}", lines[0][1])
                yield Delta(f"{verdict}.")
            elif closest := self._verdict_elsewhere(asked, lines[0][1][0], evidence):
                lines = [closest]  # a fact beside the question is no answer to it; the sentence that holds it is
                yield Delta(f"\n{closest[0]}")
            elif restated and _said_back(asked, cited):
                # "Russia asked China for military equipment during the talks", cited to a sentence
                # about a "special military operation": the question said back is no "Yes".
                lines = []
            elif restated or self._affirmed(asked, cited):
                # "Beijing has been worried … for Uighur separatists", verified against "Beijing has
                # long feared that its neighbor …", which the one-sentence reading would not link.
                lines[0] = (f"Yes. {lines[0][0]}", lines[0][1])
                yield Delta("Yes.")
        return [(claim, _with_restatements(claim, markers, evidence, given)) for claim, markers in lines or []]

    def _yes_unsaid(self, claim: str, sentence: str, question: str) -> bool:
        """Whether a "Yes" that says the question back rests on a sentence that does not say it.

        "Yes, the talks between Russia and Kiev ended in an agreement", checked
        against "… the dynamics of the negotiation process with the Kiev
        regime": the line adds nothing to the question for the sentence to
        deny, so it passes as supported. A sentence that holds less than half
        the question must say "yes" itself, read alone or made to choose.
        """
        verdict = YES_OR_NO.match(claim)
        if not (verdict and verdict.group(1).lower() == "yes" and is_yes_no(question)):
            return False
        if not _said_back(question, sentence) or self._affirmed(question, sentence):
            return False
        return self._extractor is None or self._extractor.verdict(question, sentence) != "Yes"

    def _affirmed(self, question: str, sentence: str) -> bool:
        """Whether the model, made to choose yes or no for a sentence that a verified line rests on, says yes.

        Allowed "NONE", it replies NONE to "is the Taliban's top diplomat
        expected at the meetings?" against "The head of Kabul's ruling
        diplomacy …, Amir Khan Mutaki, is also expected"; made to choose, it
        says yes (0.67). Its "no" is not taken: made to choose, it says no to
        most questions a sentence does not settle.
        """
        if not isinstance(self._llm, Judge):
            return False
        prompt = render("affirm", question=question, sentence=sentence)
        return self._llm.yes_probability([Message("user", prompt)]) >= AFFIRMED_MIN_P

    def _verdict_elsewhere(self, question: str, cited: int, evidence: list[Hit]) -> Line | None:
        """ "Yes" or "No" as the evidence sentence that holds most of a yes/no question says it, quoted.

        For when the model's line states a fact its sentence gives no verdict
        on: asked "are Pakistani diplomats taking part in the consultation
        mechanism meeting?", it wrote that Mutaki is expected, from a sentence
        that never names Pakistan; the sentence about the mechanism's diplomats does.
        """
        return self._closest_verdict(question, evidence, REREAD_MIN_COVERAGE, besides=cited)

    def _restated_verdict(self, question: str, evidence: list[Hit]) -> list[Line] | None:
        """ "Yes" or "No" as read off the one sentence that restates a yes/no question, judged alone or not.

        "Did Lavrov say Russia's relations with China were at their strongest
        level ever?" against "Lavrov, who said yesterday that Russia's
        relations with China were at the strongest level ever, had traveled
        …": asked whether that sentence "gives the answer", the model said no,
        the claim being a clause inside it.
        """
        if self._extractor is None or not is_yes_no(question):
            return None
        found = self._closest_verdict(question, evidence, RESTATED_SHARE)
        return [found] if found else None

    def _closest_verdict(self, question: str, evidence: list[Hit], least: float, besides: int = 0) -> Line | None:
        """The verdict, quoted, of the sentence holding most of a yes/no question: ``least`` of it, not ``besides``."""
        assert self._extractor is not None
        n = max(range(1, len(evidence) + 1), key=lambda m: coverage(evidence[m - 1].text, question))
        if n == besides or coverage(evidence[n - 1].text, question) < least:
            return None
        verdict = self._extractor.verdict(question, evidence[n - 1].text)
        return (with_verdict(verdict, evidence[n - 1].text), [n]) if verdict else None

    def _continued(
        self, question: str, lines: list[tuple[str, list[int]]], evidence: list[Hit], odds: Odds | None
    ) -> list[tuple[str, list[int]]]:
        """The sentence next to the answer's, quoted, when it says the question's word again (not one of a place).

        "The ministry said the two ministers agreed that …" and then "“It was
        agreed to further strengthen foreign policy coordination …,” the
        ministry said": a statement goes on in the next sentence, and the
        model answers "what did they agree?" from one of them. The neighbour
        counts only if it repeats a word of the question's main clause that
        the answer's sentence holds (in lower case: "Foreign Minister" does
        not repeat "the ministers condemned"), and the model judges it answers.
        """
        if not lines[0][1]:
            return []
        cited = {n for _, markers in lines for n in markers}
        hit = evidence[lines[0][1][0] - 1]
        placed = stems(_PLACED_WORD.findall(question))  # "at the end of this stage": where, not what
        shared = (main_clause_stems(question) - placed) & content_stems(hit.text)
        return [
            (quoted(evidence[n - 1].text), [n])
            for n in range(1, len(evidence) + 1)
            if n not in cited
            and evidence[n - 1].article_id == hit.article_id
            and abs(evidence[n - 1].sentence_index - hit.sentence_index) == 1
            and shared & stems([w for w in words(evidence[n - 1].text) if w.islower()])
            and (odds is None or odds(n) >= self.min_odds)
        ]

    def _denial(
        self, question: str, evidence: list[Hit], similarity: dict[str, float]
    ) -> list[tuple[str, list[int]]] | None:
        """ "No", for a yes/no question that an evidence sentence denies in the question's own words.

        "Has China condemned Russia's invasion?" against "Beijing has refused
        to condemn the invasion of Ukraine": asked to write, the model said
        "Yes" from a sentence in which the ministers condemned the sanctions.
        """
        if self._extractor is None or not is_yes_no(question):
            return None
        denying = [n for n in range(1, len(evidence) + 1) if self._extractor.denied(question, evidence[n - 1].text)]
        if not denying:
            return None
        n = max(denying, key=lambda m: similarity[evidence[m - 1].sentence_id])
        return [(with_verdict("No", evidence[n - 1].text), [n])]

    def _generated(self, prompt: str, values: dict[str, str]) -> Generator[StreamEvent, None, str]:
        """Stream one model reply and return it whole, to be verified."""
        assert self._llm is not None
        pieces: list[str] = []
        for piece in self._llm.stream([Message("user", render(prompt, **values))]):
            pieces.append(piece)
            yield Delta(piece)
        yield Delta("\n")
        return "".join(pieces)

    def _similarity(self, question: str, hits: list[Hit]) -> dict[str, float]:
        """Cosine of each hit to the question, embedded once and shared by the steps below."""
        vectors = self._embed([question, *(h.text for h in hits)])
        return {h.sentence_id: float(sim) for h, sim in zip(hits, vectors[1:] @ vectors[0], strict=True)}

    def _timed(
        self, typed: str, question: str, evidence: list[Hit], similarity: dict[str, float], odds: Odds | None
    ) -> list[tuple[str, list[int]]]:
        """A "when" question left unanswered, answered with the time a close sentence states (see ``when.timed``)."""
        return _timely(question, timed(typed, question, evidence, similarity, self._embed, odds), evidence)

    # --- steps -------------------------------------------------------------------

    def _extracted(
        self,
        question: str,
        evidence: list[Hit],
        similarity: dict[str, float],
        given: str,
        skip: set[int] | None = None,
        known: Sequence[tuple[str, list[int]]] = (),
        first: Sequence[int] = (),
    ) -> Generator[StreamEvent, None, list[tuple[str, list[int]]]]:
        """Answer sentence by sentence (``extract``), streaming each new answer as it is found.

        ``skip`` names evidence not to read again; findings that repeat a ``known``
        line are dropped; ``first`` is read before the rest.
        """
        assert self._extractor is not None
        findings = [Finding(claim, tuple(markers)) for claim, markers in known]
        known_count = shown = len(merge(findings))
        for finding in self._extractor.find(question, evidence, similarity, given, skip=skip or set(), first=first):
            findings.append(finding)
            merged = merge(findings)
            if len(merged) > shown:
                yield Delta("\n" + merged[-1].text)
                shown = len(merged)
        fresh = merge(findings)[known_count:]
        return [(sentence_case(f.text), list(f.cited)) for f in fresh if answers_the_kind(question, f.text)]

    def _standalone(self, question: str, history: list[dict[str, str]]) -> tuple[str, str]:
        """A follow-up rewritten to stand alone (by the model when there is one).

        Returns the question to put to the model and the query to search with
        (the rewrite plus the words of the conversation that it refers to).
        """
        question = _plain(question)
        if not any(m.get("role") == "user" for m in history):
            return question, question
        if self._llm is not None and not asks_source_of_the_last_answer(question):  # "says who?" needs no rewrite
            prompt = render("rewrite", conversation=_conversation(history, 6).strip(), question=question.strip())
            rewritten = self._llm.complete([Message("user", prompt)], max_tokens=60).strip().split("\n")[0]
            rewritten = _asked_with_its_word(_unjoined(rewritten, question, history), question)
            # A question in its place, not an answer, and one that asks what the follow-up asks.
            if (
                3 <= len(rewritten.split()) <= 40
                and rewritten.endswith("?")
                and _same_kind(rewritten, question)
                and not _repeated(rewritten, question, history)
            ):
                return rewritten, f"{rewritten} {standalone_query(question, history)}"
        return question, standalone_query(question, history)

    def _verified_lines(
        self,
        text: str,
        evidence: list[Hit],
        question: str,
        odds: Odds | None = None,
        bare_coverage: float = 0.0,
        asked: str | None = None,
        typed: str = "",
    ) -> list[tuple[str, list[int]]] | None:
        """Keep the lines the evidence supports, each with the (1-based) evidence it rests on.

        A line of markers alone quotes the sentences it chose that hold at
        least ``bare_coverage`` of the question's content words. ``typed`` is
        the question as the user wrote it, where ``asked`` is a follow-up's rewrite.
        """
        if NOT_FOUND.lower() in text.lower() and not _MARKER.search(text):
            return None
        kept: list[tuple[str, list[int]]] = []
        kind = asked or question  # "who said …?" earlier in the conversation makes this no source question
        for claim, cited in _cited_claims(text, len(evidence)):
            tokens = claim.split()
            if NOT_FOUND.lower() in claim.lower() or claim.endswith(":"):
                continue
            if cited and not claim.strip(".,;:- "):
                # Small models sometimes answer with markers alone: they chose the
                # evidence but wrote nothing, so the chosen sentences are quoted.
                chosen = [
                    n
                    for n in dict.fromkeys(cited)
                    if coverage(evidence[n - 1].text, question) >= bare_coverage
                    and answers_the_kind(kind, evidence[n - 1].text)  # "on what date …?": a sentence with a date
                ]
                kept.extend((quoted(evidence[n - 1].text), [n]) for n in chosen)
                continue
            if not claim.strip(".,;:- ") or looping(claim):
                continue
            if not (answers_the_kind(kind, claim) and _about(claim, question, kind) and _adds(claim, question, kind)):
                continue
            markers = self._support(claim, cited, evidence, question, odds) or self._attributed(
                claim, cited, evidence, question, kind
            )
            if not markers and (name := _named(claim, kind)) and _adds(name, question, kind):
                # "Tom West, the head of the US special envoy": the name answers "who …?";
                # the description the model made up around it is no part of the answer.
                tokens, markers = name.split(), self._support(name, cited, evidence, question, odds)
            if not markers and not _WHO.match(kind) and (plain := _unapposed(claim)):
                # "Sergei Lavrov, the Russian Foreign Minister, said …": the description is the
                # model's, from other sentences; what it says of the name may rest on one. Not
                # for "who …?": there the name is the answer, read as above.
                tokens, markers = plain.split(), self._support(plain, cited, evidence, question, odds)
            if markers and told_as_when(kind, claim, [evidence[n - 1].text for n in markers]):
                continue
            if markers and self._passed_over(markers, evidence, kind, odds):
                continue
            if markers and self._yes_unsaid(claim, " ".join(evidence[n - 1].text for n in markers), kind):
                continue
            if markers and _ASKS_WHOM.match(kind) and _told_elsewhere(kind, claim, markers, evidence, typed):
                continue
            if markers:
                kept.append((ended(" ".join(tokens)), [*markers, *_quoted_elsewhere(claim, markers, evidence)]))
            elif cited and is_yes_no(kind) and self._refuted(claim, cited[0], evidence, question):
                kept.append((with_verdict("No", evidence[cited[0] - 1].text), [cited[0]]))
        return kept

    def _support(
        self, claim: str, cited: list[int], evidence: list[Hit], question: str, odds: Odds | None = None
    ) -> list[int]:
        if cited and self._supports(claim, cited, evidence, question):
            return self._minimal(claim, cited, evidence, question)
        if cited and self._vouched(claim, cited[0], evidence, question, odds):
            return [cited[0]]
        for n in cited:
            support = self._verifier.check(claim, [evidence[n - 1].text], question)
            if support.contradicted or (support.missing_names and support.lexical >= MIN_LEXICAL):
                # The sentence the model read denies what it wrote, or says it all but for a
                # name the model put in: no other sentence that shares the name rescues it.
                return []
        ranked = sorted(range(1, len(evidence) + 1), key=lambda n: -self._lexical(claim, n, evidence, question))
        for n in ranked[:3]:
            if self._supports(claim, [n], evidence, question):
                return [n]
        return []

    @staticmethod
    def _passed_over(markers: list[int], evidence: list[Hit], question: str, odds: Odds | None) -> bool:
        """Whether a line rests on sentences that hold little of the question, beside a likelier one that restates it.

        "What test did Wang say the relations had withstood?" answered with the
        sentence about Wang's talks with Lavrov, true and beside the point,
        while "Wang said China-Russia relations had 'withstood the test of
        international turmoil'" restates the question and is judged likelier
        to answer. A sentence that holds only part of the question may hold its
        setting ("With Chinese companies wary of sanctions, what did Lavrov
        settle for?"), not what it asks. So is a line beside the sentence the
        model judges likeliest when that one holds twice the question's words,
        for a yes/no question too. Lists gather lines from many sentences and
        are left alone.
        """
        if odds is None or is_list_question(question):
            return False
        if any(coverage(evidence[n - 1].text, question) >= REREAD_MIN_COVERAGE for n in markers):
            return False
        asked = _SETTING.sub("", question)  # of what is asked, not of its setting
        held = max(coverage(evidence[n - 1].text, asked) for n in markers)
        outweighed = [n for n in favourite(question, evidence, odds) if n not in markers]
        if outweighed and coverage(evidence[outweighed[0] - 1].text, asked) >= 2 * held - 1e-9:
            # "What is the only thing Russia can rely on …?" answered from "Russia is looking to China for
            # support", beside the likeliest sentence, with twice its words: "… can only count on Chinese power".
            return True
        if is_yes_no(question):
            return False
        likeliest = max(odds(n) for n in markers)
        return any(
            coverage(hit.text, question) >= RESTATED_SHARE and odds(m) > likeliest
            for m, hit in enumerate(evidence, 1)
            if m not in markers
        )

    def _refuted(self, claim: str, n: int, evidence: list[Hit], question: str) -> bool:
        """Whether a "Yes" line to a yes/no question is denied by the very sentence it cites.

        "Yes, Beijing has come out and condemned Russia's invasion [7]" where
        [7] is "Beijing has refused to condemn the invasion": the model found
        the sentence that answers and read it the wrong way round.
        """
        verdict = YES_OR_NO.match(claim)
        if not verdict or verdict.group(1).lower() != "yes":
            return False
        support = self._verifier.check(claim, [evidence[n - 1].text], question)
        # "There is no limit to China-Russia cooperation" denies nothing about Chinese firms and Russia:
        # a sentence that says "no" of other words is not the one the claim misread.
        return support.contradicted and support.lexical >= DENIAL_MIN_LEXICAL

    def _attributed(self, claim: str, cited: list[int], evidence: list[Hit], question: str, kind: str) -> list[int]:
        """A source question's answer rests on the sentence that names the source it gives.

        "The New China news agency said the Taliban government's foreign
        minister was expected": the restatement is the user's words, the
        source is the sentence's ("…, according to the New China news
        agency"). The cited sentence is tried first, then the rest: small
        models put the wrong number on such a line.
        """
        if not asks_for_source(kind):
            return []
        said = content_stems(claim)
        for n in dict.fromkeys([*cited, *range(1, len(evidence) + 1)]):
            sentence = evidence[n - 1].text
            named = any(head(source) <= said for source in sources(sentence, kind))
            if named and self._verifier.adds_only_its_own(claim, [sentence], question):
                return [n]
        return []

    def _vouched(self, claim: str, n: int, evidence: list[Hit], question: str, odds: Odds | None) -> bool:
        """Whether a claim the evidence does not hold word for word still rests on sentence ``n``.

        It may restate the question in the user's words ("the Taliban
        government's foreign minister" for "the head of Kabul's ruling
        diplomacy") when the model judged that sentence to give the answer and
        everything the claim adds to the question is in it, a denial too.
        """
        if odds is None or odds(n) < self.min_odds or _outranked(n, evidence, question, odds):
            return False
        return self._verifier.adds_only_its_own(claim, [evidence[n - 1].text], question)

    def _right_but_for_names(
        self, reply: str, evidence: list[Hit], question: str, kind: str, odds: Odds | None
    ) -> list[tuple[str, list[int]]]:
        """The sentence a rejected line cites, quoted, when the line is wrong only in names the model put in.

        "Russia did not specify specific measures [5]" of "In a statement issued
        by Moscow, … but without specifying specific measures": the model named
        the speaker as it knows it. A last resort, after the sentence-by-sentence
        reading found nothing, and only of a sentence the model judged to answer.
        """
        if odds is None or is_yes_no(kind):
            return []
        for claim, cited in _cited_claims(reply, len(evidence)):
            if not cited or odds(cited[0]) < self.min_odds:
                continue
            sentence = evidence[cited[0] - 1].text
            if answers_the_kind(kind, sentence) and self._verifier.right_but_for_names(claim, sentence, question):
                return [(quoted(sentence), [cited[0]])]
        return []

    def _supports(self, claim: str, cited: list[int], evidence: list[Hit], question: str) -> bool:
        context = [hit.text for hit in evidence]
        return self._verifier.check(claim, [evidence[n - 1].text for n in cited], question, context).supported

    def _lexical(self, claim: str, n: int, evidence: list[Hit], question: str) -> float:
        return self._verifier.check(claim, [evidence[n - 1].text], question).lexical

    def _minimal(self, claim: str, cited: list[int], evidence: list[Hit], question: str) -> list[int]:
        """Drop markers the claim does not need: a citation must point at support, not decoration."""
        kept = list(dict.fromkeys(cited))
        for n in sorted(kept, key=lambda m: self._lexical(claim, m, evidence, question)):
            rest = [m for m in kept if m != n]
            if rest and self._supports(claim, rest, evidence, question):
                kept = rest
        return kept

    def _finish(
        self,
        question: str,
        hits: list[Hit],
        evidence: list[Hit],
        lines: list[tuple[str, list[int]]] | None,
        started: float,
        retrieved_at: float,
        missing: Sequence[str] = (),
        why: str = "",
    ) -> Iterator[StreamEvent]:
        text, citations = _attach(_in_its_words(lines or [], evidence, question), evidence)
        abstained = not citations
        if abstained:
            text = f"The articles don't say. {why}" if why else abstention(question, missing)
        done = time.perf_counter()
        yield Answer(
            question=question,
            answer=text,
            abstained=abstained,
            citations=tuple(citations),
            retrieved=tuple(hits),
            llm=self.llm_name,
            timings_ms={
                "retrieve": round((retrieved_at - started) * 1000),
                "generate": round((done - retrieved_at) * 1000),
                "total": round((done - started) * 1000),
            },
        )


SHORT_ANSWER_WORDS = 4


_NAME_ITEM = re.compile(r"(?:the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}")  # "Iran", "the United States"


def _speaks_of_the_question(question: str, line: Line, evidence: list[Hit]) -> bool:
    """Whether the line's sentence, or the one before it, says a word of the question besides the line's items.

    Asked what groups Beijing fears Afghanistan could shelter, the
    one-sentence reading also listed the four countries whose diplomats join
    a "consultation mechanism" for Afghanistan: that sentence names
    countries, and nothing the question asks about. The sentence before
    counts: "Amir Khan Mutaki … is also expected" goes on from "The
    meetings … are attended by seven countries".
    """
    about = content_stems(question) - content_stems(line[0])
    # Its lower-case words, where it has some: "Afghanistan" is in most sentences of a story about it.
    about = stems([w for w in words(question) if w.islower() and w not in STOPWORDS]) & about or about
    read = [text for n in line[1] for text in (*evidence[n - 1].context_before[-1:], evidence[n - 1].text)]
    return bool(about & content_stems(" ".join(read)))


def _items(claim: str) -> list[str]:
    """The items of a list line ("Iran, Pakistan and Tajikistan."), or the line itself as one."""
    return [item.strip(" .") for item in LIST_ITEM.split(claim.strip())]


def _lists_the_asked(claim: str, question: str) -> bool:
    """Whether a list line names among its items a name the question asks about.

    "Iran, Pakistan, Tajikistan." for "who represented Iran at the talks?"
    lists Iran's peers, not who represented it. A question that sets names
    aside ("besides China and Russia, who …?") is answered by other names.
    """
    items = _items(claim)
    if len(items) < 2 or EXCLUDING.search(question) or not all(_NAME_ITEM.fullmatch(item) for item in items):
        return False
    asked = {name_key(w) for w in words(question)[1:] if is_name_or_number(w)}  # "Iran's representative": Iran
    return any(item.lower() in asked for item in items)


SAID_BEFORE_SHARE = 0.8  # of a line's content words, the share said before that makes it nothing else
# "what did the ministers agree to strengthen or expand?": two deeds asked of, each with its own object.
_TWO_DEEDS = re.compile(
    r"^\W*(?i:what)\b[^?]*?\b(?:do|does|did|will|would|have|has)\b[^?]*?"
    r"\b[a-z]{3,} (?:or|and) (?!(?:why|how|when|where|who|what)\b)[a-z]{3,}\b"
)
_ELSE = re.compile(r"\b(?:what|who|where|whom|which|anything|anyone|something)\s+else\b", re.I)


MIN_RESTATED_STEMS = 4  # a shorter line ("Beijing.") may answer "where was that?" from the last answer's words


def _not_the_last_answer(lines: list[Line] | None, said: str) -> list[Line] | None:
    """The lines but those that say the conversation's last answer (``said``) again: a follow-up asks something new.

    "What have the two countries denounced since then?", after "A few weeks
    before the war, Xi Jinping warmly received Putin in Beijing.", was
    answered with that sentence again.
    """
    if not lines or not said:
        return lines
    before = content_stems(said)
    return [
        (claim, n)
        for claim, n in lines
        if not (len(stems_of := content_stems(claim)) >= MIN_RESTATED_STEMS and stems_of <= before)
    ]


def _not_said_before(lines: list[Line], said: str) -> list[Line]:
    """The lines that say something ``said`` did not: "what else did he brief him on?"."""
    before = content_stems(said)
    return [(claim, markers) for claim, markers in lines if not _mostly_in(content_stems(claim), before)]


def _mostly_in(stems_of_claim: set[str], before: set[str]) -> bool:
    """Whether nearly all of a line's content was said before: "the progress of the operation" after "the operation"."""
    return len(stems_of_claim & before) >= SAID_BEFORE_SHARE * len(stems_of_claim)


_ASKS_WHO = re.compile(r"^\W*(?:and |so )?(?:who|whom)\b|\b(?:give|what's|what is) the name\b", re.I)


def _counterparts_named(lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """The lines, after the name of each "his Chinese counterpart" they leave unnamed, cited to the sentence naming him.

    "Who did Lavrov brief …?" answered "Sergei Lavrov briefed his Chinese
    counterpart on …" is answered "Wang Yi." first, from "The Chinese Foreign
    Minister Wang Yi had talks with his Russian counterpart, Sergei Lavrov".
    """
    texts = [hit.text for hit in evidence]
    named: list[Line] = []
    for claim, _ in lines:
        found = counterpart(claim, texts)
        if found and not any(found[0] in said for said, _ in [*lines, *named]):
            named.append((f"{found[0]}.", [found[1] + 1]))
    return [*named, *lines]


def _others_than_the_asked(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """For a question that asks one thing, a list line less the items the question names itself.

    "Which country is the shared rival of Moscow and Beijing?" answered
    "Russia, China, the United States." is "The United States.", cited to
    the sentences that name what is left.
    """
    if is_list_question(question) or EXCLUDING.search(question):
        return lines
    kept: list[Line] = []
    for claim, markers in lines:
        items = _items(claim)
        others = [item for item in items if not among_the_asked(item, question)]
        if len(items) < 2 or not others or others == items or not all(_NAME_ITEM.fullmatch(i) for i in items):
            kept.append((claim, markers))
            continue
        naming = [n for n in markers if any(bare_name(item) in evidence[n - 1].text for item in others)]
        kept.append((sentence_case(", ".join(others)), naming or markers))
    return kept


# "Who is representing Pakistan at the meeting?": the names after the verb, up to where or when.
_REPRESENTING = re.compile(r"\brepresent(?:s|ed|ing)?\s+(.*?)(?:\s+(?:at|in|on|during|there|to|for)\b|\W*$)")


def _representing_the_asked(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """For "who is representing Pakistan …?", the lines that rest on a sentence naming Pakistan, and name no country.

    The attendees of a meeting ("diplomats from China, Russia, Pakistan and the
    United States") and a Taliban envoy "also expected" are no answer: nothing
    says who speaks for Pakistan. Only for countries: "who is representing
    the Taliban government?" may be answered from "the head of Kabul's ruling diplomacy".
    """
    match = _REPRESENTING.search(question)
    asked = [w for w in words(match.group(1)) if w[0].isupper()] if match and _ASKS_WHOM.match(question) else []
    if not asked or not all(a_country(name) for name in asked):
        return lines
    kept: list[Line] = []
    for claim, markers in lines:
        sentence = evidence[markers[0] - 1].text if markers else ""
        named = [name for name in asked if names_country(name, sentence)]
        if named and not any(a_country(bare_name(item)) or _peers(item, named, sentence) for item in _items(claim)):
            kept.append((claim, markers))
    return kept


def _not_the_peers_of_the_asked(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """For a question about one name, the lines that are more than names its sentence lists beside that name.

    "What did Uzbekistan's delegation propose?" answered "Turkmenistan." from
    "… Iran, Tajikistan, Turkmenistan and Uzbekistan": a neighbour in a list
    says nothing of Uzbekistan. Questions that ask for several names, or for
    others than some ("besides Iran, …?"), are left alone.
    """
    if is_list_question(question) or EXCLUDING.search(question):
        return lines
    asked = [re.sub(r"['’]s$", "", w) for w in words(question)[1:] if w[0].isupper()]
    kept: list[Line] = []
    for claim, markers in lines:
        sentence = evidence[markers[0] - 1].text if markers else ""
        named = [name for name in asked if name.lower() in sentence.lower()]
        items = _items(claim)
        if not (named and all(_NAME_ITEM.fullmatch(item) and _peers(item, named, sentence) for item in items)):
            kept.append((claim, markers))
    return kept


def _peers(item: str, names: list[str], sentence: str) -> bool:
    """Whether a sentence lists an item alongside one of ``names``: "the Taliban and Pakistan"."""
    after = {following.lower() for name in names for following in coordinated(name, sentence)}
    before = {following.lower() for following in coordinated(item, sentence)}
    return item.lower() in after or any(name.lower() in before for name in names)


# "what two things did the statement say the countries wanted?" asks for things, not who.
_THINGS = re.compile(
    r"^\W*(?:[^?]*?,\s*)?what (?:\w+ )?(?:things|topics|issues|points|measures|steps|subjects|goals|aims)\b", re.I
)
# "What agreements did Putin and Xi sign?" asks for what was agreed: people are no answer at all.
_DEEDS = re.compile(
    r"^\W*(?:[^?]*?,\s*)?what (?:\w+ )?(?:agreements|deals|accords|treaties|documents|contracts|pledges)\b", re.I
)
# "Sergei Lavrov", "US diplomat"; not "Paris Agreement" nor "New START", names of what was signed.
_PERSON = re.compile(
    rf"^(?!.*\b(?:Agreement|Treaty|Accord|Pact|Deal|Declaration|Charter|Protocol|Convention|START)\b)"
    rf"(?:[A-Z][\w’'-]*\s+)*(?:{ROLE}s?|[A-Z][\w’'-]*)$"
)


def _things_not_names(question: str, lines: list[Line]) -> list[Line]:
    """For "what two things …?", the lines but those that only name names ("Russia and China."), when others remain.

    The model writes such a line for the question's "the countries"; cited to
    every sentence that names them, it answers nothing. Asked what was agreed
    or signed, a line that names only people ("Sergei Lavrov, US diplomat.")
    is dropped even when none remains.
    """
    if _DEEDS.search(question):
        return [(claim, markers) for claim, markers in lines if not _only_people(claim)]
    if not _THINGS.search(question):
        return lines
    kept = [(claim, markers) for claim, markers in lines if not is_name(claim.rstrip(". "))]
    return kept or lines


# "Which Chinese companies are worried …?": the kind whose members are asked for, a plural after "which".
_WHICH_ONES = re.compile(r"^\W*(?:and\s+|so\s+)?which\s+((?:[\w-]+\s+){0,2}[\w-]+s)\s+(?!of\b)", re.I)


def _naming_some_of_the_asked(question: str, lines: list[Line]) -> list[Line]:
    """For "which Chinese companies …?", the lines but those that speak of "Chinese companies" and name none.

    "Chinese companies are cautious in their dealings with Russia …" says
    what the question takes as given; it does not say which ones.
    """
    asked = _WHICH_ONES.match(question)
    if not asked:
        return lines
    kind = re.compile(rf"^\W*(?:the\s+|many\s+|some\s+|all\s+)?{re.escape(asked.group(1))}\b", re.I)
    return [(claim, markers) for claim, markers in lines if not kind.match(claim)]


# A short phrase an article puts in quotation marks: the name it gives a thing ("a “consultation mechanism”").
_QUOTED_LABEL = re.compile(r"[“\"]([^”“\"]+)[”\"]")
_LABEL_WORDS = range(2, 5)


def _labelled_elsewhere(
    question: str, lines: list[Line], evidence: list[Hit], articles: dict[ArticleId, Article], told: list[str]
) -> list[Line]:
    """The lines but those whose story never uses a label the question takes from the articles.

    "How long is the consultation mechanism meeting going to last?" asks of
    the one meeting the article calls a “consultation mechanism”; "a two-day
    meeting in China on Afghanistan" is another. Only labels of a few words
    count: a quoted word ("unlimited") is as often a plain word of the question. ``told`` is every sentence of
    ``articles``.
    """
    quoted = _QUOTED_LABEL.finditer(" ".join(told))
    labels = {_spoken(m.group(1)) for m in quoted if len(m.group(1).split()) in _LABEL_WORDS}
    asked = [label for label in labels if label in _spoken(question)]
    if not asked:
        return lines
    kept = []
    for claim, markers in lines:
        hit = evidence[markers[0] - 1] if markers else None
        story = _spoken(" ".join(_story(hit, articles.get(hit.article_id)))) if hit else ""
        if hit is None or all(label in story for label in asked):
            kept.append((claim, markers))
    return kept


def _spoken(text: str) -> str:
    """A text's words in lower case, one space apart, with a space either side: for matching phrases."""
    return f" {' '.join(words(text.lower()))} "


def _told_elsewhere(question: str, claim: str, markers: list[int], evidence: list[Hit], typed: str = "") -> bool:
    """Whether a "who(se) …?" line rests on sentences without a word of the deed asked about, which another tells.

    "Wang Yi, the Chinese Foreign Minister, briefed the Chinese side on the
    'special military operation'" checks out against "The Chinese Foreign
    Minister Wang Yi had talks with …": the verifier takes the question's
    words as given. "The Russian Foreign Minister briefed his Chinese
    counterpart on the progress of the special military operation" says who
    did what the question asks about. A bare name ("Amir Khan Mutaki." for
    "who attended …?", from "… is also expected") claims no deed to check,
    and a list question is left alone: its names come from many sentences,
    each telling the deed its own way.

    A follow-up's deed is the one its user wrote, where they wrote one: its
    rewrite may have put the conversation's words in it ("Who is sending the
    Afghan meeting to Kabul?" for "who's kabul sending?").
    """
    if is_list_question(question):
        return False
    done = main_clause_stems(_ASKS_WHOM.sub("", question))
    if typed and typed != question:
        done = done & stems(words(typed)) or done
    if not done & content_stems(claim) or done & stems(words(" ".join(evidence[n - 1].text for n in markers))):
        return False
    return any(2 * len(done & stems(words(hit.text))) >= len(done) for hit in evidence)


def _words_of_the_speaker(question: str, lines: list[Line], speaker: str, evidence: list[Hit]) -> list[Line]:
    """For "what did X say …?", the sentence that gives X as its source, quoted, when the lines rest on no one's words.

    "What did Wang Wenbin say when asked about Lavrov's visit?" answered
    "Wang Wenbin said that Sergei Lavrov is scheduled to attend …", from a
    sentence that reports nobody's words; "“Our quest for peace is limitless
    …,” said … spokesman Wang Wenbin, when asked about the Russian minister's
    visit" is the one that says what he said. With no such sentence there
    is no answer: "what did Xi Jinping say to Putin during that visit?" is not
    answered "Xi Jinping said he welcomed Putin warmly" from "Putin had been
    warmly received by … Xi Jinping in Beijing", which reports no words.
    """
    if not lines or any(markers and reports_speech(evidence[markers[0] - 1].text) for _, markers in lines):
        return lines
    spoken = [n for n, hit in enumerate(evidence, 1) if sourced_to(hit.text, speaker)]
    if not spoken:
        return []
    n = max(spoken, key=lambda m: (coverage(evidence[m - 1].text, question), -m))
    return [(quoted(evidence[n - 1].text), [n])]


def _said_in_passing_of(question: str, speaker: str, evidence: list[Hit], story: Sequence[str] = ()) -> list[Line]:
    """For "what did X say …?" left unanswered, the words a sentence reports X said in a clause about X.

    "What did Lavrov say the day before about how good Russia-China ties
    are?": the model gave Wang's words to Lavrov, and read alone "Lavrov, who
    said yesterday that Russia's relations with China were at the strongest
    level ever, had traveled …" gave nothing. The clause must name every name
    the question does, and be said by everyone the question asks about:
    "what did Lavrov and Wang say about taiwan?" is not answered with what
    Lavrov said of Russia and China.
    """
    for n, hit in enumerate(evidence, 1):
        said = said_in_passing(hit.text, speaker, story)
        if said and not unmentioned(question, [said, speaker]):
            return [(said, [n])]
    return []


def _in_the_words_said(line: Line, speaker: str, evidence: list[Hit], story: Sequence[str] = ()) -> Line:
    """A line answering what ``speaker`` said, as its sentence reports their words in a clause, unless it says them.

    "Sergei Lavrov had traveled to China for talks with Wang" is what "Lavrov,
    who said yesterday that Russia's relations with China were at the
    strongest level ever, had traveled …" tells of him, not what he said.
    """
    claim, markers = line
    said = said_in_passing(evidence[markers[0] - 1].text, speaker, story) if markers else None
    if not said or content_stems(said) <= content_stems(claim) | content_stems(speaker):
        return line
    return (said, markers[:1])


def _people_if_asked(question: str, lines: list[Line], evidence: list[Hit], texts: list[str]) -> list[Line]:
    """For "which officials …?", the lines that name people, not those set aside, and the people said to attend.

    Asked which non-Chinese officials attend the meetings, the sentence-by-sentence
    reading listed the countries whose diplomats take part; asked for the
    officials "from outside China and Russia", the model named Wang Yi and
    Lavrov. "Tom West, will attend the summit" names one who attends in words
    a small model does not read as an answer.
    """
    if not (kind := asked_people(question)):
        return lines
    kept = [
        (claim, n)
        for claim, n in lines
        if not all(no_person(kind, item, texts) or set_aside(item, question, texts) for item in _items(claim))
    ]
    added = _attending(question, kept, evidence, texts)
    return [*kept, *added] if kept or added else lines


_ATTENDING = re.compile(r"\b(?:attend\w*|expected|take part|taking part|took part|participat\w*)\b", re.I)


def _attending(question: str, lines: list[Line], evidence: list[Hit], texts: list[str]) -> list[Line]:
    """The people an evidence sentence says attend what the question asks about, not yet said nor set aside."""
    if not _ATTENDING.search(question):
        return []
    said = content_stems(" ".join(claim for claim, _ in lines))
    found: list[Line] = []
    for n, hit in enumerate(evidence, 1):
        for name in attendees(hit.text):
            line = (f"{name}.", [n])
            if content_stems(name) & said or set_aside(name, question, texts):
                continue
            if _speaks_of_the_question(question, line, evidence):
                found.append(line)
                said |= content_stems(name)
    return found


def _only_people(claim: str) -> bool:
    """Whether every item of a line is a name or a person's role: "Sergei Lavrov, US diplomat."."""
    return all(_PERSON.match(item) for item in _items(claim))


def _resting_on_the_named(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """The lines, each citing first the sentence of its citations that mentions the question's names.

    "Vladimir Putin. [8][7]" to "who is the Russian President?" rests on [7]
    ("Russian President Vladimir Putin"), not on [8] ("Vladimir Putin himself
    had been warmly received"): the model put its citations in another order
    than the one the checks read them in.
    """
    moved: list[Line] = []
    for claim, markers in lines:
        if len(markers) > 1 and unmentioned(question, _seen(evidence[markers[0] - 1])):
            naming = (n for n in markers[1:] if not unmentioned(question, _seen(evidence[n - 1])))
            if (first := next(naming, None)) is not None:
                markers = [first, *(n for n in markers if n != first)]
        moved.append((claim, markers))
    return moved


def _of_the_country_asked(question: str, lines: list[Line], evidence: list[Hit], texts: list[str]) -> list[Line]:
    """The lines but those about people of another country than the one whose official the question asks about.

    "Who is Pakistan's foreign minister?" is not answered with "Sergei
    Lavrov", whom the story calls Russian; "What did the Taliban foreign
    minister discuss with Wang Yi?" not from a sentence about Wang Yi's talks
    with "his Russian counterpart".
    """
    if not (country := asked_official(question)):
        return lines
    owner = asked_possessor(question)  # "who is Pakistan's foreign minister?": the official is the answer
    return [
        (claim, n)
        for claim, n in lines
        if not (owner and called_otherwise(owner, claim, question, texts))
        and not (n and no_one_of(country, evidence[n[0] - 1].text, question, texts))
    ]


def _measured_as_asked(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """The lines but those whose figure their sentence measures otherwise: since another event, of another
    thing ("a two-day summit" for "how long did the talks last?"), or in length.

    A height its sentence gives in words takes the length's place ("How
    high up is the border?": "at a very high altitude", not "76 kilometers").
    """
    kept: list[Line] = []
    for claim, markers in lines:
        sentence = evidence[markers[0] - 1].text if markers else ""
        if markers and length_for_height(question, claim, sentence):
            if told := as_high_as_told(question, sentence):
                kept.append((sentence_case(told), markers[:1]))
        elif not (
            markers and (offset_for_length(question, claim, sentence) or length_of_another(question, claim, sentence))
        ):
            kept.append((claim, markers))
    return kept


def _at_the_time_asked(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """The lines but those resting on a sentence without the span of time the question places its event at.

    "Where did Wang Yi travel a week before the Afghanistan meetings?" is
    not answered from a sentence about his talks in Anui, when another writes
    "a week after Wang Yi's visit to Kabul". Unless no sentence writes the span.
    """
    if not placed_in_time(question):
        return lines
    timed = {n for n in range(1, len(evidence) + 1) if writes_the_span(question, evidence[n - 1].text)}
    return [(claim, n) for claim, n in lines if not n or n[0] in timed] if timed else lines


def _measured(question: str, evidence: list[Hit], similarity: dict[str, float]) -> Line | None:
    """The verdict on a question that compares a figure with a bar, quoting the closest sentence that gives it."""
    ranked = by_similarity(evidence, similarity)
    found = compared(question, [evidence[n - 1].text for n in ranked])
    if found is None:
        return None
    said, i = found
    return with_verdict(said, evidence[ranked[i] - 1].text), [ranked[i]]


def _short_of_the_count(question: str, lines: list[Line], story: list[str]) -> bool:
    """Whether "what are the six types of …?" gets fewer items than it counts, from a story that never writes six.

    The story then names other things than the question counts (five types
    "such as" these); the answer's items are its lines, or one line's list.
    """
    count = asked_count(question)
    if count is None or not lines or writes_count(count, story):
        return False
    return _items_named(lines) < count


def _timely(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """The lines of a "when …?" answer whose sentence tells of the time asked.

    Not of the past, for a time to come; nor of a meeting, for when its mechanism was set up.
    """
    untimely = (only_before, no_beginning)
    return [(claim, n) for claim, n in lines if not (n and any(f(question, evidence[n[0] - 1].text) for f in untimely))]


def _about(claim: str, question: str, kind: str) -> bool:
    """A line answers the question only if it says something about it.

    A short answer ("Tom West.", or a source for "who said …?") or a list of
    names is about its question by position; a longer line must share a
    content word with it: "The meetings come a week after the visit" is true
    and cited, but no answer to "When was he appointed?".
    """
    content = [w for w in words(claim) if w.lower() not in STOPWORDS]
    short = MAX_SOURCE_WORDS if asks_for_source(kind) else SHORT_ANSWER_WORDS  # "a State Department spokesman"
    if len(words(claim)) <= short or all(is_name_or_number(w) for w in content):
        return True
    if WHY.match(kind) and _BECAUSE.match(claim):
        return True  # a reason is about its question by position: "Because it would allow Moscow …"
    return bool(stems(content) & stems(words(question)))


def _adds(claim: str, question: str, kind: str) -> bool:
    """Whether a line says more than the question.

    "The United States has imposed sanctions on Russia" answers no "which
    sanctions …?", nor does "Afghanistan borders China" answer "which Afghan
    province borders China?": another form of the question's own name is
    nothing new. A yes/no question is answered by its restatement and a
    verdict, a question about who said it by its restatement and the source
    its sentence names.
    """
    if is_yes_no(kind) or asks_for_source(kind) or _chooses(claim, kind):
        return True
    return adds_to(claim, question)


_CHOICE = re.compile(r"\b([^\W\d_]+) or ([^\W\d_]+)\b")


def _chooses(claim: str, question: str) -> bool:
    """Whether a line picks one option of an either-or question ("high altitude" for "at low or high altitude?")."""
    said = {w.lower() for w in words(claim)}
    return any(
        (a.lower() in said) != (b.lower() in said) for a, b in _CHOICE.findall(question) if a.lower() not in STOPWORDS
    )


_APPOSED = re.compile(r"^((?:[A-Z][\w’'-]+ )+[A-Z][\w’'-]+), (?:the|a|an|who|which)\b")
# "… their common rival, the United States.": a name put after the noun that describes it.
_CLOSING_NAME = re.compile(r"\b[a-z]+,\s+(?:the\s+)?((?:[A-Z][\w’'-]+ )*[A-Z][\w’'-]+)\W*$")
_WHO = re.compile(r"^\W*(?:and |so )?who\b", re.I)
_ASKS_WHOM = re.compile(r"^\W*(?:and |so )?(?:who|whom|whose)\b", re.I)  # "whose diplomats …?" asks who, too
# "Sergei Lavrov, the Russian Foreign Minister, said …": a description between commas, then a lower-case verb.
_APPOSITION = re.compile(r"^((?:[A-Z][\w’'-]+ )*[A-Z][\w’'-]+), (?:the|a|an|his|her|its|their) [^,]{1,60}, (?=[a-z])")


def _said_back(question: str, sentence: str) -> bool:
    """Whether a line that restates a yes/no question rests on a sentence that holds less than half its words."""
    return coverage(sentence, question) < REREAD_MIN_COVERAGE


def _of_the_kind_typed(typed: str, lines: list[Line] | None) -> list[Line] | None:
    """The lines of the kind the user's own words ask for: "what date was that meeting?", rewritten "When …?"."""
    return [(claim, markers) for claim, markers in lines if answers_the_kind(typed, claim)] if lines else lines


def _unapposed(claim: str) -> str | None:
    """A claim without the description it puts after its opening name, or None when it puts none there."""
    found = _APPOSITION.match(claim)
    return f"{found.group(1)} {claim[found.end() :]}" if found else None


def _named(claim: str, question: str) -> str | None:
    """The full name a "who …?" line opens with, before its description ("Tom West, the …"), or closes on.

    "Russia and China are described as Russia and China's common rival, the
    United States": the description around the closing name is the model's.
    """
    if not _WHO.match(question):
        return None
    asked = {word.lower() for word in words(question)}
    # "Sergei Lavrov, the Russian Foreign Minister, was talking to … Wang Yi" for "who was Lavrov
    # talking to?": the name the question gives is not the answer; the one it closes on may be.
    for found in (_APPOSED.match(claim), _CLOSING_NAME.search(claim)):
        if found and not {word.lower() for word in found.group(1).split()} & asked:
            return found.group(1)
    return None


def _sentences(text: str) -> list[str]:
    """Rough sentences and lines of an article, enough to spot an order to the reader anywhere in it."""
    return [part for line in text.splitlines() for part in re.split(r"(?<=[.!?])\s+", line) if part.strip()]


def _claims(text: str) -> list[str]:
    """One claim per line, and per marked sentence within a line: small models run claims together."""
    return [claim for line in text.splitlines() for claim in _AFTER_MARKERS.split(line)]


def _cited_claims(text: str, count: int) -> Iterator[tuple[str, list[int]]]:
    """Each claim of a reply, without its list prefix and markers, and the numbers of the ``count`` it cites."""
    for raw in _claims(text):
        line = _LINE_PREFIX.sub("", raw).strip()
        yield _MARKER.sub("", line).strip(), [n for n in map(int, _MARKER.findall(line)) if 1 <= n <= count]


def _swapped(question: str, markers: list[int], evidence: list[Hit]) -> bool:
    """Whether a line rests on a sentence that says of another name what the question asks of one.

    A yes/no question is answered "no" by such a sentence ("Is a Russian diplomat coming?" by
    "a US diplomat"), so only the names after a preposition count for it.
    """
    if not markers:
        return False
    sentence = evidence[markers[0] - 1].text
    if swapped_names(question, sentence):
        return True
    return not is_yes_no(question) and bool(swapped_modifiers(question, sentence))


def _no_to(question: str, claim: str) -> bool:
    """Whether a line answers a yes/no question "No"."""
    return is_yes_no(question) and bool((verdict := YES_OR_NO.match(claim)) and verdict.group(1).lower() == "no")


def _denied_elsewhere(question: str, lines: list[Line], evidence: list[Hit], missing: Sequence[str]) -> bool:
    """Whether the names the story never mentions are where a "No" says the thing was not: "held in Beijing?",
    or stand where its sentence has another name: "looking to the United States?"."""
    if not is_yes_no(question) or not lines or not all(claim.startswith("No") and markers for claim, markers in lines):
        return False
    placed = {
        w.lower()
        for _, markers in lines
        for p in placed_elsewhere(question, evidence[markers[0] - 1].text)
        for w in words(p)
    }
    # "… looking to the United States for support?" against "looking to China for support".
    placed |= {key for _, markers in lines for key in substituted_names(question, evidence[markers[0] - 1].text)}
    return {w.lower() for name in missing for w in words(name)} <= placed


def _concise(
    question: str, lines: list[Line] | None, evidence: list[Hit], similarity: dict[str, float]
) -> list[Line] | None:
    """For a question that asks one thing, an answer of many lines cut to the line of the sentence closest to it.

    Asked "… contingent upon what?", a small model may write out every
    sentence it was shown, each true and cited, the answer third among
    eight: more than forty words is no answer to one question. A list, a
    yes/no answer and an answer of forty words or fewer are left as they are.
    """
    if not lines or len(lines) == 1 or is_list_question(question) or is_yes_no(question):
        return lines
    if sum(len(words(claim)) for claim, _ in lines) <= MAX_ANSWER_WORDS:
        return lines
    cited = [line for line in lines if line[1]]
    return [max(cited, key=lambda line: similarity[evidence[line[1][0] - 1].sentence_id])] if cited else lines


def _as_many_as_asked(question: str, lines: list[Line] | None, evidence: list[Hit]) -> list[Line] | None:
    """For "what two goals …?", the first line that lists just that many short items, alone.

    Asked for two things, the model listed them in one line ("Continue to
    deepen foreign policy co-ordination, expand joint action") and went on
    with lines from other sentences, each cited: the count says it was done.
    """
    count = items_asked(question)
    if count is None or count < 2 or not lines:
        return lines
    asked = content_stems(question)
    for claim, markers in lines:
        items = LIST_ITEM.split(_after_the_asked(claim, asked).strip(" ."))
        short = all(len(words(item)) <= MAX_ITEM_WORDS and content_stems(item) - asked for item in items)
        # "Russia and China agreed": "Russia" is no item asked for. And the sentence must list them as the line does:
        # "The cooperation, our quest for peace, …" read off "… is without limits. “Our quest …" may leave one out.
        sentence = evidence[markers[0] - 1].text if markers else ""
        if markers and len(items) == count and short and (_listed_in(items, sentence) or _named_in(items, sentence)):
            return [(claim, markers)]
    return lines


def _fewer_than_asked(question: str, lines: list[Line]) -> bool:
    """Whether the lines hold fewer items than the question counts ("which three things …?")."""
    count = items_asked(question)
    return count is not None and _items_named(lines) < count


def _items_named(lines: list[Line]) -> int:
    """How many items some lines give: one per line, or the items of the line that lists the most."""
    listed = max((len(LIST_ITEM.split(claim.strip(" ."))) for claim, _ in lines), default=0)
    return max(listed, len(lines))


def _after_the_asked(claim: str, asked: set[str]) -> str:
    """A line from its first word the question does not say: the items of "Russia is isolating itself from X and Y".

    A line that says nothing else, or only the question's words, is itself.
    """
    tokens = claim.split()
    first = next((i for i, token in enumerate(tokens) if content_stems(token) - asked), 0)
    return " ".join(tokens[first:])


_BETWEEN_ITEMS = re.compile(r"[\s,;“”\"'«»]*(?:\b(?:and|or)\b)?[\s,;“”\"'«»]*", re.I)


def _listed_in(items: list[str], sentence: str) -> bool:
    """Whether ``sentence`` writes the items one after the other, with nothing but commas, "and" or quotes between."""
    lowered, end = sentence.lower(), -1
    for item in items:
        start = lowered.find(item.lower(), max(end, 0))
        if start < 0 or (end >= 0 and not _BETWEEN_ITEMS.fullmatch(sentence[end:start])):
            return False
        end = start + len(item)
    return True


def _named_in(items: list[str], sentence: str) -> bool:
    """Whether every item is a name written in ``sentence``: "Putin, Xi Jinping" need not be a list there."""
    return all(all(w[:1].isupper() for w in words(item)) and item in sentence for item in items)


_QUOTED = re.compile(r"[“\"]([^”\"]{2,80})[”\"]")


def _quoted_elsewhere(claim: str, markers: list[int], evidence: list[Hit]) -> list[int]:
    """Evidence sentences that hold words the claim quotes and its own sentences do not.

    "The friendship is called 'solid rock-solid' and 'borderless' [6]": the
    second quotation is another sentence's, which the line must cite too.
    """
    held = " ".join(evidence[n - 1].text for n in markers).lower()
    found: list[int] = []
    for phrase in (words_quoted.strip().lower() for words_quoted in _QUOTED.findall(claim)):
        if phrase in held:
            continue
        holder = next((m for m, hit in enumerate(evidence, 1) if phrase in hit.text.lower()), None)
        if holder is not None and holder not in markers and holder not in found:
            found.append(holder)
    return found


def _outranked(n: int, evidence: list[Hit], question: str, odds: Odds) -> bool:
    """Whether a sentence that holds the question, as sentence ``n`` does not, is judged likelier to answer it.

    Asked "who briefed the Chinese side on the special military operation?",
    the model named Wang Yi from a sentence about his talks (judged 0.6 likely
    to answer) over "The Russian Foreign Minister briefed his Chinese
    counterpart on the progress of the special military operation" (0.9).
    """
    held = coverage(evidence[n - 1].text, question)
    if held >= REREAD_MIN_COVERAGE:
        return False
    return any(
        coverage(evidence[m - 1].text, question) >= REREAD_MIN_COVERAGE and odds(m) > odds(n)
        for m in range(1, len(evidence) + 1)
        if m != n
    )


def _withheld(question: str, hits: list[Hit]) -> str | None:
    """What a question asks for that an evidence sentence says was not given.

    None for a yes/no question: "did they lay out any concrete measures?" is
    answered "No", from that sentence (``_denial``).
    """
    if is_yes_no(question):
        return None
    return next((thing for hit in hits if (thing := withheld(question, hit.text))), None)


def _other_place(question: str, claim: str, cited: Hit) -> bool:
    """Whether a line answers "which city …?" with a place its sentence calls a province, or another kind,
    or "what venue … in Anui?" with Anui itself, or "where … after the China trip?" with China or a place in it."""
    if another_kind_of_place(question, claim, cited.text) is not None:
        return True
    return only_the_given_place(question, claim, cited.text) or the_place_before(question, claim, cited.text)


def _not_so(sentence: str) -> bool:
    return negative(sentence) or forbids(sentence)


def _unnamed(question: str, markers: list[int], evidence: list[Hit]) -> bool:
    """Whether every sentence a line cites has the role a "who is the …?" question asks about held by no one named."""
    return bool(markers) and all(unnamed_role(question, evidence[n - 1].text) for n in markers)


_BACK_REFERENCE = re.compile(r"\b(?:it|its|he|his|she|her|they|their|them)\b", re.I)


def _referred(sentences: list[str], i: int) -> list[str]:
    """Sentence ``i``, and the one before when it refers back to it ("its neighbor", "he said")."""
    if i and _BACK_REFERENCE.search(sentences[i]):
        return [sentences[i - 1], sentences[i]]
    return [sentences[i]]


def _borrowed(question: str, asked: str, story: list[str], articles: dict[ArticleId, Article]) -> list[str]:
    """The places a rewrite puts in a follow-up ("there": "in Kabul") that its articles write but the story does not.

    Only places: a rewrite's other names are often the model's own guesses
    ("what did Vladimir Putin say …?" for "he", who was Lavrov).
    """
    if not asked or asked == question or not articles:
        return []
    places = [place for place in _PLACE.findall(asked) if unwritten([place], [question])]
    written = set(places) - set(unwritten(places, [_full_text(article) for article in articles.values()]))
    return [place for place in unwritten(places, story) if place in written]


def _credited(question: str, articles: dict[ArticleId, Article]) -> tuple[list[Hit], list[Line]] | None:
    """What the credit lines of the first of ``articles`` (the best match's) answer, cited to the line that does."""
    article = next(iter(articles.values()), None)
    if article is None:
        return None
    for sentence in article.credit_lines:
        if answer := credit_answer(question, sentence.text):
            return [_hit_of(article, sentence.index)], [(answer, [1])]
    return None


def _hit_of(article: Article, index: int) -> Hit:
    """Sentence ``index`` of an article as evidence that no search ranked."""
    sentence = article.sentence(index)
    return Hit(
        article_id=article.id,
        title=article.title,
        sentence_index=index,
        text=sentence.text,
        start=sentence.start,
        end=sentence.end,
        score=0.0,
        section=sentence.section,
        source=article.source,
        url=article.url,
        published=article.published,
    )


_HOW_OR_WHERE = re.compile(r"^\W*(?:and\s+|so\s+)?(?:how|where)\b", re.I)


def _how_said_next(usable: list[Hit], articles: dict[ArticleId, Article]) -> list[Hit]:
    """The sentences after evidence sentences that tell how "he" said something: "…,” he said in a video …".

    Asked how Lavrov's remarks to Wang were made public, the search finds the
    sentence about his meeting with Wang; the next one gives his words and the
    video, and names neither man.
    """
    have = {(hit.article_id, hit.sentence_index) for hit in usable}
    found: list[Hit] = []
    for hit in usable:
        article, after = articles.get(hit.article_id), (hit.article_id, hit.sentence_index + 1)
        if article is None or after in have or after[1] >= len(article.sentences):
            continue
        text = article.sentence(after[1]).text
        if said_by_pronoun(text) and said_where(text):
            found.append(replace(_hit_of(article, after[1]), context_before=(hit.text,)))
            have.add(after)
    return found


REPEATED_WORDS_APART = 2  # a word changed is two words in the symmetric difference
COVERING_HITS = 2  # deeper hits taken in for question words the top k never use


def _covering(query: str, usable: list[Hit], deeper: list[Hit]) -> list[Hit]:
    """Deeper hits that hold a word of the question no usable hit holds, the best-ranked first.

    "What did Lavrov brief Wang Yi on?": the one sentence that says "briefed"
    names neither man ("the Russian Foreign Minister briefed his Chinese
    counterpart"), and ten sentences that name them rank above it.
    """
    wanted = content_stems(query).difference(*(content_stems(hit.text) for hit in usable))
    extra: list[Hit] = []
    for hit in deeper:
        if len(extra) == COVERING_HITS:
            break
        if held := wanted & content_stems(hit.text):
            extra.append(hit)
            wanted -= held
    return extra


def _worded(evidence: list[Hit], question: str) -> bool:
    """Whether one evidence sentence holds a good share of the question's words: a refusal is suspect."""
    return max(coverage(hit.text, question) for hit in evidence) >= REREAD_MIN_COVERAGE


def _told(articles: dict[ArticleId, Article]) -> list[str]:
    """Every sentence of some articles, as the checks that look past the evidence read them."""
    return [sentence.text for article in articles.values() for sentence in article.sentences]


def _story(hit: Hit, article: Article | None) -> list[str]:
    """A cited sentence as a reader sees it: the title, a few sentences before (who "he" is) and one after."""
    if article is None:
        return list(_seen(hit))
    first, last = max(0, hit.sentence_index - STORY_BEFORE), hit.sentence_index + STORY_AFTER + 1
    return [article.title or "", *(article.sentence(i).text for i in range(first, min(last, len(article.spans))))]


def _seen(hit: Hit) -> tuple[str, ...]:
    """What a reader of a hit sees: its sentence, its neighbours and its article's title."""
    return (hit.title, *hit.context_before, hit.text, *hit.context_after)


def _focus(hits: list[Hit], similarity: dict[str, float]) -> list[Hit]:
    """Only the stories about the question: articles whose best hit is near the best one.

    Retrieval fills its k slots even when one story holds the answer; a small
    model then mixes in names from an unrelated story that shares a word.
    """
    best: dict[str, float] = {}
    for hit in hits:
        best[hit.article_id] = max(best.get(hit.article_id, -1.0), similarity[hit.sentence_id])
    top = max(best.values())
    return [h for h in hits if best[h.article_id] >= top - FOCUS_MARGIN]


def _extractive(evidence: list[Hit], similarity: dict[str, float]) -> list[tuple[str, list[int]]] | None:
    """No model: the evidence sentence closest to the question, quoted."""
    best = max(range(len(evidence)), key=lambda i: similarity[evidence[i].sentence_id])
    if similarity[evidence[best].sentence_id] < EXTRACTIVE_MIN_COSINE:
        return None
    return [(quoted(evidence[best].text), [best + 1])]


def _reading_order(hits: list[Hit]) -> list[Hit]:
    """Evidence grouped by article (best article first), sentences in article order."""
    first_seen: dict[str, int] = {}
    for rank, hit in enumerate(hits):
        first_seen.setdefault(hit.article_id, rank)
    return sorted(hits, key=lambda h: (first_seen[h.article_id], h.sentence_index))


def _numbered(evidence: list[Hit], question: str) -> str:
    """The evidence as the model sees it: numbered sentences under their article's title.

    Article text is untrusted: a "[3]" inside it would read as one of our
    evidence numbers, so its brackets become parentheses. A sentence that
    orders two events the other way round from the question is shown turned
    (``converse``).
    """
    lines: list[str] = []
    title = None
    for number, hit in enumerate(evidence, 1):
        if hit.title != title:
            title = hit.title
            shown = "(untitled)" if is_instruction(title or "") else _defused(title or "")
            lines.append(f"Article: {shown}")
        lines.append(f"[{number}] {_defused(as_asked(question, hit.text))}")
    return "\n".join(lines)


def _defused(text: str) -> str:
    return _MARKER.sub(r"(\1)", text)


def _said(history: Sequence[dict[str, str]]) -> str:
    """The assistant's last answer in a conversation, or ""."""
    return next((turn["content"] for turn in reversed(history) if turn.get("role") == "assistant"), "")


def _conversation(history: Sequence[dict[str, str]], turns: int = 4) -> str:
    recent = [m for m in history if m.get("role") in ("user", "assistant") and m.get("content")][-turns:]
    if not recent:
        return ""
    said = "\n".join(f"{m['role'].capitalize()}: {_as_written(m['content'])}" for m in recent)
    return f"\nConversation so far:\n{said}\n"


def _same_kind(rewritten: str, question: str) -> bool:
    """Whether a follow-up's rewrite asks for the same kind of thing.

    "who says he's coming?" asks for a source; its rewrite "Who is Amir Khan
    Mutaki?" asks who he is.
    """
    return asks_for_source(rewritten) or not asks_for_source(question)


def _repeated(rewritten: str, question: str, history: Sequence[dict[str, str]]) -> bool:
    """Whether a follow-up's rewrite is an earlier question of the conversation, which the follow-up is not.

    Asked to rewrite "and is it at low or high altitude?" after "how long is
    China's border with Afghanistan?", a small model gave the earlier
    question back.
    """
    earlier = {_words(m.get("content", "")) for m in history if m.get("role") == "user"}
    return any(_same_words(_words(rewritten), said) for said in earlier) and _words(question) not in earlier


def _same_words(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two questions differ in one word at most: "had withstood" given back as "have withstood".

    Not in the word they ask with: "When did Putin meet Xi …?" is another question than "Where did …?".
    """
    if not one or not other or one[0] != other[0]:
        return False
    return len(set(one) ^ set(other)) <= REPEATED_WORDS_APART and abs(len(one) - len(other)) <= 1


def _unjoined(rewritten: str, question: str, history: Sequence[dict[str, str]]) -> str:
    """A follow-up's rewrite without the earlier question it opens with, when the follow-up does not open so.

    Asked to rewrite "says who? what's the source for mutaki coming" after
    "who is attending the afghanistan meetings?", a small model joined the
    two ("Who is attending the Afghanistan meetings, and what is the source
    of Amir Khan Mutaki's expected arrival?"), and the answer to the first
    was taken for the second's. What follows the earlier question is the rewrite.
    """
    for turn in history:
        before = _words(turn.get("content", "")) if turn.get("role") == "user" else ()
        if not before or _words(question)[: len(before)] == before:
            continue
        opening = re.match(r"\W*" + r"\W+".join(map(re.escape, before)) + r"\b[\s,;:?]*(?:and\s+)?", rewritten, re.I)
        if opening and opening.end() < len(rewritten):
            rest = rewritten[opening.end() :]
            return rest[0].upper() + rest[1:]
    return rewritten


_WH_ASKING = re.compile(
    r"^\W*(?:(?:and|so|but|then|ok|okay)\W+)?(?P<wh>what|who|whom|where|when|which|why)\s+"
    r"(?=(?:did|does|do|is|was|were|are|will|would|has|have|had|can|could)\b)",
    re.I,
)


def _asked_with_its_word(rewritten: str, question: str) -> str:
    """A follow-up's rewrite asking with the follow-up's own question word.

    Asked to rewrite "and what did he defend?" after "who hailed a rock-solid
    friendship …?", a small model carried the earlier question's word over
    ("Who did Wang Yi defend in early March?"), and a person was looked for
    where the article gives concerns. Only a word that opens a question about
    its verb is put back; "what about Lavrov?" may become any question.
    """
    own, given = _WH_ASKING.match(question), _WH_ASKING.match(rewritten)
    if own is None or given is None or own["wh"].lower() == given["wh"].lower():
        return rewritten
    word = own["wh"].lower()
    return rewritten[: given.start("wh")] + word[0].upper() + word[1:] + rewritten[given.end("wh") :]


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in words(text))


def _plain(question: str) -> str:
    """A question without "according to the article", "per the story": every answer comes from the articles.

    The phrase only adds words that no evidence sentence has, and a small
    model judging "does this sentence answer …?" reads them as part of what
    is asked. Contractions ("dept") are spelled out, as the articles write them.
    """
    return spelled_out(_META.sub("", question)).strip()


def _exception_last(question: str) -> str:
    """A question with what it excludes said last, for the model that writes the answer.

    Opening "besides the main talks, what other meeting …?", the exception is
    read as what is asked about, and the answer names the main talks.
    """
    opened = _EXCLUDING_FIRST.match(question)
    return f"{opened.group(2)}, {opened.group(1)}?" if opened else question


def _not_the_exception_said_back(question: str, lines: list[Line]) -> list[Line]:
    """The lines but those that say back what the question excludes ("… no limit to opposing, besides peace …").

    Told the exception last, the model may end its line with it: the line is
    the question said back, its names all checked out.
    """
    opened = _EXCLUDING_FIRST.match(question)
    if not opened:
        return lines
    exception = _spoken(opened.group(1))
    return [(claim, markers) for claim, markers in lines if exception not in _spoken(claim)]


_EXCLUDING_FIRST = re.compile(rf"^\W*((?:{EXCLUDING.pattern})[^,?]*),\s*(.+?)[\s?]*$", re.I)


def _as_written(answer: str) -> str:
    """An earlier answer as the model wrote it: without our markers and quotes, which it would imitate."""
    return _MARKER.sub("", without_quotes(answer)).strip()


def _in_its_words(lines: list[Line], evidence: list[Hit], question: str) -> list[Line]:
    """Each line, cut to its clauses about the question when long, with the words of its first cited sentence
    that it paraphrases."""
    return [
        (in_its_words(shortened(claim, question), evidence[cited[0] - 1].text, question) if cited else claim, cited)
        for claim, cited in lines
    ]


def _with_restatements(claim: str, markers: list[int], evidence: list[Hit], given: str) -> list[int]:
    """A claim's citations plus every other evidence sentence that states the whole claim."""
    return list(dict.fromkeys([*markers, *(m for n in markers for m in restatements(claim, n, evidence, given))]))


def _full_text(article: Article) -> str:
    """An article's title and text, as its names are looked for."""
    return f"{article.title}\n{article.text}"


def _restates(claim: str, question: str) -> bool:
    """Whether a line says what a yes/no question asks, in nearly all its words, denying nothing the question does not.

    Such a line, once verified against its sentence, is the model's "yes" written out.
    """
    return coverage(claim, question) >= RESTATED_SHARE and denies(claim) == denies(question)


# "With Chinese companies wary of sanctions, what did Lavrov settle for?": the setting the question opens on.
_SETTING = re.compile(r"^\W*[^?,]*,\s*(?=(?:what|who|whom|whose|which|when|where|why|how)\b)", re.I)


def favourite(question: str, evidence: list[Hit], odds: Odds | None) -> list[int]:
    """The sentence the model judges likeliest to answer, when no other holds more of the question's words.

    Two readings that agree: "Russia can only count on Chinese power to escape
    complete economic isolation" for "what is the only thing Russia can rely on
    to avoid total economic isolation?".
    """
    if odds is None or not evidence:
        return []
    likeliest = max(range(1, len(evidence) + 1), key=odds)
    held = [coverage(hit.text, question) for hit in evidence]
    return [likeliest] if held[likeliest - 1] > 0 and held[likeliest - 1] == max(held) else []


def _attach(lines: list[tuple[str, list[int]]], evidence: list[Hit]) -> tuple[str, list[Citation]]:
    """Renumber markers by first use and build the citations they point at."""
    numbers: dict[int, int] = {}
    citations: list[Citation] = []
    out_lines: list[str] = []
    seen: set[str] = set()
    for claim, cited in lines:
        if claim in seen:
            continue
        seen.add(claim)
        markers = []
        for n in dict.fromkeys(cited):
            if n not in numbers:
                numbers[n] = len(numbers) + 1
                hit = evidence[n - 1]
                citations.append(
                    Citation(
                        marker=numbers[n],
                        article_id=hit.article_id,
                        title=hit.title,
                        sentence_index=hit.sentence_index,
                        text=hit.text,
                        start=hit.start,
                        end=hit.end,
                        url=hit.url,
                        published=hit.published,
                    )
                )
            markers.append(f"[{numbers[n]}]")
        out_lines.append(f"{_defused(claim)} {''.join(markers)}")
    return " ".join(out_lines), citations
