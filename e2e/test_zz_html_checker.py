"""Runs last: every HTML page the browser tests received goes through the Nu HTML Checker
(vnu.jar, the W3C's), which must find no errors. VNU_JAR names the checker; CI installs it."""
import json
import os
import subprocess

import pytest

from conftest import KEPT_HTML


def test_every_page_received_is_valid_html():
    jar = os.environ.get("VNU_JAR")
    if not jar:
        if os.environ.get("CI"):
            pytest.fail("VNU_JAR is not set: CI must check the HTML")
        pytest.skip("VNU_JAR is not set")
    pages = sorted(KEPT_HTML.glob("*.html"))
    assert len(pages) >= 50, f"only {len(pages)} pages were kept; run the whole browser suite first"
    result = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    addresses = json.loads((KEPT_HTML / "index.json").read_text())
    errors = [
        f"{addresses.get(m['url'].rsplit('/', 1)[-1], m['url'])} line {m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stderr or '{"messages": []}')["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    print(f"{len(pages)} pages checked, {len(errors)} errors")
    assert not errors, "\n".join(errors[:40])
