#!/usr/bin/env python3
"""Renders the workbooks with LibreOffice and checks what a reader sees.

Usage: render_check.py DIR EXPECTED.json

EXPECTED.json: {"render": [{"file": "学期结算单.xlsx", "first_page": ["学号", "应补"]}]}

1. `soffice --headless --convert-to pdf` each workbook, `pdftotext -layout` it: the text must hold Chinese
   characters (fonts and encoding work) and the first page must hold every string of "first_page" (the first
   and last header of a sheet: the print area is one page wide, nothing spills onto a second page across).
2. Recalculation: every formula's stored value is removed from a copy, LibreOffice opens the copy (it then
   calculates those formulas) and saves it as .xlsx; each recalculated value must equal the stored one.
Prints every problem; exits 1 if there is any, 2 if soffice or pdftotext is missing.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

problems = []


def soffice(args, workdir):
    profile = "file://" + os.path.join(workdir, "lo-profile")
    cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore"] + args
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    if result.returncode != 0:
        problems.append(f"soffice {' '.join(args)} failed: {result.stderr.strip()}")
    return result


def strip_cached_values(source, target):
    """Copies an .xlsx, removing the <v> of every formula cell so LibreOffice must calculate it."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text = re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", text)
                data = text.encode("utf-8")
            zout.writestr(item, data)


def main(directory, expected_path):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        print("soffice or pdftotext not found")
        return 2
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    work = tempfile.mkdtemp(prefix="render-check-")
    pdf_dir = os.path.join(work, "pdf")
    stripped_dir = os.path.join(work, "stripped")
    recalc_dir = os.path.join(work, "recalc")
    for d in (pdf_dir, stripped_dir, recalc_dir):
        os.makedirs(d)
    for spec in expected.get("render", []):
        name = spec["file"]
        source = os.path.join(directory, name)
        # 1. PDF.
        soffice(["--convert-to", "pdf", "--outdir", pdf_dir, source], work)
        pdf = os.path.join(pdf_dir, os.path.splitext(name)[0] + ".pdf")
        if not os.path.exists(pdf):
            problems.append(f"{name}: no PDF produced")
            continue
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
        if not re.search(r"[\u4e00-\u9fff]", text):
            problems.append(f"{name}: the PDF shows no Chinese text")
        first_page = text.split("\f")[0]
        for s in spec.get("first_page", []):
            if s not in first_page:
                problems.append(f"{name}: first PDF page does not show {s!r} (not one page wide?)")
        # 2. Recalculation.
        stripped = os.path.join(stripped_dir, name)
        strip_cached_values(source, stripped)
        soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", recalc_dir, stripped], work)
        recalculated = os.path.join(recalc_dir, name)
        if not os.path.exists(recalculated):
            problems.append(f"{name}: LibreOffice did not save a recalculated copy")
            continue
        formulas = openpyxl.load_workbook(source, data_only=False)
        stored = openpyxl.load_workbook(source, data_only=True)
        recalc = openpyxl.load_workbook(recalculated, data_only=True)
        checked = 0
        for ws in formulas.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type != "f":
                        continue
                    want = stored[ws.title][cell.coordinate].value
                    got = recalc[ws.title][cell.coordinate].value
                    checked += 1
                    if not isinstance(got, (int, float)) or round(got * 100) != round(want * 100):
                        problems.append(f"{name}/{ws.title}!{cell.coordinate} {cell.value}: stored {want}, LibreOffice {got}")
        print(f"{name}: {checked} formulas recalculated")
    shutil.rmtree(work, ignore_errors=True)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("render checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
