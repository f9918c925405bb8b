import unicodedata

from jejaring.ingest.clean import clean_text, markdown_to_text


def test_clean_text_normalises_unicode_to_nfc():
    decomposed = "Re\u0301gion"  # e + combining acute
    assert clean_text(decomposed) == unicodedata.normalize("NFC", decomposed) == "Région"


def test_clean_text_folds_spaces_but_keeps_paragraphs():
    raw = "  Judul\t berita \r\n\r\n\r\n\nParagraf\u00a0satu.\u200b  \nbaris dua  \n\n\n"
    assert clean_text(raw) == "Judul berita\n\nParagraf satu.\nbaris dua"


def test_clean_text_removes_control_characters():
    assert clean_text("a\x00b\x07c") == "a b c"


def test_clean_text_is_idempotent():
    once = clean_text(" x \n\n\n y\u00ad ")
    assert clean_text(once) == once


def test_markdown_to_text_keeps_words_and_drops_markup():
    markdown = (
        "# Kota kembar\n\n**JAKARTA** -- Baca [berita ini](https://example.org/a) "
        "dan *lihat* `kode`.\\\n![foto](x.png)\n\n> kutipan \\@akun\n\n---\n"
    )
    text = clean_text(markdown_to_text(markdown))
    assert text == "Kota kembar\n\nJAKARTA -- Baca berita ini dan lihat kode.\n\nkutipan @akun"


def test_markdown_keeps_underscores_inside_words():
    assert markdown_to_text("snake_case_name and _emph_") == "snake_case_name and emph"
