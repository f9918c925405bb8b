"""Tokenizer: the language's prefix and suffix rules, hyphenated words kept whole.

spaCy's Indonesian defaults carry 16,000 exceptions, nearly all reduplicated
words ("anak-anak", "kota-kota") that exist only to stop the hyphen rule from
splitting them; loading them costs two seconds at every start. Dropping the
hyphen-between-letters rule keeps those words, and names such as
"Souss-Massa" or "Nasional-Lokal", whole without any list. Abbreviations that
end in a full stop ("Pj.", "Dr.", "No.") come from the project's lexicon.
"""

from __future__ import annotations

import re

from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from jejaring.extract.sentences import abbreviations


@registry.tokenizers("jejaring.tokenizer.v1")
def make_tokenizer():
    def create(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        infixes = [rule for rule in defaults.infixes if not _splits_hyphenated_words(rule)]
        rules = {k: v for k, v in BASE_EXCEPTIONS.items()}
        words = abbreviations().get(nlp.lang, frozenset()) | abbreviations()["id"]
        for word in words:
            for form in {word, word.capitalize()}:
                rules[f"{form}."] = [{ORTH: f"{form}."}]
        return Tokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=compile_prefix_regex(defaults.prefixes).search,
            suffix_search=compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return create


def _splits_hyphenated_words(rule: str) -> bool:
    """Whether an infix rule would cut "kota-kota", "Souss-Massa" or "ke-7" apart."""
    return any(re.search(rule, sample) for sample in ("kota-kota", "Souss-Massa", "ke-7", "G20-an"))
