"""Answer a question one evidence sentence at a time, so every answer is cited by construction.

A small local model is poor at reading eight sentences at once: it names one
attendee of many, drops citation markers, merges facts from two stories, and
refuses questions its evidence answers. It is much better at a narrower job:
"does this one sentence answer the question, and with which words?". So the
model reads the evidence sentences closest to the question one by one; each
reply is either NONE or a short answer that must be supported by that sentence
alone (``verify``). The answer is the union of the supported replies, each
cited to the sentence it came from, plus every other evidence sentence that
states the same answer.

This module does not retrieve, number or stream; ``pipeline`` does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.answer.compare import TAG, miscounted
from assistant.answer.converse import as_asked
from assistant.answer.verify import (
    STOPWORDS,
    Verifier,
    content_stems,
    coverage,
    denies_unquoted,
    directed_otherwise,
    is_name_or_number,
    kind_names,
    name_key,
    name_runs,
    placed_elsewhere,
    same_name,
    seat_named_for,
    stems,
    titled_otherwise,
    withheld,
    words,
)
from assistant.answer.wording import with_verdict
from assistant.llm import LLM, Message
from assistant.prompts import render
from assistant.types import Hit

MAX_READ = 6  # evidence sentences the model reads per question
READ_MARGIN = 0.25  # cosine: sentences this much further from the question than the best are not read
REPLY_TOKENS = 40
# Half the question's words, denied by the sentence, make a "No" ("spell out any concrete measures?"
# against "without specifying specific measures"): a denial is rarer than a shared word.
DENIAL_MIN_LEXICAL = 0.5
_NONE = re.compile(r"^\W*(none|no answer|not (given|stated|mentioned)|n/?a)\b", re.I)
_YES_NO_QUESTION = re.compile(
    r"^\W*(is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall|may|might|must)\b|"
    + TAG,  # a statement with a tag: "Wang Yi visited Kabul before the meetings, right?", "…, didn't he?"
    re.I,
)
WHY = re.compile(r"^\W*why\b", re.I)
_MARKERS = re.compile(r"\s*\[\d+\]")
YES_OR_NO = re.compile(r"^\W*(yes|no)\b", re.I)  # a reply or a line that starts with a verdict


@dataclass(frozen=True)
class Finding:
    """A short answer and the (1-based) evidence numbers that state it."""

    text: str
    cited: tuple[int, ...]


LOOP_WORDS, LOOP_TIMES = 4, 3  # a run of this many words said this many times: a small model caught in a loop


def looping(reply: str) -> bool:
    """Whether a reply says the same words over and over ("Wang Wenbin said the spokesman Wang Wenbin said …").

    Each piece checks out against the sentence it repeats; the whole says nothing.
    """
    tokens = reply.lower().split()
    runs = Counter(tuple(tokens[i : i + LOOP_WORDS]) for i in range(len(tokens) - LOOP_WORDS + 1))
    return any(times >= LOOP_TIMES for times in runs.values())


def is_yes_no(question: str) -> bool:
    return bool(_YES_NO_QUESTION.search(question))


def by_similarity(evidence: Sequence[Hit], similarity: dict[str, float]) -> list[int]:
    """All evidence numbers (1-based), closest to the question first."""
    return sorted(range(1, len(evidence) + 1), key=lambda n: -similarity[evidence[n - 1].sentence_id])


def reading_order(
    evidence: Sequence[Hit], similarity: dict[str, float], skip: set[int] | frozenset[int] = frozenset()
) -> list[int]:
    """The evidence numbers worth reading, closest to the question first."""
    best = max(similarity[h.sentence_id] for h in evidence)
    ranked = by_similarity(evidence, similarity)
    close = [n for n in ranked if similarity[evidence[n - 1].sentence_id] >= best - READ_MARGIN]
    return [n for n in close if n not in skip][:MAX_READ]


_LIST_CUE = re.compile(
    r"\bwho\b.*\b(attend\w*|take part|took part|participat\w*|join\w*|includ\w*|met|meet|invited|present|represent\w*|"
    r"involved|named|mentioned)\b|\b(which|what)\s+(\w+\s+)?(?!(news|does|has|was|is|this|his|its)\b)\w+[^s\W]s\b|"
    r"\b(which|what)\s+(\w+\s+)?(people|persons|men|women|children)\b|"  # plurals without an s
    r"\b(list|name all|all the|every|all of (them|those|these)|each of them)\b|"
    r"^\W*name\s+(the\s+)?(\w+\s+)?\w+[^s\W]s\b",  # "Name the officials …"
    re.I,
)


# "Who is the Russian president named in the article?", "who is Washington's envoy attending …?" ask for one
# person, whatever their verb.
_ONE_ASKED = re.compile(
    r"^\W*who\s+(?:is|was|['’]s)\s+(?:the|[A-Z][\w-]*['’]s)\s(?:(?!\band\b|,).)*$|"
    # "What's the name of Pakistan's foreign minister who is attending?": one person, a noun without an s.
    r"^\W*what(?:['’]s|\s+is|\s+was)\s+the\s+name\s+of\s+[^?]*?\b\w*[^s\W]\s+(?:who|that)\b|"
    # "Who will attend as Washington's special envoy?": the one person in a role, a noun without an s.
    r"^\W*who\b[^?]*(?<!\bwell )(?<!\bsuch )\bas\s+(?:the|a|an|his|her|their|its|[\w.-]+['’]s)\s+"
    r"(?:[\w-]+\s+){0,3}[\w-]*[^s\W]\W*$",
    re.I,
)


def holding_most(question: str, evidence: Sequence[Hit]) -> list[int]:
    """The sentence that holds more of the question's words than any other, however far its embedding or its odds.

    "… vis-à-vis their common rival, the United States" is the one sentence
    with "common rival" in it, yet far from "which country does the article
    call the common rival of Russia and China?" and judged unlikely to answer.
    """
    held = [coverage(hit.text, question) for hit in evidence]
    best = max(held, default=0.0)
    return [held.index(best) + 1] if best > 0 and held.count(best) == 1 else []


def is_list_question(question: str) -> bool:
    """Whether a question likely wants several things ("who attended …", "from which countries …")."""
    return bool(_LIST_CUE.search(question)) and not _ONE_ASKED.search(question)


class Extractor:
    def __init__(self, llm: LLM, verifier: Verifier) -> None:
        self._llm = llm
        self._verifier = verifier

    def find(
        self,
        question: str,
        evidence: Sequence[Hit],
        similarity: dict[str, float],
        given: str = "",
        skip: set[int] | frozenset[int] = frozenset(),
        several: bool | None = None,
        first: Sequence[int] = (),
    ) -> Iterator[Finding]:
        """Yield each new finding as soon as a sentence gives it (so callers can stream).

        ``given`` is what the user already said (the question and, for a
        follow-up, its stand-alone rewrite): names in it need no support.
        Unless the question wants ``several`` things, the closest sentence
        that answers settles it.
        """
        yes_no = is_yes_no(question)
        several = is_list_question(question) if several is None else several
        order = [*first, *(n for n in reading_order(evidence, similarity, skip) if n not in first)]
        # Not for "why …?": the sentence that holds "why did he say so?" says so, and small models restate it. Not
        # for several answers either: the reading gathers them from the close sentences, and a far one adds noise.
        if not WHY.match(question) and not several:
            order += [n for n in holding_most(question, evidence) if n not in order]
        for n in order:
            if yes_no and self.denied(question, evidence[n - 1].text):
                yield Finding(with_verdict("No", evidence[n - 1].text), (n,))
                return
            reply = self._read(question, evidence[n - 1].text, yes_no)
            if several and (not reply or _NONE.search(reply)):
                # Asked for one answer, a small model overlooks a group ("seven countries")
                # when the question says "who"; told that there are several, it sees them.
                reply = self._read(question, evidence[n - 1].text, yes_no, prompt="extract_list")
            finding = self._checked(reply, n, evidence, question, given or question, yes_no)
            if finding is not None:
                yield finding
                if yes_no or not several:
                    return

    def verdict(self, question: str, sentence: str) -> str | None:
        """ "Yes" or "No" as one sentence answers a yes/no question, or None when it does not say."""
        if self.denied(question, sentence):
            return "No"
        match = YES_OR_NO.match(self._read(question, sentence, yes_no=True))
        return match.group(1).capitalize() if match else None

    def denied(self, question: str, sentence: str) -> bool:
        """Whether a sentence about what a yes/no question asks denies it: "No" needs no model.

        "Has Beijing condemned the invasion?" against "Beijing has refused to
        condemn the invasion": the words match and the sentence denies them.
        A question that itself denies something is left to the model; one that
        quotes a denial ("the 'no limit' comments") does not deny it.
        """
        if denies_unquoted(question):
            return False
        if withheld(question, sentence):
            return True  # "any concrete measures?" of "… without specifying specific measures"
        support = self._verifier.check(question, [sentence], question)
        opposed = support.contradicted or bool(placed_elsewhere(question, sentence))
        opposed = opposed or directed_otherwise(question, sentence) or miscounted(question, sentence)
        opposed = opposed or titled_otherwise(question, sentence)  # "is he the minister?" of "spokesman Wang Wenbin"
        return opposed and support.lexical >= DENIAL_MIN_LEXICAL

    def _read(self, question: str, sentence: str, yes_no: bool, prompt: str = "extract") -> str:
        shown = as_asked(question, sentence)  # "a week before the meetings?" of "the meetings come a week after …"
        text = render("extract_yesno" if yes_no else prompt, sentence=shown, question=question)
        reply = self._llm.complete([Message("user", text)], max_tokens=REPLY_TOKENS)
        return next((line.strip() for line in reply.splitlines() if line.strip()), "")

    def _checked(
        self, reply: str, n: int, evidence: Sequence[Hit], question: str, given: str, yes_no: bool
    ) -> Finding | None:
        sentence = evidence[n - 1].text
        if not reply or _NONE.search(reply) or looping(reply):
            return None
        if yes_no:
            verdict = YES_OR_NO.match(reply)
            return Finding(with_verdict(verdict.group(1).capitalize(), sentence), (n,)) if verdict else None
        reply = _bare(reply)
        if not adds_to(_cased_as_written(reply, sentence), question):
            return None  # it only repeats the question ("Afghanistan" for "who attended the Afghanistan meeting?")
        if not self._verifier.check(reply, [sentence], given).supported:
            return None
        return Finding(reply, (n, *restatements(reply, n, evidence, given)))


def _bare(reply: str) -> str:
    """A reply without the quotes and full stop around it, nor markers: a "[7]" read from one sentence is no number."""
    return _MARKERS.sub("", reply).strip(" \"“”'.")


def _cased_as_written(reply: str, sentence: str) -> str:
    """A reply whose capital first word the sentence writes in lower case, as the sentence writes it.

    "Eastern China", read from "… in eastern China", is no fuller form of the
    question's "China": the capital is only the reply's first letter.
    """
    first = next(iter(words(reply)), "")
    written = {w for w in words(sentence) if w.lower() == first.lower()}
    if first[:1].isupper() and written and first not in written:
        return reply.replace(first, first.lower(), 1)
    return reply


def adds_to(text: str, question: str) -> bool:
    """Whether a text says something its question does not: "Afghanistan" adds nothing to
    "which Afghan province …?", another form of the question's own name, nor the envoy's
    job to "what job did he have before he became the envoy?"."""
    if _given_again(text, question):
        return False
    new = new_content(text, question)
    named = {name_key(w) for w in words(question) if is_name_or_number(w)}  # "Russian" is Russia's
    # "Vladimir Putin" for "who received Putin?", "Xi Jinping" for "… Xi …": a fuller form of the
    # question's own name. "Wang Wenbin" is no fuller "Wang Yi". A name that says what kind of
    # thing is asked ("which TV channel …?") is the answer's, not the question's: "Phoenix TV".
    kinds = {name.lower() for name in kind_names(question)}
    asked = [run for run in name_runs(question[:1].lower() + question[1:]) if not set(run) <= kinds]  # not "Since"
    fuller = {token for run in _name_runs(text) if any(_holds(run, name) for name in asked) for token in run}
    fresh = [
        w
        for w in words(text)
        if w.lower() not in STOPWORDS and stems([w]) & new and w.lower().removesuffix("'s") not in fuller
    ]
    # "Russia" for "who do Moscow and Beijing see as their rival?": the country of a seat the question names.
    return any(
        not (is_name_or_number(w) and (same_name(w.lower(), named) or seat_named_for(w, question))) for w in fresh
    )


_BECAME = re.compile(
    r"\b(?:before|after|until|since|prior to)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:became|becoming|become|was (?:appointed|named|made)|took (?:over|up) as|joined)\s+(?P<state>[^?,.;]+)",
    re.I,
)


def _given_again(claim: str, question: str) -> bool:
    """Whether a line answers "what job did he have before he became the envoy?" with the envoy's job.

    Such a question gives one state and asks for another, before or after
    it. A line whose new words name the given state again (its head noun,
    "special envoy for Afghanistan") tells nothing that was asked; the
    model's copy of the question's clause in the line does not count.
    """
    given = _BECAME.search(question)
    if given is None:
        return False
    head_noun = [w for w in words(given["state"]) if w.lower() not in STOPWORDS][-1:]
    return bool(stems(head_noun) & new_content(_BECAME.sub("", claim), question[: given.start()]))


def _name_runs(text: str) -> list[list[str]]:
    """Runs of name words, a list's items apart: "Russia, China, Pakistan" is three names, not one."""
    return [run for part in re.split(r"[,;:()“”\"]", text) for run in name_runs(part)]


def _holds(run: list[str], name: list[str]) -> bool:
    """Whether a run of name words holds a whole name, its words in a row."""
    return any(run[i : i + len(name)] == name for i in range(len(run) - len(name) + 1))


def new_content(text: str, given: str = "") -> set[str]:
    """Stemmed content words of a text, less those of ``given``."""
    skip = stems(words(given))
    return content_stems(text) - skip


def restatements(answer: str, n: int, evidence: Sequence[Hit], given: str) -> list[int]:
    """Other evidence sentences that contain every new word of an answer: they state it too.

    A one-word answer ("Europe") is not restated by every sentence that
    happens to contain the word, so it needs two new words at least.
    """
    needed = new_content(answer, given)
    if len(needed) < 2:
        return []
    return [m for m in range(1, len(evidence) + 1) if m != n and needed <= new_content(evidence[m - 1].text)]


def merge(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per answer: a later finding that says the same joins its citations to the first."""
    merged: list[Finding] = []
    for finding in findings:
        mine = new_content(finding.text)
        for i, earlier in enumerate(merged):
            theirs = new_content(earlier.text)
            if finding.text == earlier.text or (mine and theirs and (mine <= theirs or theirs <= mine)):
                merged[i] = Finding(earlier.text, tuple(dict.fromkeys((*earlier.cited, *finding.cited))))
                break
        else:
            merged.append(finding)
    return merged
