"""spaCy's stop-word lists, read without loading its language packages."""

import subprocess
import sys

from jejaring.extract.stop_words import function_words, stop_words


def test_the_three_languages_lists_are_read():
    assert {"elle", "ia", "she", "yang", "the", "les"} <= function_words()
    assert "ia" in stop_words("id") and "elle" in stop_words("fr")
    assert stop_words("zz") == frozenset()  # a language spaCy lacks has none


def test_reading_them_loads_no_language_package():
    """Importing spacy.lang.fr would load its tokenizer exceptions (about 4 s)."""
    code = (
        "import sys; from jejaring.extract.stop_words import function_words; "
        "function_words(); print(sorted(m for m in sys.modules if m.startswith('spacy.lang.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "spacy.lang.fr" not in loaded and "spacy.lang.id" not in loaded
