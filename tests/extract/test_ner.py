"""The Indonesian NER: CoNLL handling, label mapping, scoring, the shipped model and its CLI.

Every sentence below is invented for these tests. Tests that read the real
corpora are marked ``shared`` and skipped when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import jejaring.cli.ner  # noqa: F401  (registers `jejaring ner`)
from jejaring.cli import app
from jejaring.extract.ner import (
    Chunk,
    ConllError,
    chunks,
    evaluate_conll,
    load_model,
    load_type_map,
    map_labels,
    read_conll,
    repair_bio,
    score,
    tag,
    tag_conll,
    write_conll,
)
from jejaring.extract.ner.conll import parse_conll
from jejaring.extract.ner.ensemble import Ensemble, vote
from jejaring.extract.ner.train import lowercase_copies, read_corpus, sentence_texts

SHARED_NER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ner"
runner = CliRunner()

# Invented sentences in NERGrit's style (cased, NERGrit type names).
FIXTURE = """\
Wali\tO
Kota\tO
Tanjung\tB-PLACE
Sari\tI-PLACE
bertemu\tO
Duta\tO
Besar\tO
Jepang\tB-PLACE
di\tO
Jakarta\tB-PLACE
.\tO

Gubernur\tO
Jawa\tB-PLACE
Tengah\tI-PLACE
Budi\tB-PERSON
Santoso\tI-PERSON
menandatangani\tO
kerja\tO
sama\tO
dengan\tO
Kementerian\tB-ORGANISATION
Luar\tI-ORGANISATION
Negeri\tI-ORGANISATION
.\tO

Presiden\tO
Joko\tB-PERSON
Widodo\tI-PERSON
mengunjungi\tO
Surabaya\tB-PLACE
pada\tO
hari\tO
Senin\tO
.\tO
"""

# Invented sentences in NERP's style (lower-cased, NERP type names, one stray I- tag).
FIXTURE_NERP = """\
festival\tB-EVT
kuliner\tI-EVT
bandung\tI-PLC
dibuka\tO
oleh\tO
ridwan\tB-PPL
kamil\tI-PPL
.\tO

warga\tO
makassar\tB-PLC
menikmati\tO
coto\tB-FNB
makassar\tI-FNB
di\tO
pasar\tO
.\tO
"""


@pytest.fixture
def fixture_file(tmp_path: Path) -> Path:
    path = tmp_path / "kota.conll"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


@pytest.fixture
def nerp_file(tmp_path: Path) -> Path:
    path = tmp_path / "nerp.conll"
    path.write_text(FIXTURE_NERP, encoding="utf-8")
    return path


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


# --- CoNLL reading and writing -------------------------------------------------------------


def test_read_conll_splits_sentences_on_blank_lines(fixture_file: Path):
    sentences = read_conll(fixture_file)
    assert [len(sentence) for sentence in sentences] == [11, 13, 9]
    assert sentences[0][2] == ("Tanjung", "B-PLACE")


def test_reader_takes_first_and_last_column_and_skips_docstart():
    lines = ["-DOCSTART- O", "", "Bandung NNP B-LOC", "kota NN O", "", "", "Medan X B-LOC", ""]
    assert parse_conll(lines) == [[("Bandung", "B-LOC"), ("kota", "O")], [("Medan", "B-LOC")]]


def test_reader_rejects_missing_labels_unless_told():
    with pytest.raises(ConllError, match="no label"):
        parse_conll(["Bandung", ""])
    assert parse_conll(["Bandung", ""], missing_label="O") == [[("Bandung", "O")]]


def test_write_then_read_round_trips(tmp_path: Path, fixture_file: Path):
    sentences = read_conll(fixture_file)
    copy = tmp_path / "copy.conll"
    write_conll(copy, sentences)
    assert read_conll(copy) == sentences
    assert copy.read_text(encoding="utf-8") == FIXTURE + "\n"  # ends with a blank line


def test_writer_refuses_fields_with_spaces(tmp_path: Path):
    with pytest.raises(ConllError):
        write_conll(tmp_path / "x.conll", [[("Tanjung Sari", "B-LOC")]])


# --- BIO chunks, repair and label mapping --------------------------------------------------


def test_chunks_follow_conlleval():
    labels = ["B-PER", "I-PER", "I-LOC", "O", "I-ORG", "I-ORG", "B-ORG", "B-LOC"]
    assert chunks(labels) == [
        Chunk(0, 2, "PER"),
        Chunk(2, 3, "LOC"),  # I- of another type starts an entity
        Chunk(4, 6, "ORG"),  # I- after O starts an entity
        Chunk(6, 7, "ORG"),  # B- always starts a new one
        Chunk(7, 8, "LOC"),
    ]


def test_chunks_reject_other_schemes():
    with pytest.raises(ConllError):
        chunks(["S-PER"])


def test_repair_bio_keeps_the_same_entities():
    labels = ["I-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-LOC"]
    repaired = repair_bio(labels)
    assert repaired == ["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "B-LOC"]
    assert chunks(repaired) == chunks(labels)
    assert repair_bio(repaired) == repaired


def test_type_map_comes_from_the_data_file():
    table = load_type_map()
    assert table["PERSON"] == table["PPL"] == "PER"
    assert table["PLACE"] == table["PLC"] == "LOC"
    assert table["ORGANISATION"] == table["IND"] == "ORG"
    assert table["EVT"] is None and table["FNB"] is None
    assert {table[kind] for kind in ("PER", "LOC", "ORG")} == {"PER", "LOC", "ORG"}


def test_map_labels_renames_drops_and_repairs():
    # The stray I-PLC after a dropped event becomes an entity of its own.
    assert map_labels(["B-EVT", "I-EVT", "I-PLC", "O", "B-PPL", "I-PPL"]) == [
        "O",
        "O",
        "B-LOC",
        "O",
        "B-PER",
        "I-PER",
    ]
    # Adjacent entities stay apart even when both map to the same type.
    assert map_labels(["B-PERSON", "I-PPL"]) == ["B-PER", "B-PER"]


def test_map_labels_unknown_types():
    with pytest.raises(ConllError, match="MISC"):
        map_labels(["B-MISC"])
    assert map_labels(["B-MISC", "B-PER"], unknown="drop") == ["O", "B-PER"]


def test_training_corpus_is_mapped_and_gets_lowercase_copies(fixture_file, nerp_file):
    sentences = read_corpus([fixture_file, nerp_file])
    assert sentences[3][:3] == [("festival", "O"), ("kuliner", "O"), ("bandung", "B-LOC")]
    copies = lowercase_copies(sentences)
    assert len(copies) == 3  # the NERP sentences are already lower-case
    assert copies[0][2] == ("tanjung", "B-LOC")


def test_pretraining_text_is_each_distinct_sentence_once(fixture_file, nerp_file):
    texts = sentence_texts([fixture_file, nerp_file, fixture_file])
    assert len(texts) == 5  # the fixture listed twice adds nothing
    assert texts[0].startswith("Wali Kota Tanjung Sari bertemu")
    assert texts == sentence_texts([fixture_file, nerp_file])


# --- scoring -------------------------------------------------------------------------------


def test_score_counts_exact_span_and_type():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "O", "B-LOC"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"], ["B-ORG", "O", "O", "B-LOC"]]
    scores = score(gold, pred)
    per = {kind: (c.tp, c.fp, c.fn) for kind, c in scores.per_type.items()}
    assert per == {"LOC": (1, 0, 1), "ORG": (0, 2, 1), "PER": (1, 0, 0)}
    micro = scores.micro
    assert (micro.tp, micro.fp, micro.fn) == (2, 2, 2)
    assert micro.precision == micro.recall == micro.f1 == 0.5
    # Macro averages the per-type F1: LOC 2/3, ORG 0, PER 1.
    assert scores.macro_f1 == pytest.approx((2 / 3 + 0 + 1) / 3)
    assert scores.macro_precision == pytest.approx((1 + 0 + 1) / 3)
    assert scores.macro_recall == pytest.approx((0.5 + 0 + 1) / 3)
    assert scores.sentences == 2 and scores.tokens == 8


def test_score_perfect_and_empty():
    perfect = score([["B-LOC", "I-LOC"]], [["B-LOC", "I-LOC"]])
    assert perfect.micro.f1 == perfect.macro_f1 == 1.0
    empty = score([["O"]], [["O"]])
    assert empty.per_type == {} and empty.micro.f1 == 0.0 and empty.macro_f1 == 0.0


def test_score_uses_conlleval_chunks():
    # A prediction starting with I- is the same entity as one starting with B-.
    assert score([["B-LOC", "I-LOC"]], [["I-LOC", "I-LOC"]]).micro.f1 == 1.0


def test_score_rejects_misaligned_input():
    with pytest.raises(ConllError):
        score([["O", "O"]], [["O"]])
    with pytest.raises(ConllError):
        score([["O"]], [])


def test_scores_to_dict_is_json_ready():
    data = score([["B-PER"]], [["B-PER"]]).to_dict()
    assert json.loads(json.dumps(data))["micro"]["f1"] == 1.0


# --- the shipped model ---------------------------------------------------------------------


def test_model_loads_once():
    from jejaring.extract.ner import tagger

    tagger._load.cache_clear()
    nlp = load_model()  # its load time is reported by benchmarks/extract.py (start-up)
    assert load_model() is nlp
    members = nlp.members if isinstance(nlp, Ensemble) else [nlp]
    assert all(set(m.get_pipe("ner").labels) == {"PER", "LOC", "ORG"} for m in members)


def test_tag_finds_obvious_entities():
    tokens = ["Wali", "Kota", "Tanjung", "Sari", "bertemu", "Duta", "Besar", "Jepang"]
    tokens += ["di", "Jakarta"]
    lower = [token.lower() for token in tokens]
    cased, uncased = tag([tokens, lower, []])[:2]
    assert len(cased) == len(tokens) and tag([[]]) == [[]]
    for labels in (cased, uncased):
        assert labels[tokens.index("Jakarta")] == "B-LOC"
        assert labels[tokens.index("bertemu")] == "O"


def test_tag_conll_writes_token_gold_predicted(tmp_path: Path, fixture_file: Path):
    out_path = tmp_path / "tagged.conll"
    assert tag_conll(fixture_file, out_path) == 3
    rows = [line.split(" ") for line in out_path.read_text(encoding="utf-8").splitlines()]
    tokens = [row for row in rows if row != [""]]
    assert len(tokens) == 33 and all(len(row) == 3 for row in tokens)
    assert tokens[2][:2] == ["Tanjung", "B-LOC"]  # gold is mapped
    assert tokens[9] == ["Jakarta", "B-LOC", "B-LOC"]


def test_evaluate_conll_on_fixture(fixture_file: Path):
    scores = evaluate_conll(fixture_file)
    assert scores.sentences == 3 and scores.micro.support == 8
    assert scores.micro.f1 >= 0.6


def test_missing_model_says_how_to_get_one(tmp_path: Path):
    from jejaring.errors import ConfigError

    with pytest.raises(ConfigError, match="jejaring ner train"):
        load_model(tmp_path)


# --- the command line ----------------------------------------------------------------------


def test_cli_tag(tmp_path: Path, fixture_file: Path):
    out_path = tmp_path / "tagged.conll"
    result = run("ner", "tag", str(fixture_file), "-o", str(out_path))
    assert result.exit_code == 0, result.output
    assert "3 sentences" in result.output and out_path.is_file()


def test_cli_eval_table_and_json(fixture_file: Path):
    result = run("ner", "eval", str(fixture_file))
    assert result.exit_code == 0
    for word in ("LOC", "PER", "ORG", "micro", "macro", "precision"):
        assert word in result.output
    result = run("ner", "eval", str(fixture_file), "--json")
    data = json.loads(result.output)
    assert data["micro"]["support"] == 8 and set(data["per_type"]) <= {"PER", "LOC", "ORG"}


def test_cli_eval_reports_bad_files(tmp_path: Path):
    bad = tmp_path / "bad.conll"
    bad.write_text("Bandung\tB-MISC\n\n", encoding="utf-8")
    result = runner.invoke(app, ["ner", "eval", str(bad)])
    assert result.exit_code == 1 and "MISC" in result.output


def test_cli_train_without_data_fails_cleanly(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("JEJARING_NER_DATA", str(tmp_path))
    result = runner.invoke(app, ["ner", "train", "-o", str(tmp_path / "model")])
    assert result.exit_code == 2 and "no training data" in result.output


@pytest.mark.parametrize("pretrain", ["--no-pretrain", "--pretrain"])
def test_cli_train_is_reproducible(
    tmp_path: Path, fixture_file: Path, nerp_file: Path, pretrain: str
):
    """One short epoch on the fixtures, twice: same seed, same data, identical weights."""
    models = []
    for name in ("a", "b"):
        output = tmp_path / name
        args = ["ner", "train", "--train", str(fixture_file), "--train", str(nerp_file)]
        args += ["--dev", str(fixture_file), "-o", str(output), "--max-epochs", "1", "-q"]
        args += [pretrain, "--members", "1"]
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "micro" in result.output
        models.append(output)
    for part in ("tok2vec/model", "ner/model", "config.cfg", "name_lists/name_lists.json.gz"):
        assert (models[0] / part).read_bytes() == (models[1] / part).read_bytes()
    assert load_model(models[0]).meta["name"] == "jejaring_ner_id"
    result = run("ner", "eval", str(nerp_file), "--model", str(models[0]), "--json")
    assert json.loads(result.output)["sentences"] == 2


def test_cli_train_pretraining_changes_the_starting_weights(tmp_path: Path, fixture_file: Path):
    """spaCy only loads pretrained weights when the training config has a
    ``[pretraining]`` section; with --pretrain the result must differ."""
    models = []
    for flag in ("--no-pretrain", "--pretrain"):
        output = tmp_path / flag.strip("-")
        args = ["ner", "train", "--train", str(fixture_file), "--dev", str(fixture_file)]
        result = run(*args, "-o", str(output), "--max-epochs", "1", "-q", flag, "--members", "1")
        assert result.exit_code == 0, result.output
        models.append((output / "tok2vec" / "model").read_bytes())
    assert models[0] != models[1]


def test_cli_train_ensemble_members_vote(tmp_path: Path, fixture_file: Path, nerp_file: Path):
    """Three members from seeds 0, 1 and 2, each a model of its own; the folder loads as one."""
    output = tmp_path / "ensemble"
    args = ["ner", "train", "--train", str(fixture_file), "--train", str(nerp_file)]
    args += ["--dev", str(fixture_file), "-o", str(output), "--max-epochs", "2", "-q"]
    result = run(*args, "--members", "3")
    assert result.exit_code == 0, result.output
    settings = json.loads((output / "ensemble.json").read_text("utf-8"))
    assert settings["members"] == ["member-0", "member-1", "member-2"]
    weights = {(output / name / "tok2vec" / "model").read_bytes() for name in settings["members"]}
    assert len(weights) == 3
    ensemble = load_model(output)
    assert isinstance(ensemble, Ensemble) and ensemble.meta["name"] == "jejaring_ner_id"
    sentences = [[token for token, _ in sentence] for sentence in read_conll(fixture_file)]
    alone = [tag(sentences, output / name) for name in settings["members"]]
    voted = tag(sentences, output)
    for index, labels in enumerate(voted):
        found = [set(chunks(member[index])) for member in alone]
        majority = {c for c in set.union(*found) if sum(c in f for f in found) >= 2}
        assert set(chunks(labels)) <= majority
    result = run("ner", "eval", str(fixture_file), "--model", str(output), "--json")
    assert result.exit_code == 0 and json.loads(result.output)["sentences"] > 0


def test_vote_keeps_majority_entities_without_overlaps():
    a = [(0, 2, "PER"), (4, 5, "LOC")]
    b = [(0, 2, "PER"), (4, 6, "LOC")]
    c = [(0, 1, "PER"), (4, 6, "LOC"), (8, 9, "ORG")]
    assert vote([a, b, c]) == [(0, 2, "PER"), (4, 6, "LOC")]
    # A tie between overlapping entities of one length goes to the earlier one.
    assert vote([[(0, 2, "ORG")], [(0, 2, "ORG"), (1, 3, "LOC")], [(1, 3, "LOC")]]) == [
        (0, 2, "ORG")
    ]
    assert vote([a]) == a
    assert vote([a, b]) == [(0, 2, "PER")]


def test_cli_train_will_not_replace_a_foreign_folder(tmp_path: Path, fixture_file: Path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    args = ["ner", "train", "--train", str(fixture_file), "--dev", str(fixture_file)]
    result = runner.invoke(app, [*args, "-o", str(tmp_path), "--max-epochs", "1", "-q"])
    assert result.exit_code == 1 and (tmp_path / "notes.txt").is_file()


# --- the real corpora ----------------------------------------------------------------------


@pytest.mark.shared
def test_shared_corpora_map_to_three_types():
    sentences = read_corpus(
        [SHARED_NER / "nergrit" / "valid.txt", SHARED_NER / "nerp" / "valid.txt"]
    )
    kinds = {chunk.type for sentence in sentences for chunk in chunks([lab for _, lab in sentence])}
    assert kinds == {"PER", "LOC", "ORG"}


@pytest.mark.shared
def test_shipped_model_scores_on_nergrit_valid():
    scores = evaluate_conll(SHARED_NER / "nergrit" / "valid.txt")
    assert scores.sentences == 209 and scores.micro.support == 662
    # Measured 0.720 (see data/ner/README.md); the floor catches regressions.
    assert scores.micro.f1 >= 0.70
