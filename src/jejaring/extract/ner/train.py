"""Train the named-entity recogniser from CoNLL files with spaCy's own training loop.

Everything that decides the model lives in two reviewed files, the spaCy
config (``data/ner/config.cfg``) and the label table (``data/ner/labels.json``);
this module only turns CoNLL into spaCy's binary format, runs the loop with a
fixed seed and copies the best checkpoint into place. The same command with
the same files therefore rebuilds the shipped model.
"""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from jejaring import __version__
from jejaring.errors import ConfigError
from jejaring.extract.ner.conll import Sentence, read_mapped
from jejaring.extract.ner.scoring import Scores

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "ner"
DEFAULT_CONFIG = DATA_DIR / "config.cfg"
DEFAULT_PRETRAIN_CONFIG = DATA_DIR / "pretrain.cfg"
DEFAULT_MODEL_DIR = DATA_DIR / "model"
DATA_ENV = "JEJARING_NER_DATA"
CORPORA = ("nergrit", "nerp")
TRAIN_REPEATS = {"nergrit": 3, "nerp": 1}
#: The corpora whose valid split chooses the checkpoint: NERGrit's, the one the
#: target and the literature name; NERP's valid split stays a held-out check.
SELECTION_CORPORA = ("nergrit",)
MODEL_NAME = "jejaring_ner_id"


@dataclass
class TrainResult:
    """What a training run produced, for the command to report."""

    output: Path
    seconds: float
    train_sentences: int
    dev_sentences: int
    dev_scores: dict[Path, Scores] = field(default_factory=dict)


# --- where the data is ---------------------------------------------------------------------


def default_data_dir() -> Path | None:
    """The folder holding ``nergrit/`` and ``nerp/``: ``$JEJARING_NER_DATA``, else a
    ``shared/data/ner`` folder next to the working directory or the source tree."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    here = Path(__file__).resolve()
    for base in [Path.cwd(), *Path.cwd().parents, *here.parents]:
        candidate = base / "shared" / "data" / "ner"
        if candidate.is_dir():
            return candidate
    return None


def default_files(split: str) -> list[Path]:
    """The NERGrit and NERP files of one split (``train`` or ``valid``) that exist.

    In the train split NERGrit is listed :data:`TRAIN_REPEATS` times: it has a
    third as many sentences as NERP but is the only cased corpus and the one
    scored against the literature, so repeating it balances the two.
    """
    return _files(split, CORPORA)


def default_selection_files() -> list[Path]:
    """The valid files that choose the checkpoint (:data:`SELECTION_CORPORA`)."""
    return _files("valid", SELECTION_CORPORA)


def _files(split: str, corpora: Iterable[str]) -> list[Path]:
    root = default_data_dir()
    if root is None:
        return []
    files = []
    for corpus in corpora:
        path = root / corpus / f"{split}.txt"
        if path.is_file():
            files += [path] * (TRAIN_REPEATS[corpus] if split == "train" else 1)
    return files


# --- data preparation ----------------------------------------------------------------------


def read_corpus(paths: Iterable[str | Path]) -> list[Sentence]:
    """All sentences of the given files, labels mapped to PER/LOC/ORG with clean BIO."""
    sentences: list[Sentence] = []
    for path in paths:
        sentences.extend(read_mapped(path))
    return sentences


def lowercase_copies(sentences: Iterable[Sentence]) -> list[Sentence]:
    """A lower-cased copy of every sentence that has a capital letter.

    NERP and much real input (headlines in capitals, social media) carry no
    usable case; training on both spellings of the cased sentences keeps the
    model from treating a capital letter as the whole story.
    """
    copies = []
    for sentence in sentences:
        if any(token != token.lower() for token, _ in sentence):
            copies.append([(token.lower(), label) for token, label in sentence])
    return copies


def sentence_texts(paths: Iterable[str | Path]) -> list[str]:
    """The text of each distinct sentence of the files (tokens joined by spaces), in order:
    the unlabelled text pretraining learns from. A file listed twice adds nothing."""
    texts = (" ".join(token for token, _ in sentence) for sentence in read_corpus(paths))
    return list(dict.fromkeys(texts))


def write_docbin(sentences: Sequence[Sentence], path: Path) -> None:
    """Save sentences as a spaCy ``DocBin`` with gold entities, tokens kept as given."""
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("xx").vocab
    docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for sentence in sentences:
        words = [token for token, _ in sentence]
        docbin.add(Doc(vocab, words=words, ents=[label for _, label in sentence]))
    docbin.to_disk(path)


# --- training ------------------------------------------------------------------------------


def train_model(
    train_files: Sequence[str | Path],
    dev_files: Sequence[str | Path],
    output: str | Path = DEFAULT_MODEL_DIR,
    *,
    config: str | Path = DEFAULT_CONFIG,
    pretrain_config: str | Path | None = None,
    max_epochs: int | None = None,
    lowercase: bool = True,
    members: int = 1,
    report_files: Sequence[str | Path] = (),
    overrides: dict[str, Any] | None = None,
    progress: IO[str] | None = None,
) -> TrainResult:
    """Train on ``train_files``, keep the checkpoint that scores best on ``dev_files``,
    and install it at ``output`` (replacing a model already there).

    With ``members`` above one, that many models are trained from seeds 0, 1, …
    (the config's seed is replaced) and installed as an ensemble that votes
    (see :mod:`jejaring.extract.ner.ensemble`).

    With a ``pretrain_config`` (such as :data:`DEFAULT_PRETRAIN_CONFIG`), the tok2vec
    layer is first pretrained on the train files' own text; the shipped model was not.
    ``progress`` receives spaCy's training table; None keeps it quiet. The
    installed model is scored on ``dev_files`` and ``report_files``.
    """
    if not train_files or not dev_files:
        raise ConfigError("training needs at least one train file and one dev file")
    output = Path(output)
    _check_replaceable(output)
    started = time.perf_counter()
    if members < 1:
        raise ConfigError(f"an ensemble needs at least one member, not {members}")
    train = read_corpus(train_files)
    if lowercase:
        train += lowercase_copies(train)
    dev = read_corpus(dev_files)
    logger.info("training on %d sentences, selecting on %d", len(train), len(dev))
    with tempfile.TemporaryDirectory(prefix="jejaring-ner-") as tmp:
        workdir = Path(tmp)
        write_docbin(train, workdir / "train.spacy")
        write_docbin(dev, workdir / "dev.spacy")
        settings: dict[str, Any] = {
            "paths.train": str(workdir / "train.spacy"),
            "paths.dev": str(workdir / "dev.spacy"),
        }
        pretrain_path = Path(pretrain_config) if pretrain_config is not None else None
        if pretrain_path is not None:
            texts = sentence_texts(train_files)
            raw, weights = _pretrain(
                Path(config), pretrain_path, texts, workdir, quiet=progress is None
            )
            settings.update({"paths.raw_text": str(raw), "paths.init_tok2vec": str(weights)})
        if max_epochs is not None:
            settings["training.max_epochs"] = max_epochs
        settings.update(overrides or {})
        staged = workdir / "staged"
        if members == 1:
            _run_spacy(Path(config), pretrain_path, workdir / "out", settings, progress)
            _stage(workdir / "out" / "model-best", staged)
        else:
            for seed in range(members):
                if progress is not None:
                    progress.write(f"\nEnsemble member {seed + 1} of {members} (seed {seed})\n")
                out = workdir / f"out-{seed}"
                _run_spacy(
                    Path(config), pretrain_path, out, settings | {"system.seed": seed}, progress
                )
                _stage(out / "model-best", staged / _member_name(seed))
            _write_ensemble(staged, [_member_name(seed) for seed in range(members)])
        _swap_in(staged, output)
    seconds = time.perf_counter() - started
    result = TrainResult(output, seconds, len(train), len(dev))
    result.dev_scores = _evaluate(output, list(dict.fromkeys([*dev_files, *report_files])))
    logger.info("trained %s in %.0f s", output, seconds)
    return result


def _load_settings(config_path: Path, pretrain_path: Path | None, overrides: dict[str, Any]):
    """The training config, with the pretraining settings merged in when given, then
    ``overrides`` applied (not interpolated). spaCy loads ``init_tok2vec`` weights only
    when the config it trains from has a ``[pretraining]`` section, hence the merge."""
    from spacy.util import load_config
    from thinc.api import Config

    for path in (config_path, pretrain_path):
        if path is not None and not path.is_file():
            raise ConfigError(f"no spaCy config at {path}")
    config = load_config(config_path, interpolate=False)
    if pretrain_path is not None:
        config = config.merge(load_config(pretrain_path, interpolate=False))
    return Config().from_str(config.to_str(), overrides=overrides, interpolate=False)


def _run_spacy(
    config_path: Path,
    pretrain_path: Path | None,
    out_dir: Path,
    overrides: dict[str, Any],
    progress: IO[str] | None,
) -> None:
    """spaCy's documented training API: load config, initialise, run the loop."""
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as spacy_train

    import jejaring.extract.ner.name_lists  # noqa: F401 - registers the list component

    config = _load_settings(config_path, pretrain_path, overrides)
    stream = progress or io.StringIO()
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp = init_nlp(config, use_gpu=-1)
    spacy_train(nlp, out_dir, use_gpu=-1, stdout=stream, stderr=stream)


def _pretrain(
    config_path: Path, pretrain_path: Path, texts: Sequence[str], workdir: Path, *, quiet: bool
) -> tuple[Path, Path]:
    """Pretrain the tok2vec layer on the training sentences' own text.

    ``pretrain_path`` (``data/ner/pretrain.cfg``) is merged into the training
    config and spaCy's ``pretrain`` step runs its objective (predicting each
    word's first and last characters from its context) over ``texts``, labels
    unused. No other text is read. Returns the text file and the last epoch's
    weights, which initialise training.
    """
    from spacy.training.pretrain import pretrain

    raw = workdir / "raw.jsonl"
    lines = (json.dumps({"text": text}, ensure_ascii=False) + "\n" for text in texts)
    raw.write_text("".join(lines), encoding="utf-8")
    config = _load_settings(config_path, pretrain_path, {"paths.raw_text": str(raw)})
    config = config.interpolate()
    out_dir = workdir / "pretrain"
    out_dir.mkdir()
    pretrain(config, out_dir, use_gpu=-1, silent=quiet)
    return raw, out_dir / f"model{config['pretraining']['max_epochs'] - 1}.bin"


def _check_replaceable(output: Path) -> None:
    """Refuse to overwrite a folder that is not empty and does not hold a spaCy model."""
    if output.exists() and (
        not output.is_dir() or (any(output.iterdir()) and not (output / "meta.json").is_file())
    ):
        raise ConfigError(f"{output} exists and is not a spaCy model folder; not replacing it")


def _stage(best: Path, staged: Path) -> None:
    """Re-save the best checkpoint with Indonesian tokenizer rules and Jejaring's metadata."""
    import spacy

    import jejaring.extract.ner.name_lists  # noqa: F401 - registers the list component

    nlp = spacy.load(best)
    _indonesian_tokenizer(nlp)
    nlp.meta.update(_meta())
    staged.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(staged)
    _forget_data_paths(staged / "config.cfg")


def _meta() -> dict[str, str]:
    return {
        "name": MODEL_NAME,
        "version": __version__,
        "description": "Indonesian named entities (PER, LOC, ORG) for Jejaring, "
        "trained on NERGrit and NERP (IndoNLU).",
        "author": "Jejaring contributors",
        "license": "see jejaring/data/ner/README.md",
    }


def _member_name(seed: int) -> str:
    return f"member-{seed}"


def _write_ensemble(staged: Path, members: list[str]) -> None:
    """The ensemble's own files: which members vote, and a ``meta.json`` like a model's."""
    from jejaring.extract.ner.ensemble import ENSEMBLE_FILE

    settings = {"members": members, "vote": "majority"}
    (staged / ENSEMBLE_FILE).write_text(json.dumps(settings, indent=2) + "\n", "utf-8")
    meta = {"lang": "xx", **_meta(), "ensemble": settings}
    (staged / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", "utf-8")


def _swap_in(staged: Path, output: Path) -> None:
    """Replace whatever model ``output`` held with the staged one."""
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(staged, output)


def _forget_data_paths(config_file: Path) -> None:
    """Blank ``[paths]`` in the saved config: they name a deleted temporary folder, and
    would make two otherwise identical models differ."""
    from spacy.util import load_config

    config = load_config(config_file, interpolate=False)
    config["paths"].update(dict.fromkeys(config["paths"]))
    config.to_disk(config_file)


def _indonesian_tokenizer(nlp: Any) -> None:
    """Give the multi-language tokenizer spaCy's Indonesian rules, minus the slow part.

    The prefix, suffix and infix rules are regular expressions, cheap to load;
    so are the ~200 abbreviations (``Jl.``, ``Okt.``). The ~16,000 hyphenated
    special cases (``anak-anak``) are left out: they make loading take seconds,
    and without them hyphens split off as separate tokens, as in NERGrit.
    """
    from spacy.lang.id import Indonesian
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = Indonesian.Defaults
    tokenizer = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex(defaults.prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(defaults.suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(defaults.infixes).finditer
    extra = {k: v for k, v in defaults.tokenizer_exceptions.items() if "-" not in k}
    tokenizer.rules = {**tokenizer.rules, **extra}


def _evaluate(model: Path, dev_files: Sequence[str | Path]) -> dict[Path, Scores]:
    from jejaring.extract.ner.tagger import evaluate_conll

    return {Path(path): evaluate_conll(path, model=model) for path in dev_files}
