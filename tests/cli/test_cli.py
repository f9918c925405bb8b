"""The command line: exit codes, summaries and output people read."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jejaring import __version__
from jejaring.cli import app
from texts import CLIMATE_EN, SISTER_CITY_ID, filler

SAMPLE = Path(__file__).resolve().parents[2] / "src/jejaring/data/sample/documents"
runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_module_entry_point_runs():
    completed = subprocess.run(
        [sys.executable, "-m", "jejaring", "--help"], capture_output=True, text=True
    )
    assert completed.returncode == 0 and "ingest" in completed.stdout


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["ingest"], ["--db", "--format", "--near-threshold", "--strict", "--max-bytes"]),
        (["search"], ["--language", "--from", "--to", "--source", "--limit"]),
        (["db", "upgrade"], ["--revision"]),
        (["db", "info"], ["--json"]),
        (["documents", "list"], ["--limit"]),
        (["documents", "show"], ["DOCUMENT_ID"]),
    ],
)
def test_every_command_has_help(command, expected):
    result = run(*command, "--help")
    assert result.exit_code == 0
    for option in expected:
        assert option in result.output


def test_ingest_sample_corpus_then_again(tmp_path):
    db = str(tmp_path / "j.db")
    first = run("ingest", str(SAMPLE), "--db", db, "--json")
    assert first.exit_code == 0
    report = json.loads(first.output)
    assert report["new"] == 24 and report["failed"] == 0
    assert set(report["languages"]) == {"id", "en", "fr"}
    second = run("ingest", str(SAMPLE), "--db", db)
    assert second.exit_code == 0
    assert "already stored" in second.output and "24" in second.output


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_one_bad_source_does_not_stop_the_batch(tmp_path):
    db = str(tmp_path / "j.db")
    good = write(tmp_path / "good.txt", SISTER_CITY_ID)
    empty = write(tmp_path / "empty.txt", "  \n ")
    result = run("ingest", good, empty, str(tmp_path / "missing.txt"), "--db", db)
    assert result.exit_code == 0
    assert "empty.txt: empty document" in result.output
    assert "missing.txt: no such file or directory" in result.output
    strict = run("ingest", empty, "--db", db, "--strict")
    assert strict.exit_code == 1


def test_everything_failing_exits_non_zero(tmp_path):
    result = run("ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "j.db"))
    assert result.exit_code == 1


def test_jsonl_errors_name_the_line(tmp_path):
    lines = [json.dumps({"id": "a", "text": CLIMATE_EN}), "{broken", json.dumps({"id": "b"})]
    source = write(tmp_path / "feed.jsonl", "\n".join(lines))
    result = run("ingest", source, "--db", str(tmp_path / "j.db"), "--json")
    report = json.loads(result.output)
    assert report["new"] == 1 and report["failed"] == 2
    assert [f["source"].rsplit(":", 1)[1] for f in report["failures"]] == ["2", "3"]


def test_size_limit_and_binary_files(tmp_path):
    big = write(tmp_path / "big.txt", CLIMATE_EN * 50)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    result = run("ingest", big, str(binary), "--max-bytes", "1000", "--db", str(tmp_path / "j.db"))
    assert "over the size limit of 1,000 bytes" in result.output
    assert "binary file" in result.output
    assert result.exit_code == 1


def test_stdin_and_glob_sources(tmp_path):
    db = str(tmp_path / "j.db")
    from_stdin = run("ingest", "-", "--db", db, "--json", input=CLIMATE_EN)
    assert json.loads(from_stdin.output)["new"] == 1
    write(tmp_path / "a.md", "# Kota\n\n" + SISTER_CITY_ID)
    globbed = run("ingest", str(tmp_path / "*.md"), "--db", db, "--json")
    assert json.loads(globbed.output)["new"] == 1


def test_unknown_format_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["ingest", "x", "--format", "docx", "--db", str(tmp_path / "j")])
    assert result.exit_code == 2


def test_url_sources_through_the_cli(tmp_path, http_server):
    page = (
        f"<html><head><title>Forum</title></head><body><article><p>{CLIMATE_EN}</p>"
        f"<p>{CLIMATE_EN}</p></article></body></html>"
    )
    url = http_server.route("/forum.html", page, headers={"Content-Type": "text/html"})
    missing = http_server.route("/gone", "", status=404)
    result = run("ingest", url, missing, "--db", str(tmp_path / "j.db"), "--retries", "1")
    assert result.exit_code == 0
    assert f"{missing}: HTTP 404" in result.output


def test_search_documents_and_db_commands(tmp_path):
    db = str(tmp_path / "j.db")
    run("ingest", str(SAMPLE), "--db", db, "--quiet")
    found = run("search", "sister", "--db", db, "--json", "--language", "en")
    payload = json.loads(found.output)
    assert payload["total"] >= 1 and all(hit["language"] == "en" for hit in payload["hits"])
    assert all("[" in hit["snippet"] for hit in payload["hits"])  # highlighted
    table = run("search", "sister", "--db", db)
    assert "documents match 'sister'" in table.output
    nothing = run("search", "zzzyx", "--db", db)
    assert "No documents match" in nothing.output
    refused = run("search", "--db", db, "--", "-kota")
    assert refused.exit_code == 2 and "nothing to search for" in refused.output

    listing = json.loads(run("documents", "list", "--db", db, "--json", "-n", "100").output)
    assert len(listing) == 24
    first = listing[0]["id"]
    shown = json.loads(run("documents", "show", first, "--db", db, "--json").output)
    assert shown["sources"][0]["kind"] == "original" and shown["text"]
    missing = run("documents", "show", "no-such-id", "--db", db)
    assert missing.exit_code == 1 and "no document with id" in missing.output

    upgraded = run("db", "upgrade", "--db", db)
    assert "already at revision" in upgraded.output
    info = json.loads(run("db", "info", "--db", db, "--json").output)
    assert info["tables"]["documents"] == 24 and info["revision"] == info["latest"]


def test_unusable_database_is_a_clear_error(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "jejaring", "db", "info", "--db", str(tmp_path / "no/dir/x.db")],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 1
    assert "cannot open database" in completed.stderr and "Traceback" not in completed.stderr


def test_jsonl_is_streamed_and_limited_per_record(tmp_path):
    lines = [json.dumps({"id": f"r{n}", "text": filler(n, 30)}) for n in range(3)]
    lines.insert(1, json.dumps({"id": "huge", "text": "kata " * 400}))
    source = write(tmp_path / "archive.jsonl", "\n".join(lines))
    assert Path(source).stat().st_size > 1000  # the file is over the limit, each record is not
    result = run("ingest", source, "--max-bytes", "1000", "--db", str(tmp_path / "j.db"), "--json")
    report = json.loads(result.output)
    assert report["new"] == 3 and report["failed"] == 1
    assert report["failures"][0]["source"].endswith("archive.jsonl:2")


def test_extract_gives_empty_documents_a_record_and_reports_unreadable_ones(tmp_path):
    empty = write(tmp_path / "blank.txt", "  \n ")
    lines = write(
        tmp_path / "batch.jsonl", '{"id": "n1", "text": ""}\n{"id": "n2", "text": "Halo."}\n'
    )
    result = run("extract", empty, lines, str(tmp_path / "missing.txt"))
    assert result.exit_code == 0
    assert "missing.txt: no such file or directory" in result.output
    records = {}
    for line in result.output.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            records[record["doc"]["id"]] = record
    assert set(records) == {"blank", "n1", "n2"}
    for name in ("blank", "n1"):
        assert records[name]["entities"] == records[name]["relations"] == []
        assert records[name]["doc"]["warnings"][0].startswith("empty_text")


def test_extract_then_eval_against_a_gold_answer(tmp_path):
    text = (
        "Kota kembar baru\n\nPemerintah Kota Bandung dan Kota Braunschweig memperbarui "
        "hubungan kota kembar (sister city). Wali Kota Bandung Budi Santoso hadir."
    )
    source = write(tmp_path / "bdg.txt", text)
    write(tmp_path / "bdg.meta.json", json.dumps({"language": "id", "published": "2024-05-02"}))
    predictions = tmp_path / "pred.jsonl"
    result = run("extract", source, "-o", str(predictions), "--quiet")
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert record["doc"]["id"] == "bdg" and record["doc"]["published"] == "2024-05-02"
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    gold = tmp_path / "gold"
    gold.mkdir()
    answer = {
        "doc": "bdg",
        "relevant": True,
        "themes": [],
        "entities": [
            {"type": "place", "names": ["Bandung", "Kota Bandung"]},
            {"type": "place", "names": ["Braunschweig"]},
        ],
        "events": [],
        "relations": [
            {
                "type": "sister_city",
                "subject": ["Braunschweig"],
                "object": ["Bandung", "Kota Bandung"],
            }
        ],
    }
    write(gold / "bdg.json", json.dumps(answer))
    scores = json.loads(run("eval", str(predictions), "--gold", str(gold), "--json").output)
    assert scores["entities"]["place"]["recall"] == 1.0
    assert scores["relations"]["sister_city"]["f1"] == 1.0
    assert scores["relevance"] == {"right": 1, "total": 1}
    table = run("eval", str(predictions), "--gold", str(gold))
    assert "relation sister_city" in table.output


def test_ingest_stores_the_graph_and_entities_commands_show_it(tmp_path):
    db = str(tmp_path / "j.db")
    run("ingest", str(SAMPLE), "--db", db, "--quiet")
    listed = json.loads(run("entities", "list", "--db", db, "--json", "-n", "50").output)
    assert {"place", "organization"} <= {e["type"] for e in listed}
    assert listed[0]["documents"] >= listed[-1]["documents"]
    shown = json.loads(run("entities", "show", str(listed[0]["id"]), "--db", db, "--json").output)
    assert shown["name"] == listed[0]["name"] and shown["aliases"]
    missing = run("entities", "show", "999999", "--db", db)
    assert missing.exit_code == 1 and "no entity with id" in missing.output
