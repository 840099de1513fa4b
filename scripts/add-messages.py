#!/usr/bin/env python3
"""Adds messages to the catalogs and regenerates MessageKey.swift.

Usage: scripts/add-messages.py FILE, where FILE holds lines `key | English | Finnish`.
An existing key is replaced. Every catalog stays sorted, as the catalog test expects.
"""
import json, pathlib, subprocess, sys

root = pathlib.Path(__file__).resolve().parent.parent
catalogs = {lang: root / f"Sources/KanssaCore/Resources/messages/{lang}.json" for lang in ("en", "fi")}
data = {lang: json.loads(path.read_text()) for lang, path in catalogs.items()}
for line in pathlib.Path(sys.argv[1]).read_text().splitlines():
    if not line.strip() or line.startswith("#"):
        continue
    key, en, fi = (part.strip() for part in line.split("|"))
    data["en"][key], data["fi"][key] = en, fi
for lang, path in catalogs.items():
    path.write_text(json.dumps(data[lang], indent=2, ensure_ascii=False, sort_keys=True) + "\n")
subprocess.run([sys.executable, str(root / "scripts/catalog.py")], check=True)
