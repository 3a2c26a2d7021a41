"""Validates an HTML page fiscal wrote with html5lib's strict parser (any parse error fails)
and prints what it holds: tables, numeric cells and whether each is right-aligned by class."""
import json, sys
import html5lib

text = open(sys.argv[1], encoding="utf-8").read()
parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
doc = parser.parse(text)
tables = doc.findall(".//table")
numeric = doc.findall(".//td[@class='num']")
print(json.dumps({
    "doctype": text.startswith("<!DOCTYPE html>"),
    "lang": doc.get("lang"),
    "charset": [m.get("charset") for m in doc.findall(".//meta") if m.get("charset")],
    "tables": len(tables),
    "rows": [len(t.findall("./tbody/tr")) for t in tables],
    "numeric_cells": len(numeric),
    "style_right_aligns_num": "td.num, th.num { text-align: right" in text,
    "cjk_fonts": "Noto Sans CJK SC" in text and "Microsoft YaHei" in text,
}))
