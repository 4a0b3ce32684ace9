#!/usr/bin/env python3
"""Reads the workbooks back and checks them against expected figures.

Usage: check_workbooks.py DIR EXPECTED.json

EXPECTED.json:
{
  "files": [{
     "file": "学期结算单.xlsx",
     "sheets": ["汇总", ...],                       # exact sheet names, in order
     "headers": [{"sheet": "汇总", "row": 2, "values": ["学号", ...]}],
     "cells":  [{"sheet": "汇总", "key": "S002", "column": "应补", "value": 40.0}],
     "totals": [{"sheet": "汇总", "key": "合计", "column": "应收", "value": 580.0}],
     "texts":  [{"sheet": "汇总", "key": "S002", "column": "姓名", "value": "=1+1"}]
  }],
  "forbidden": [{"file": "收支公示.xlsx", "strings": ["张小明", ...]}]
}
A "key" is looked up in the first three columns below the header row; "column" is a caption of the header
row (row 2 unless "header_row" is given). "cells" must hold a number equal to the value to the fen;
"totals" must hold a formula whose stored value equals the value; "texts" must be string cells.
Prints every problem; exits 1 if there is any.
"""
import json
import re
import sys
import zipfile

import openpyxl

problems = []


def fail(message):
    problems.append(message)


def find_cell(ws, key, column, header_row):
    # A column given by its number (1 = A): the row with the key at or under header_row, without a header.
    if isinstance(column, int):
        for row in ws.iter_rows(min_row=header_row):
            if any(c.value == key for c in row[:3]):
                return ws.cell(row=row[0].row, column=column), None
        return None, f"no row with key {key!r}"
    headers = {}
    for cell in ws[header_row]:
        if cell.value is not None and cell.value not in headers:
            headers[cell.value] = cell.column
    if column not in headers:
        return None, f"no column {column!r} in header row {header_row} ({list(headers)})"
    for row in ws.iter_rows(min_row=header_row + 1):
        if any(c.value == key for c in row[:3]):
            return ws.cell(row=row[0].row, column=headers[column]), None
    return None, f"no row with key {key!r}"


def main(directory, expected_path):
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    for spec in expected.get("files", []):
        path = f"{directory}/{spec['file']}"
        try:
            formulas = openpyxl.load_workbook(path, data_only=False)
            values = openpyxl.load_workbook(path, data_only=True)
        except Exception as e:  # noqa: BLE001
            fail(f"{spec['file']}: cannot open: {e}")
            continue
        if "sheets" in spec and formulas.sheetnames != spec["sheets"]:
            fail(f"{spec['file']}: sheets {formulas.sheetnames} != {spec['sheets']}")
        for h in spec.get("headers", []):
            ws = formulas[h["sheet"]]
            got = [c.value for c in ws[h.get("row", 2)]][: len(h["values"])]
            if got != h["values"]:
                fail(f"{spec['file']}/{h['sheet']}: header {got} != {h['values']}")
        for kind in ("cells", "totals", "texts"):
            for check in spec.get(kind, []):
                where = f"{spec['file']}/{check['sheet']} [{check['key']}, {check['column']}]"
                if check["sheet"] not in formulas.sheetnames:
                    fail(f"{where}: no such sheet")
                    continue
                header_row = check.get("header_row", 2)
                fcell, error = find_cell(formulas[check["sheet"]], check["key"], check["column"], header_row)
                if error:
                    fail(f"{where}: {error}")
                    continue
                vcell = values[check["sheet"]].cell(row=fcell.row, column=fcell.column)
                if kind == "texts":
                    if fcell.data_type != "s" or fcell.value != check["value"]:
                        fail(f"{where}: expected text {check['value']!r}, got {fcell.value!r} (type {fcell.data_type})")
                    continue
                if kind == "totals":
                    if not (isinstance(fcell.value, str) and fcell.value.startswith("=")):
                        fail(f"{where}: expected a formula, got {fcell.value!r}")
                        continue
                stored = vcell.value
                if not isinstance(stored, (int, float)):
                    fail(f"{where}: expected number {check['value']}, stored {stored!r}")
                    continue
                # Compare in fen: the file stores doubles; two decimals must round-trip exactly.
                if round(stored * 100) != round(check["value"] * 100):
                    fail(f"{where}: {stored} != {check['value']}")
        # Every formula in the file has a stored value.
        for ws in formulas.worksheets:
            vws = values[ws.title]
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith("=") and cell.data_type == "f":
                        if vws.cell(row=cell.row, column=cell.column).value is None:
                            fail(f"{spec['file']}/{ws.title}!{cell.coordinate}: formula {cell.value} has no stored value")
    for spec in expected.get("forbidden", []):
        path = f"{directory}/{spec['file']}"
        wb = openpyxl.load_workbook(path, data_only=False)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    text = "" if cell.value is None else str(cell.value)
                    for s in spec["strings"]:
                        if s in text:
                            fail(f"{spec['file']}/{ws.title}!{cell.coordinate}: holds {s!r}: {text!r}")
        # Also every part of the package (charts' caches, document properties, shared strings).
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                data = z.read(name).decode("utf-8", errors="replace")
                for s in spec["strings"]:
                    escaped = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    if s in data or escaped in data:
                        fail(f"{spec['file']}:{name}: holds {s!r}")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
