from jejaring.ingest.dedupe import band_keys, lsh_params, shingles, signature, similarity
from texts import SISTER_CITY_ID, edit_one_word, filler


def test_shingles_are_lowercased_word_trigrams():
    assert shingles("Kota Kembar baru dibentuk") == {"kota kembar baru", "kembar baru dibentuk"}
    assert shingles("dua kata") == {"dua kata"}
    assert shingles("") == set()


def test_signatures_are_stable_and_estimate_jaccard():
    assert (signature(SISTER_CITY_ID) == signature(SISTER_CITY_ID)).all()
    near = edit_one_word(SISTER_CITY_ID)
    exact = len(shingles(SISTER_CITY_ID) & shingles(near)) / len(
        shingles(SISTER_CITY_ID) | shingles(near)
    )
    estimate = similarity(signature(SISTER_CITY_ID), signature(near))
    assert abs(estimate - exact) < 0.1
    assert similarity(signature(filler(1)), signature(filler(2))) < 0.1


def test_lsh_parameters_suit_the_threshold():
    strict, loose = lsh_params(0.9), lsh_params(0.5)
    assert strict.bands * strict.rows <= 128 and loose.bands * loose.rows <= 128
    assert strict.rows > loose.rows  # a higher threshold needs longer bands


def test_near_duplicates_share_a_band_and_strangers_do_not():
    params = lsh_params(0.9)
    original = set(band_keys(signature(SISTER_CITY_ID), params))
    copy = set(band_keys(signature(edit_one_word(SISTER_CITY_ID)), params))
    stranger = set(band_keys(signature(filler(3)), params))
    assert original & copy
    assert not original & stranger
