#!/usr/bin/env python3
"""Parses an HTML report (or a Markdown one, rendered to HTML with markdown-it-py, CommonMark
plus tables) and prints what a browser would act on, as one JSON object:

  tags        element name -> count
  handlers    every on* attribute found (event handlers: must be empty)
  external    every src/href/xlink:href/url(...) that is not an in-page "#..." reference
  text        the text content of the document body, entities decoded
  style       the text of all <style> elements

The report tests use it to prove hostile answer text comes out as text, not markup.
With --table ID it prints instead the table with that id, as a browser would lay it out:

  columns     the text of each <th> of its <thead>
  rows        per body row: "header" (its <th>, if any) and "cells" (the text of each <td>)

    html-inspect.py report.html
    html-inspect.py --markdown report.md
    html-inspect.py --table w1-heatmap report.html
"""
import json
import re
import sys
from html.parser import HTMLParser


class Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.handlers, self.external = {}, [], []
        self.text, self.style, self.stack = [], [], []

    def handle_starttag(self, tag, attributes):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag not in ("br", "meta", "img", "hr", "input", "link", "col", "circle", "line", "rect", "polygon", "path"):
            self.stack.append(tag)
        for name, value in attributes:
            if name.lower().startswith("on"):
                self.handlers.append(f"{tag}[{name}]")
            if name.lower() in ("src", "href", "xlink:href", "action", "formaction") and value and not value.startswith("#"):
                self.external.append(value)

    def handle_startendtag(self, tag, attributes):
        self.handle_starttag(tag, attributes)
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "style" in self.stack:
            self.style.append(data)
        elif "script" not in self.stack:
            self.text.append(data)


class TableReader(HTMLParser):
    """Collects one table's header cells and body rows; tables nested in it are not expected."""

    def __init__(self, table_id):
        super().__init__(convert_charrefs=True)
        self.table_id, self.inside, self.section = table_id, False, None
        self.columns, self.rows, self.cell, self.row = [], [], None, None

    def handle_starttag(self, tag, attributes):
        if tag == "table" and dict(attributes).get("id") == self.table_id:
            self.inside = True
        elif not self.inside:
            return
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr" and self.section == "tbody":
            self.row = {"header": None, "cells": []}
        elif tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "table":
            self.inside = False
        elif tag in ("th", "td") and self.cell is not None:
            text = " ".join("".join(self.cell).split())
            if self.section == "thead":
                self.columns.append(text)
            elif self.row is not None and tag == "th":
                self.row["header"] = text
            elif self.row is not None:
                self.row["cells"].append(text)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.inside and self.cell is not None:
            self.cell.append(data)


def main(arguments):
    markdown = arguments and arguments[0] == "--markdown"
    path = arguments[-1]
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    if arguments and arguments[0] == "--table":
        reader = TableReader(arguments[1])
        reader.feed(source)
        reader.close()
        print(json.dumps({"columns": reader.columns, "rows": reader.rows}))
        return
    if markdown:
        from markdown_it import MarkdownIt
        source = MarkdownIt("commonmark").enable("table").render(source)
    inspector = Inspector()
    inspector.feed(source)
    inspector.close()
    style = "".join(inspector.style)
    external = inspector.external + [url for url in re.findall(r"url\(([^)]*)\)", style) if not url.strip("'\" ").startswith("#")]
    print(json.dumps({
        "tags": inspector.tags, "handlers": inspector.handlers, "external": external,
        "text": "".join(inspector.text), "style": style,
    }))


main(sys.argv[1:])
