"""Browse the tables in a web browser: ``eurasia-data browse`` writes the SQLite database (that of
:mod:`eurasia_data.database`, plus full-text indexes), a Datasette ``metadata.json`` made from the
codebook, and serves them with Datasette on localhost (the optional extra ``eurasia-data[browse]``).

Full text: SQLite's FTS5 tokenizers do not split Chinese into words, so each record is indexed by
the text the build segmented with jieba (``browse_text.json`` in the package data: every word in the
paper's script and in Simplified, separated by spaces). A search for 條約 or 条约 finds 集體安全條約.
Every record table gets ``<table>_fts``; the table ``records`` (one row per record of every table, with
``records_fts``) searches them all at once. Record pages show their evidence quotes (and their
sections, where the evidence table has them), by a small Datasette plugin shipped in ``browse_site/``.
"""

from __future__ import annotations

from .tables import RECORD_TABLES, TABLES

DATABASE = "eurasia"  # the database's name in Datasette's URLs: /eurasia/agreements
FACETS = ("framework", "type", "event", "year")
TEXT = "browse_text.json"


class BrowseError(RuntimeError):
    """Browsing cannot start (Datasette missing, port taken...): the message says what to do."""


def _record_name(table: str, row: dict) -> str:
    for column in ("name_en", "name_zh"):
        if row.get(column):
            return str(row[column])
    return " ".join(str(row[c]) for c in row if c.endswith("_id") and row[c] and c != TABLES[table].id_column) or str(row[TABLES[table].id_column])


def add_full_text(con) -> None:
    """FTS5 indexes over the build's segmented text: one per record table and one over all records."""
    import json

    from .database import q
    from .loaders import verified_file

    texts = json.loads(verified_file(TEXT).read_bytes())
    con.execute('CREATE TABLE records (id INTEGER PRIMARY KEY, "table" TEXT NOT NULL, record_id TEXT NOT NULL, name TEXT, year INTEGER, UNIQUE ("table", record_id))')
    con.execute("CREATE VIRTUAL TABLE records_fts USING fts5(text, content='', tokenize='unicode61')")
    for table in RECORD_TABLES:
        key = TABLES[table].id_column
        fts = f"{table}_fts"
        con.execute(f"CREATE VIRTUAL TABLE {q(fts)} USING fts5(text, content='', tokenize='unicode61')")
        cursor = con.execute(f"SELECT rowid, * FROM {q(table)}")
        names = [d[0] for d in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values))
            text = texts.get(table, {}).get(row[key], "")
            con.execute(f"INSERT INTO {q(fts)} (rowid, text) VALUES (?, ?)", (row["rowid"], text))
            rid = con.execute('INSERT INTO records ("table", record_id, name, year) VALUES (?, ?, ?, ?)',
                              (table, row[key], _record_name(table, row), row.get("year"))).lastrowid
            con.execute("INSERT INTO records_fts (rowid, text) VALUES (?, ?)", (rid, text))


def datasette_metadata() -> dict:
    """Datasette's metadata.json: titles, descriptions, units, facets, source and licence, from the codebook."""
    from . import __version__
    from .codebook import codebook_rows
    from .metadata import DESCRIPTION, LICENSE
    from .relations import all_links, primary_key

    book: dict[str, list[dict]] = {}
    for r in codebook_rows():
        book.setdefault(r["table"], []).append(r)
    tables = {}
    for table, t in TABLES.items():
        rows = book[table]
        columns = {r["column"]: r["description"] + (f" [{r['unit']}]" if r["unit"] else "") for r in rows}
        # Units go into the descriptions: Datasette's own "units" would show 1,030 km as "1.03 Mm".
        entry: dict = {"title": table, "description": t.description, "columns": columns}
        facets = [c for c in FACETS if c in columns]
        if facets:
            entry["facets"] = facets
        if table in RECORD_TABLES:
            entry |= {"fts_table": f"{table}_fts", "searchmode": "escaped"}
        if primary_key(table):
            entry["sort"] = primary_key(table)[0]
        tables[table] = entry
    for spec in all_links():
        tables[spec.name] = {"description": f"{spec.table}.{spec.column}, one row per item in list order.",
                             "columns": {spec.key: f"The {spec.table} record.", spec.item: f"One item of {spec.column}.", "position": "1-based position in the list."}}
    tables["records"] = {"title": "all records", "description": "Every record of every table: search them all at once.",
                         "fts_table": "records_fts", "facets": ["table", "year"],
                         "columns": {"table": "Table of the record.", "record_id": "Its id (links to the record page).", "name": "Its name.", "year": "Year of its principal date."}}
    for fts in [f"{t}_fts" for t in RECORD_TABLES] + ["records_fts"]:
        tables[fts] = {"hidden": True}
    return {
        "title": f"eurasia-data {__version__}",
        "description": DESCRIPTION,
        "license": LICENSE["name"],
        "license_url": LICENSE["path"],
        "source": "Five Traditional-Chinese political-science papers (table sources)",
        "source_url": "https://pypi.org/project/eurasia-data/",
        "databases": {DATABASE: {"title": f"eurasia-data {__version__}", "description": DESCRIPTION, "tables": tables}},
    }


def site_dir():
    """The plugin and templates Datasette is started with."""
    from importlib import resources
    from pathlib import Path

    return Path(str(resources.files(__package__) / "browse_site"))


def build_site(directory) -> dict:
    """Write ``eurasia.db`` and ``metadata.json`` into ``directory``; returns their paths."""
    import json
    from pathlib import Path

    from .database import write_sqlite

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    db = write_sqlite(directory / f"{DATABASE}.db", extra=add_full_text)
    meta = directory / "metadata.json"
    tmp = meta.with_name(".metadata.json.tmp")
    tmp.write_text(json.dumps(datasette_metadata(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(meta)
    return {"database": db, "metadata": meta}


def datasette_command(site: dict, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    import sys

    here = site_dir()
    return [sys.executable, "-m", "datasette", "serve", "--immutable", str(site["database"]), "--metadata", str(site["metadata"]),
            "--template-dir", str(here / "templates"), "--plugins-dir", str(here / "plugins"),
            "--host", host, "--port", str(port), "--setting", "default_page_size", "50", "--setting", "truncate_cells_html", "160"]


def browse(directory=None, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Build the site (into ``directory``, or a temporary one) and serve it with Datasette until interrupted."""
    import signal
    import subprocess
    import tempfile

    try:
        import datasette  # noqa: F401  (it runs in its own process; this only checks that it is installed)
    except ImportError:
        raise BrowseError("browsing needs Datasette: pip install 'eurasia-data[browse]'") from None
    with tempfile.TemporaryDirectory(prefix="eurasia-browse-") as tmp:
        site = build_site(directory or tmp)
        print(f"serving {site['database']} on http://{host}:{port}/{DATABASE} (Ctrl-C stops)", flush=True)
        server = subprocess.Popen(datasette_command(site, host, port))
        previous = signal.signal(signal.SIGTERM, _stop)
        try:
            return server.wait()
        except (KeyboardInterrupt, SystemExit):
            return 0
        finally:  # the server never outlives the command
            signal.signal(signal.SIGTERM, previous)
            if server.poll() is None:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()


def _stop(signum, frame):
    raise SystemExit(0)


def add_command(sub) -> None:
    """The ``eurasia-data browse`` subcommand (registered by :mod:`eurasia_data.cli`)."""
    p = sub.add_parser("browse", help="browse and search the tables in Datasette on localhost",
                       description="Build the SQLite database with Chinese full-text search and serve it with Datasette.")
    p.add_argument("--port", type=int, default=8001, help="port to serve on (default 8001)")
    p.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1: this machine only)")
    p.add_argument("--dir", help="keep eurasia.db and metadata.json in this directory (default: a temporary one)")
    p.add_argument("--build-only", action="store_true", help="write the database and metadata.json, do not serve")
    p.set_defaults(run=_command, parser=p)


def _command(args) -> int:
    import sys

    from .flat import ExportError

    try:
        if args.build_only:
            if not args.dir:
                args.parser.error("--build-only needs --dir")
            site = build_site(args.dir)
            print(f"wrote {site['database']} and {site['metadata']}")
            return 0
        return browse(args.dir, args.host, args.port)
    except (BrowseError, ExportError, OSError) as e:
        print(f"eurasia-data browse: error: {e}", file=sys.stderr)
        return 1
