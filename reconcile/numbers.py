"""Numbers as written: ``639``, ``1,200``, ``1,00,000``, ``1.2``, ``1.2 million``, ``5k``,
``seventeen``, ``one hundred and fifty-four``, ``a dozen``.

Values are exact: ``int`` where whole, else ``fractions.Fraction``. The functions here
return None for text that is no number; ``reconcile.values`` says why to the user.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from reconcile.interval import Bound, normalize

SCALES: dict[str, int] = {
    "hundred": 100,
    "dozen": 12,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    # as wire copy abbreviates them, and South Asian outlets count: else "5 mln" would be
    # read as 5, the word after it ignored as a unit's
    "mln": 1_000_000,
    "bln": 1_000_000_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "lac": 100_000,
    "lacs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    # and as copy writes them elsewhere: an unknown word after a number is ignored, so
    # each was read as the number alone ("5 trillion" as 5). Not the words that mean
    # other things too ("5 tn" of tonnes, "mil" a thousand in Spanish): see values.
    "trillion": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}
_BIG = ("hundred", "thousand", "million", "billion")
# Scale words that text2num does not know: "twelve lakh" is twelve times a lakh.
_WORD_SCALES = {
    word: scale
    for word, scale in SCALES.items()
    if word in {"mln", "bln", "lakh", "lakhs", "lac", "lacs", "crore", "crores", "trillion", "trn"}
}
# Every word that may stand in a number written in words.
NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand million billion and a dozen half""".split()  # noqa: SIM905
).union(_WORD_SCALES)
_IDIOMS: dict[str, int] = {"dozen": 12, "a dozen": 12, "half a dozen": 6}

_SCALE_WORDS = "|".join(sorted(SCALES, key=len, reverse=True))  # the longest first
# Digits grouped by thousands (1,200), the Indian way (1,00,000) or not at all; a
# decimal part; a scale word, attached (5k, 1.2m) or after a space (1.2 million).
# At most 300 digits, far inside what int() accepts.
_NUMERAL = re.compile(
    r"(-?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}|[0-9]{1,300})"
    r"(?:\.[0-9]{1,300})?|\.[0-9]{1,300}))"
    rf"(?: ?({_SCALE_WORDS})\b)?"
)
# A number ending in a scale word that ranges share: "1.5 to 2 million".
_SHARED_SCALE = re.compile(rf"(.*[^ ]) ?({_SCALE_WORDS})")


def read_number(text: str) -> Bound | None:
    """The number that all of ``text`` writes, or None."""
    split = split_number(" ".join(text.lower().split()))
    if split is None or split[1]:
        return None
    return split[0]


def split_number(text: str) -> tuple[Bound, str] | None:
    """The number at the start of ``text`` (lower case, single spaces) and the rest,
    or None where it starts with no number. Takes the longest number it can."""
    match = _NUMERAL.match(text)
    if match is None:
        return _split_words(text)
    digits, scale = match.group(1, 2)
    written = digits.replace(",", "")
    # int() where the numeral is whole: the same value, without Fraction's slow parsing
    value = (int(written) if written.isdigit() else Fraction(written)) * SCALES.get(scale or "", 1)
    return normalize(value), text[match.end() :].lstrip()


def share_scale(left: str, right: str) -> str:
    """The low end of a range, given the scale word its high end ends with, where the
    writer meant both ends to share it: "1.5" in "1.5 to 2 million" is "1.5 million".
    Not where the low end stands alone: "500" in "500 to 1 million"."""
    shared = _SHARED_SCALE.fullmatch(right)
    if shared is None or _SHARED_SCALE.fullmatch(left):
        return left
    low, mantissa = read_number(left), read_number(shared.group(1))
    if low is None or mantissa is None or low > mantissa:
        return left
    return f"{left} {shared.group(2)}"


def _split_words(text: str) -> tuple[Bound, str] | None:
    words = text.split(" ")
    for index, word in enumerate(words):  # "twenty+": at least's sign, written on to it
        if word.endswith("+") and _is_number_word(word[:-1]):
            words[index : index + 1] = [word[:-1], "+"]
            break
    run = 0
    while run < len(words) and _is_number_word(words[run]):
        run += 1
    for size in range(run, 0, -1):
        value = _read_words(" ".join(words[:size]))
        if value is not None:
            return value, " ".join(words[size:])
    return None


def _is_number_word(word: str) -> bool:
    return all(part in NUMBER_WORDS for part in word.split("-"))


@lru_cache(maxsize=4096)
def _read_words(phrase: str) -> int | None:
    if phrase in _IDIOMS:
        return _IDIOMS[phrase]
    words = phrase.split(" ")
    if words[-1] == "dozen":
        times = _read_words(" ".join(words[:-1]))
        return None if times is None else times * 12
    if words[-1] in _WORD_SCALES and len(words) > 1:  # "a lakh", "twelve lakh"
        times = 1 if words[:-1] == ["a"] else _read_words(" ".join(words[:-1]))
        return None if times is None else times * _WORD_SCALES[words[-1]]
    if words[0] == "a" and len(words) > 1 and words[1] in _BIG:
        words[0] = "one"
    return _text2num(words) if _is_well_formed(words) else None


def _is_well_formed(words: list[str]) -> bool:
    """Guard text2num's leniency: it reads "zero hundred" as 100 and "fifty and two" as 52.
    "and" may only follow a scale word, "zero" only stand alone, "a"/"half" only in idioms."""
    if len(words) > 1 and "zero" in words:
        return False
    if {"a", "half", "dozen"}.intersection(words) or words[-1] == "and":
        return False
    return all(
        word != "and" or before in _BIG for before, word in zip(["", *words], words, strict=False)
    )


def _text2num(words: list[str]) -> int | None:
    from text_to_num import text2num  # imported here: it is slow to load, and rarely needed

    try:
        return int(text2num(" ".join(words), "en"))
    except ValueError:
        return None
