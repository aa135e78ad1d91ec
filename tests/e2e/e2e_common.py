"""Helpers the real-binary suites share (kill_suite.py, token_expiry.py)."""
import json
import socket
import sqlite3


def free_port():
    """A loopback port free right now (the server binds it a moment later)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def last_json(text):
    """The last line of `text` that is a JSON object (fieldbook-tool's summary), or {}."""
    for line in reversed(text.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return {}


def query(db, sql, params=()):
    """Rows of `sql` on a device database, read-only (the tool may be writing it)."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()
