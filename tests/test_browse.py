"""``eurasia-data browse``: the database with Chinese full-text search and the Datasette metadata, then
the real thing: Datasette served on localhost and its pages loaded in Debian's headless Chromium."""

from __future__ import annotations

import html
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import eurasia_data
from conftest import ROOT
from eurasia_data.browse import DATABASE, build_site, datasette_command
from eurasia_data.codebook import codebook_rows
from eurasia_data.tables import RECORD_TABLES, TABLES

CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    return build_site(tmp_path_factory.mktemp("site"))


def matches(con, table: str, query: str) -> set[str]:
    key = TABLES[table].id_column
    sql = f'SELECT "{key}" FROM "{table}" WHERE rowid IN (SELECT rowid FROM "{table}_fts" WHERE "{table}_fts" MATCH ?)'
    return {r[0] for r in con.execute(sql, ['"' + query + '"'])}


def test_full_text_finds_two_character_words_in_either_script(site):
    with sqlite3.connect(site["database"]) as con:
        assert "cst-1992" in matches(con, "agreements", "條約") == matches(con, "agreements", "条约")
        assert "cst-1992" in matches(con, "agreements", "集體安全條約")
        assert {"peace-mission-2005", "peace-mission-2007"} <= matches(con, "exercises", "和平使命")
        assert "cst-1992" in matches(con, "agreements", "Tashkent")
        # SQLite's own tokenizer over the raw names misses the word: why the build's segmentation is indexed.
        con.execute("CREATE VIRTUAL TABLE temp.raw_fts USING fts5(name_zh)")
        con.execute("INSERT INTO temp.raw_fts (rowid, name_zh) SELECT rowid, name_zh FROM agreements")
        assert con.execute("""SELECT count(*) FROM temp.raw_fts WHERE raw_fts MATCH '"條約"'""").fetchone()[0] == 0


def test_every_record_is_indexed_and_in_records(site):
    with sqlite3.connect(site["database"]) as con:
        for table in RECORD_TABLES:
            rows = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert con.execute(f'SELECT count(*) FROM "{table}_fts"').fetchone()[0] == rows == len(eurasia_data.load(table))
            assert con.execute('SELECT count(*) FROM records WHERE "table" = ?', [table]).fetchone()[0] == rows
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        hits = con.execute("""SELECT "table", record_id FROM records WHERE id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH '"泰納線"')""").fetchall()
        assert ("pipelines", "espo-oil-pipeline") in hits


def test_metadata_json_comes_from_the_codebook(site):
    meta = json.loads(Path(site["metadata"]).read_text(encoding="utf-8"))
    assert meta["license"] == "MIT" and meta["license_url"].startswith("https://") and meta["source"]
    tables = meta["databases"][DATABASE]["tables"]
    for r in codebook_rows():
        assert tables[r["table"]]["columns"][r["column"]].startswith(r["description"])
    assert tables["agreements"]["facets"] == ["framework", "type", "year"]
    assert tables["agreement_events"]["facets"] == ["event", "year"]
    assert tables["exercises"]["facets"] == ["framework", "year"]
    assert tables["pipelines"]["columns"]["length_km"].endswith("[km]") and "units" not in tables["pipelines"]
    assert tables["agreements"]["fts_table"] == "agreements_fts" and tables["agreements_fts"]["hidden"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server on localhost: ``eurasia-data browse`` itself, or Datasette as it starts it for ``site``;
    stopped by its own process id."""

    def __init__(self, site: dict | None = None, directory: Path | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        cmd = datasette_command(site, port=self.port) if site else [sys.executable, "-m", "eurasia_data", "browse", "--dir", str(directory), "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/-/versions.json", timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("datasette exited: " + (self.proc.stdout.read() if self.proc.stdout else ""))
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("datasette did not start within 60 s")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def chromium(tmp_path: Path, *args: str) -> str:
    assert CHROMIUM, "the browse tests need Debian's chromium: apt-get install chromium (see .ci/run)"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", *args]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def quoted(text: str) -> str:
    return urllib.parse.quote(text)


def port_is_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
def test_pages_in_headless_chromium(tmp_path):
    server = Server(directory=tmp_path / "site")  # the command a person runs
    try:
        db = f"{server.base}/{DATABASE}"
        page = chromium(tmp_path, "--dump-dom", f"{db}/agreements?_search={quoted('條約')}")
        assert "cst-1992" in page and "集體安全條約" in page and 'where search matches "條約"' in page
        for facet in ("framework", "type", "year"):
            assert f'data-column="{facet}"' in page, facet
        assert "cst-1992" in chromium(tmp_path, "--dump-dom", f"{db}/agreements?_search={quoted('条约')}")
        events = chromium(tmp_path, "--dump-dom", f"{db}/memberships")
        assert 'data-column="event"' in events and "facet-info" in events
        everything = chromium(tmp_path, "--dump-dom", f"{db}/records?_search={quoted('和平使命')}")
        assert f'href="/{DATABASE}/exercises/peace-mission-2005"' in everything
        quotes = chromium(tmp_path, "--dump-dom", f"{db}/evidence?record_id=cst-1992")
        assert f'href="/{DATABASE}/agreements/cst-1992"' in quotes
        record = chromium(tmp_path, "--dump-dom", f"{db}/agreements/cst-1992")
        assert "Evidence (" in record and "於1992年5月15日在烏茲別克首都塔什干簽署『集體安全條約』" in record
        assert "wei-cis" in record and "line 72" in record
        evidence = eurasia_data.load_evidence()
        quote = evidence[(evidence.record_id == "cst-1992") & (evidence.line == 72)].iloc[0]
        assert f"wei-cis · {html.escape(quote.section, quote=False)} · line 72" in record  # each quote with its section
        # the primary quote first and marked; each quote with the fields it supports
        assert record.count("primary quote") == 1 and f"primary quote</span> · wei-cis · {html.escape(quote.section, quote=False)} · line 72 · supports: date, name_zh, parties, place" in record
        quotes_shown = record[record.index("Evidence ("):]
        assert quotes_shown.index("<blockquote") == quotes_shown.index('<blockquote lang="zh-Hant" class="primary">')
        shot = tmp_path / "browse.png"
        columns = "".join(f"&_col={c}" for c in ("name_zh", "name_en", "type", "framework", "year", "parties"))
        chromium(tmp_path, "--window-size=1280,1500", f"--screenshot={shot}", f"{db}/agreements?_search={quoted('條約')}&_sort_desc=year{columns}")
        record_shot = tmp_path / "browse-record.png"
        chromium(tmp_path, "--window-size=1280,1480", f"--screenshot={record_shot}", f"{db}/agreements/cst-1992")
        for path in (shot, record_shot):
            data = path.read_bytes()
            assert data.startswith(b"\x89PNG") and len(data) > 50_000
            if os.environ.get("EURASIA_UPDATE_SCREENSHOT"):
                shutil.copyfile(path, ROOT / "docs" / path.name)
    finally:
        server.stop()
    assert server.proc.returncode == 0 and not port_is_open(server.port)  # stopping the command stops Datasette


def test_browse_command_builds_the_site(tmp_path):
    result = subprocess.run([sys.executable, "-m", "eurasia_data", "browse", "--dir", str(tmp_path / "site"), "--build-only"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / f"{DATABASE}.db").exists() and (tmp_path / "site" / "metadata.json").exists()


def test_browse_without_datasette_says_how_to_install(tmp_path):
    code = "import sys; sys.modules['datasette'] = None; from eurasia_data.cli import main; sys.exit(main(['browse', '--port', '1']))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1 and "pip install 'eurasia-data[browse]'" in result.stderr and "Traceback" not in result.stderr
