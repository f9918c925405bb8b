"""Themes from the cue lexicon: offsets, languages, word boundaries, scoring."""

import itertools
import json
from pathlib import Path

import pytest

from jejaring.extract.themes import (
    THRESHOLD,
    CueMatcher,
    fold,
    load_lexicon,
    parse_cue,
    score_themes,
    theme_score,
    themes,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SPEC_THEMES = {
    "smart_city", "digital_transformation", "innovation", "circular_economy",
    "waste_management", "climate_action", "energy", "flood_management", "water_sanitation",
    "air_quality", "green_space", "green_building", "urban_mobility", "public_space",
    "housing", "disaster_management", "urban_resilience", "public_health",
    "gender_social_inclusion", "food_systems", "agriculture", "rural_development",
    "education", "culture_heritage", "tourism", "trade_investment", "local_economy",
    "public_services", "multilevel_governance", "sustainable_development",
}  # fmt: skip

INDONESIAN = (
    "Pemerintah Kota Bogor memperluas program bank sampah dan pengelolaan sampah berbasis "
    "warga. Selain itu, pemkot menambah ruang terbuka hijau (RTH) di tiap kecamatan dan "
    "membangun jalur sepeda baru menuju stasiun."
)
ENGLISH = (
    "The city council approved a flood control plan with new retention ponds and better "
    "drainage, alongside an affordable housing programme for riverside families."
)
FRENCH = (
    "La métropole accélère l’économie circulaire : ressourceries, réemploi et tri des déchets "
    "sont au cœur du plan. Les pistes cyclables seront prolongées jusqu’à la gare."
)


def ids(text: str, language: str | None) -> set[str]:
    return {t.id for t in score_themes(text, language)}


def test_taxonomy_covers_the_spec_ids_in_three_languages() -> None:
    taxonomy = themes()
    assert set(taxonomy) == SPEC_THEMES
    for info in taxonomy.values():
        assert set(info.labels) == {"id", "en", "fr"}
        assert info.sdgs and all(1 <= goal <= 17 for goal in info.sdgs)


def test_each_theme_has_cues_in_each_language() -> None:
    for theme_id, theme in load_lexicon("themes.json")["themes"].items():
        assert set(theme["cues"]) - {"any"} == {"id", "en", "fr"}, theme_id


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (INDONESIAN, "id", {"waste_management", "green_space", "urban_mobility"}),
        (ENGLISH, "en", {"flood_management", "housing"}),
        (FRENCH, "fr", {"circular_economy", "waste_management", "urban_mobility"}),
    ],
)
def test_cues_in_three_languages(text: str, language: str, expected: set[str]) -> None:
    assert expected <= ids(text, language)


@pytest.mark.parametrize("text", [INDONESIAN, ENGLISH, FRENCH, "İstanbul’da bank sampah."])
def test_evidence_offsets_point_into_the_source(text: str) -> None:
    found = score_themes(text, None)
    assert found
    for theme in found:
        assert 1 <= len(theme.evidence) <= 3
        assert 0.0 <= theme.score <= 1.0
        for span in theme.evidence:
            assert text[span["start"] : span["end"]] == span["text"]


def test_fold_keeps_every_character_in_place() -> None:
    text = "İSTANBUL – Économie\u00a0circulaire, l’été\nCafé-Bar"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.index("economie circulaire") == text.index("Économie")
    assert "l'ete" in folded and "cafe bar" in folded


def test_french_matching_ignores_case_and_diacritics() -> None:
    for text in ("Plan pour l'economie circulaire.", "PLAN POUR L'ÉCONOMIE CIRCULAIRE."):
        assert "circular_economy" in ids(text, "fr")


def test_hyphens_and_line_breaks_match_spaces() -> None:
    assert "smart_city" in ids("Program Smart-City\nbaru diluncurkan.", "id")
    assert "smart_city" in ids("Program smart\ncity diluncurkan.", "id")


def test_whole_words_only() -> None:
    matcher = CueMatcher([parse_cue("tram", "t", "en")])
    assert matcher.hits("The tram is late.", "en")
    assert not matcher.hits("A trampoline park.", "en")
    assert not matcher.hits("Hamsteram.", "en")


def test_inflections_and_prefix_cues() -> None:
    matcher = CueMatcher([parse_cue("sampah", "w", "id", ["nya"]), parse_cue("recycl*", "r", "en")])
    text = "Sampahnya menumpuk; recycling and recycled goods."
    found = [text[h.start : h.end] for h in matcher.hits(text, None)]
    assert found == ["Sampahnya", "recycling", "recycled"]


def test_longest_cue_hides_the_cues_inside_it() -> None:
    found = score_themes("Warga mengantar botol ke bank sampah.", "id")
    waste = next(t for t in found if t.id == "waste_management")
    assert [e["text"] for e in waste.evidence] == ["bank sampah"]


def test_exact_cues_keep_their_case() -> None:
    matcher = CueMatcher([parse_cue("=WHO", "o", "any")])
    assert matcher.hits("WHO and UNICEF.", "en")
    assert not matcher.hits("People who care.", "en")


def test_single_english_words_do_not_count_in_other_languages() -> None:
    assert "housing" not in ids("Program housing untuk warga.", "id")
    assert "housing" in ids("Program affordable housing untuk warga.", "id")
    assert "housing" in ids("A new housing programme for families.", "en")


def test_ignored_phrases_hide_their_cue_words() -> None:
    assert "urban_mobility" not in ids("Polisi menyita sepeda motor dan sepeda motor lain.", "id")


def test_weak_cue_alone_is_not_a_theme_but_strong_is() -> None:
    assert "green_space" not in ids("Mereka berjalan di bawah pohon.", "id")
    assert "green_space" in ids("Mereka menata ruang terbuka hijau.", "id")


def test_repetition_has_diminishing_returns() -> None:
    scores = [theme_score([(2, n)]) for n in (1, 2, 4, 8, 16)]
    gains = [b - a for a, b in itertools.pairwise(scores)]
    assert all(g > 0 for g in gains)
    assert all(later < earlier for earlier, later in itertools.pairwise(gains))
    assert scores[-1] < 1.0
    # Two different cues say more than one cue said twice.
    assert theme_score([(2, 1), (2, 1)]) > theme_score([(2, 2)])


def test_long_documents_need_more_evidence() -> None:
    cue = "Pemkot menyiapkan bank sampah. "
    filler = "Warga berkumpul di balai desa untuk rapat rutin bulanan. " * 200
    short = next(t for t in score_themes(cue, "id") if t.id == "waste_management")
    long = [t for t in score_themes(cue + filler, "id") if t.id == "waste_management"]
    assert not long or long[0].score < short.score


def test_results_sorted_and_above_threshold() -> None:
    found = score_themes(INDONESIAN + " " + ENGLISH, None)
    scores = [t.score for t in found]
    assert scores == sorted(scores, reverse=True)
    assert all(s >= THRESHOLD for s in scores)


def test_empty_text() -> None:
    assert score_themes("", "id") == []


@pytest.mark.shared
def test_themes_against_gold_seeds() -> None:
    tp = fp = fn = 0
    for gold_path in sorted((SHARED / "gold" / "seeds").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (SHARED / "corpus" / "seeds" / f"{gold['doc']}.txt").read_text(encoding="utf-8")
        found, expected = ids(text, "id"), set(gold["themes"])
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= 0.75
