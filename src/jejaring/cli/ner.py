"""``jejaring ner``: train the Indonesian named-entity recogniser, tag and score CoNLL files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from jejaring.cli.app import JsonOption, _fail, app, out
from jejaring.errors import JejaringError
from jejaring.extract.ner.scoring import Scores

ner_app = typer.Typer(
    help="Train, run and score the Indonesian named-entity recogniser (PER, LOC, ORG).",
    no_args_is_help=True,
)
app.add_typer(ner_app, name="ner")

ModelOption = Annotated[
    Path | None,
    typer.Option(
        "--model",
        "-m",
        help="spaCy model folder. Default: the model shipped with Jejaring.",
        show_default=False,
    ),
]
ConllArgument = Annotated[
    Path,
    typer.Argument(
        metavar="FILE.conll",
        help="One token per line (token, then label columns), blank line between sentences.",
        exists=True,
        dir_okay=False,
        readable=True,
        show_default=False,
    ),
]


@ner_app.command("train")
def ner_train(
    train: Annotated[
        list[Path] | None,
        typer.Option(
            "--train",
            help="CoNLL training file; repeat for several (a file given twice counts twice). "
            "Default: NERGrit train three times and NERP train, from $JEJARING_NER_DATA "
            "or a shared/data/ner folder above the working directory.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    dev: Annotated[
        list[Path] | None,
        typer.Option(
            "--dev",
            help="CoNLL file the best checkpoint is chosen on; repeat for several. "
            "Default: the NERGrit valid split (the model is then also scored on NERP's).",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Model folder to write. Default: the packaged model."),
    ] = None,
    max_epochs: Annotated[
        int | None,
        typer.Option("--max-epochs", min=1, help="Stop after N epochs (default: the config's)."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="spaCy training config. Default: the packaged jejaring/data/ner/config.cfg.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    lowercase: Annotated[
        bool,
        typer.Option(
            "--lowercase-copies/--no-lowercase-copies",
            help="Also train on lower-cased copies of sentences that have capitals.",
        ),
    ] = True,
    members: Annotated[
        int,
        typer.Option(
            "--members",
            min=1,
            help="Models to train, from seeds 0, 1, …; more than one are saved as an "
            "ensemble that keeps the entities most of them find.",
        ),
    ] = 3,
    pretrain: Annotated[
        bool,
        typer.Option(
            "--pretrain/--no-pretrain",
            help="First pretrain the tok2vec layer on the training sentences' text "
            "(settings in jejaring/data/ner/pretrain.cfg); the shipped model was not.",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Hide spaCy's progress.")] = False,
) -> None:
    """Train the recogniser with spaCy's training loop and install the best checkpoint."""
    from jejaring.extract.ner.train import (
        DEFAULT_CONFIG,
        DEFAULT_MODEL_DIR,
        DEFAULT_PRETRAIN_CONFIG,
        default_files,
        default_selection_files,
        train_model,
    )

    train_files = train or default_files("train")
    dev_files = dev or default_selection_files()
    if not train_files or not dev_files:
        raise _fail("no training data: pass --train and --dev, or set JEJARING_NER_DATA", 2)
    try:
        result = train_model(
            train_files,
            dev_files,
            output or DEFAULT_MODEL_DIR,
            config=config or DEFAULT_CONFIG,
            pretrain_config=DEFAULT_PRETRAIN_CONFIG if pretrain else None,
            max_epochs=max_epochs,
            lowercase=lowercase,
            members=members,
            report_files=default_files("valid"),
            progress=None if quiet else sys.stdout,
        )
    except JejaringError as exc:
        raise _fail(str(exc)) from exc
    out.print(
        f"Trained on {result.train_sentences:,} sentences in {result.seconds:,.0f} s; "
        f"model saved to {result.output}"
    )
    for path, scores in result.dev_scores.items():
        out.print(scores_table(scores, title=str(path)))


@ner_app.command("tag")
def ner_tag(
    file: ConllArgument,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Where to write `token gold predicted` lines."),
    ],
    model: ModelOption = None,
) -> None:
    """Tag a CoNLL file, writing each token with its gold and predicted label."""
    from jejaring.extract.ner.tagger import tag_conll

    try:
        count = tag_conll(file, output, model=model)
    except JejaringError as exc:
        raise _fail(str(exc)) from exc
    out.print(f"Tagged {count:,} sentences into {output}.")


@ner_app.command("eval")
def ner_eval(file: ConllArgument, model: ModelOption = None, as_json: JsonOption = False) -> None:
    """Tag a gold CoNLL file and report entity-level precision, recall and F1."""
    from jejaring.extract.ner.tagger import evaluate_conll

    try:
        scores = evaluate_conll(file, model=model)
    except JejaringError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        out.print_json(data={"file": str(file), **scores.to_dict()})
        return
    out.print(scores_table(scores, title=str(file)))


def scores_table(scores: Scores, title: str) -> Table:
    """Per-type rows, then the micro (pooled) and macro (mean over types) averages."""
    table = Table(title=f"{title}  ({scores.sentences:,} sentences, {scores.tokens:,} tokens)")
    for column in ("type", "precision", "recall", "F1", "gold", "predicted"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for kind, counts in scores.per_type.items():
        table.add_row(
            kind,
            *_rates(counts.precision, counts.recall, counts.f1),
            f"{counts.support:,}",
            f"{counts.predicted:,}",
        )
    micro = scores.micro
    table.add_section()
    table.add_row(
        "micro",
        *_rates(micro.precision, micro.recall, micro.f1),
        f"{micro.support:,}",
        f"{micro.predicted:,}",
    )
    table.add_row(
        "macro", *_rates(scores.macro_precision, scores.macro_recall, scores.macro_f1), "", ""
    )
    return table


def _rates(*values: float) -> list[str]:
    return [f"{100 * value:.2f}" for value in values]
