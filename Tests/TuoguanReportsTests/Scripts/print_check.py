#!/usr/bin/env python3
"""Prints workbooks to A4 PDF with LibreOffice and checks what is on the paper.

Usage: print_check.py [--pictures PNGDIR] DIR...

For every .xlsx in each DIR:
1. `soffice --headless --convert-to pdf`; `pdftotext -bbox`: the height of every word box on every page must be
   at least 10.4 pt. LibreOffice's word boxes are 1.3 × the font size (an 11 pt cell printed at full size, whose
   rows are 15 pt apart, gives boxes 14.3 pt high, Chinese or not), so 10.4 pt is the 8 pt floor.
2. Every string cell, read back with openpyxl: a wrapping cell must need no more lines than its row holds
   (the row's height ÷ the line height of its font, 1.45 em rounded up to a point; the widths of merged
   columns added; East Asian characters count two columns, a cell's padding one); a cell that does not wrap
   must fit its column or have an empty cell to run into, inside the table (the title row and merged cells
   are measured over their merge).
3. The sign-off block (制表人, 审核人, 家委会财经小组（签字）, 日期) on the statement's 汇总, the disclosure, the refund
   register, the workload's first sheet and the refund sign-for sheet's 汇总 (SIGNED below); the disclosure's 公示期.
4. Every amount in 大写 (…元整, …角…分) equals the amount beside it: the nearest number on its row, or, for a
   family block's 结余 row, that row's amount; signs are read from 应补 / 应退 / 负.
5. No full child name (the 姓名 column of the statement's summary) anywhere in the disclosure's PDF text.
6. Page by page (`pdftotext`, one page at a time): every printed page of the teacher pages (教师确认单) names a
   teacher and 工号; a page of notices holds at most two, with the cut line (✂) between two, and each notice is
   for a family with something to pay or collect (应补金额 or 应退金额, never 结余); no title prints the plan's
   reference labels (篇…); the findings' first page has the summary (N 项检查) and the counts; the disclosure's
   first page says what the families' page shows (姓名只显示首尾字 with masked names, 只列各班人数 with counts).
With --pictures, the first page of each workbook of the first DIR is written to PNGDIR/<name>.png (72 dpi).
Prints what it measured and every problem; exits 1 on a problem, 2 if soffice, pdftotext or pdftoppm is
missing.
"""
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.utils import get_column_letter

FLOOR_BOX_PT = 10.4
BOX_PER_POINT = 1.3
SIGN_OFF = ["制表人", "审核人", "家委会财经小组（签字）", "日期"]
# Workbook file name → sheets that must end with a sign-off block.
SIGNED = {
    "学期结算单.xlsx": ["汇总"],
    "收支公示.xlsx": ["收支公示"],
    "退费登记表.xlsx": ["退费登记"],
    "教师工作量及课酬.xlsx": ["工作量及课酬"],
    "年度报告.xlsx": ["年度报告"],
    "学区汇总.xlsx": ["学区汇总"],
    "退费签领表.xlsx": ["汇总"],
}
problems = []


def fail(message):
    problems.append(message)


def is_wide(ch):
    v = ord(ch)
    return (0x1100 <= v <= 0x115F or 0x2E80 <= v <= 0x303E or 0x3041 <= v <= 0x33FF or 0x3400 <= v <= 0x4DBF
            or 0x4E00 <= v <= 0x9FFF or 0xA000 <= v <= 0xA4CF or 0xAC00 <= v <= 0xD7A3 or 0xF900 <= v <= 0xFAFF
            or 0xFE30 <= v <= 0xFE4F or 0xFF00 <= v <= 0xFF60 or 0xFFE0 <= v <= 0xFFE6 or 0x1F300 <= v <= 0x1F64F
            or 0x1F900 <= v <= 0x1F9FF or 0x20000 <= v <= 0x3FFFD)


def display_width(text):
    return max((sum(2 if is_wide(c) else 1 for c in line) for line in text.split("\n")), default=0)


def wrapped_lines(text, width):
    """Lines a wrapping cell `width` characters wide needs (the same rule as TextWidth.wrappedLines)."""
    usable = max(1, int(math.floor(width)) - 1)
    total = 0
    for paragraph in text.split("\n"):
        lines, used, word = 1, 0, 0

        def place(w):
            nonlocal lines, used
            if used > 0 and used + w > usable:
                lines += 1
                used = 0
            while w > usable:
                w -= usable
                lines += 1
            used += w

        for ch in paragraph:
            if is_wide(ch):
                if word:
                    place(word)
                    word = 0
                place(2)
            elif ch == " ":
                if word:
                    place(word)
                    word = 0
                if used < usable:
                    used += 1
            else:
                word += 1
        if word:
            place(word)
        total += lines
    return max(1, total)


def soffice_pdf(xlsx, pdf_dir, work):
    profile = "file://" + os.path.join(work, "lo-profile")
    cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
           "--outdir", pdf_dir, xlsx]
    subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    pdf = os.path.join(pdf_dir, os.path.splitext(os.path.basename(xlsx))[0] + ".pdf")
    return pdf if os.path.exists(pdf) else None


def check_heights(name, pdf):
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
    pages = html.split("<page ")[1:]
    smallest = None
    for number, page in enumerate(pages, 1):
        for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page):
            h = float(m.group(2)) - float(m.group(1))
            if smallest is None or h < smallest[0]:
                smallest = (h, number, m.group(3))
    if smallest and smallest[0] < FLOOR_BOX_PT:
        fail(f"{name}: page {smallest[1]} prints {smallest[2]!r} in a box {smallest[0]:.2f} pt high, "
             f"{smallest[0] / BOX_PER_POINT:.1f} pt type (< 8 pt)")
    return len(pages), smallest


def column_widths(ws):
    widths = {}
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min and dim.max:
            for c in range(dim.min, dim.max + 1):
                widths[c] = dim.width
    return widths


def line_height(font_size):
    return math.ceil(font_size * 1.45)


def check_cells(name, ws):
    widths = column_widths(ws)
    width = lambda c: widths.get(c, 8.43)  # noqa: E731
    merged = {}
    for r in ws.merged_cells.ranges:
        merged[(r.min_row, r.min_col)] = r
    covered = set()
    for r in ws.merged_cells.ranges:
        for row in range(r.min_row, r.max_row + 1):
            for col in range(r.min_col, r.max_col + 1):
                if (row, col) != (r.min_row, r.min_col):
                    covered.add((row, col))
    worst = 0
    for row in ws.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value or cell.data_type == "f" \
                    or (cell.row, cell.column) in covered:
                continue
            rng = merged.get((cell.row, cell.column))
            cols = range(rng.min_col, rng.max_col + 1) if rng else range(cell.column, cell.column + 1)
            w = sum(width(c) for c in cols)
            size = cell.font.sz or 11
            # A 14 pt title is 14/11 as wide per character as the 11 pt the widths are measured in.
            scale = size / 11
            text_width = display_width(cell.value) * scale + (1 if cell.font.b else 0)
            height = ws.row_dimensions[cell.row].height or 15
            if cell.alignment.wrap_text:
                need = wrapped_lines(cell.value, w / scale)
                holds = max(1, int((height - 3 + 0.01) // line_height(size)))
                worst = max(worst, need)
                if need > holds:
                    fail(f"{name} / {ws.title} {cell.coordinate}: {need} lines in a row that holds {holds} "
                         f"({height} pt): {cell.value[:40]!r}")
            elif text_width > w - 1:
                nxt = ws.cell(row=cell.row, column=cols[-1] + 1)
                # Text runs into an empty neighbour, but not past the last column (the page's edge).
                if nxt.value not in (None, "") or cols[-1] >= ws.max_column:
                    fail(f"{name} / {ws.title} {cell.coordinate}: {cell.value[:40]!r} is cut off "
                         f"({text_width:.0f} wide in {w:.1f})")
    return worst


DIGITS = {"零": 0, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def parse_uppercase(text):
    """Fen of an amount in 大写 (负壹佰贰拾元伍角整 → -12050), or None if `text` holds none."""
    pattern = r"(负?)([零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*元)?([零壹贰叁肆伍陆柒捌玖]角)?零?([壹贰叁肆伍陆柒捌玖]分)?"
    m = next((m for m in re.finditer(pattern, text) if any(m.groups()[1:])), None)
    if m is None:
        return None
    yuan = 0
    if m.group(2):
        total, section, digit = 0, 0, 0
        for ch in m.group(2)[:-1]:
            if ch in DIGITS:
                digit = DIGITS[ch]
            elif ch in UNITS:
                section += (digit or 0) * UNITS[ch]
                digit = 0
            elif ch == "万":
                total += (section + digit) * 10000
                section, digit = 0, 0
            elif ch == "亿":
                total = (total + section + digit) * 100000000
                section, digit = 0, 0
        yuan = total + section + digit
    fen = yuan * 100
    if m.group(3):
        fen += DIGITS[m.group(3)[0]] * 10
    if m.group(4):
        fen += DIGITS[m.group(4)[0]]
    return -fen if m.group(1) else fen


def check_uppercase(name, ws, values):
    checked = 0
    for row in values.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str) or not re.search(r"[壹贰叁肆伍陆柒捌玖零拾佰仟万亿](元|角|分)", cell.value):
                continue
            fen = parse_uppercase(cell.value)
            if fen is None:
                continue
            if "应退" in cell.value:
                fen = -fen
            numbers = [c for c in row if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)]
            if not numbers:
                fail(f"{name} / {ws.title} {cell.coordinate}: {cell.value!r} has no amount beside it")
                continue
            beside = min(numbers, key=lambda c: (abs(c.column - cell.column), c.column > cell.column))
            amount = round(beside.value * 100)
            # A family's balance row: 应退 is a negative balance written as its magnitude.
            if amount != fen and not (amount == -fen and "应" not in cell.value and "负" not in cell.value):
                fail(f"{name} / {ws.title} {cell.coordinate}: {cell.value!r} is {fen / 100:.2f} but "
                     f"{beside.coordinate} beside it is {beside.value}")
            checked += 1
    return checked


def sheet_text(ws):
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def check_workbook(directory, file, pdf_dir, work, report):
    path = os.path.join(directory, file)
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    worst = 0
    amounts = 0
    for ws in formulas.worksheets:
        worst = max(worst, check_cells(file, ws))
        amounts += check_uppercase(file, ws, values[ws.title])
    for sheet in SIGNED.get(file, []):
        if sheet not in formulas.sheetnames:
            fail(f"{file}: no sheet {sheet}")
            continue
        text = sheet_text(formulas[sheet])
        for label in SIGN_OFF:
            if label not in text:
                fail(f"{file} / {sheet}: no {label} (sign-off block)")
    if file == "收支公示.xlsx":
        text = "\n".join(sheet_text(ws) for ws in formulas.worksheets)
        if "公示期" not in text:
            fail(f"{file}: no 公示期")
    pdf = soffice_pdf(path, pdf_dir, work)
    if pdf is None:
        fail(f"{file}: no PDF")
        return None
    pages, smallest = check_heights(file, pdf)
    report.append(f"{os.path.basename(directory)}/{file}: {pages} pages, smallest text box "
                  f"{smallest[0]:.2f} pt ≈ {smallest[0] / BOX_PER_POINT:.1f} pt type ({smallest[2]!r}, page {smallest[1]}), tallest wrapped cell {worst} lines, "
                  f"{amounts} amounts in 大写 checked")
    return pdf


def check_names(directory, pdfs):
    statement = os.path.join(directory, "学期结算单.xlsx")
    disclosure = pdfs.get("收支公示.xlsx")
    if not os.path.exists(statement) or disclosure is None:
        return
    ws = openpyxl.load_workbook(statement, read_only=True)["汇总"]
    rows = list(ws.iter_rows(values_only=True))
    header = next((i for i, r in enumerate(rows) if r and "姓名" in r), None)
    if header is None:
        return
    col = rows[header].index("姓名")
    names = {r[col] for r in rows[header + 1:] if r and isinstance(r[col], str) and len(r[col]) >= 2}
    text = subprocess.run(["pdftotext", disclosure, "-"], capture_output=True, text=True).stdout
    shown = sorted(n for n in names if n in text)
    if shown:
        fail(f"{directory}/收支公示: full names printed: {shown[:5]}")


def page_texts(pdf):
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def check_pages(directory, pdfs, report):
    where = os.path.basename(directory)
    for file, pdf in pdfs.items():
        for number, page in enumerate(page_texts(pdf), 1):
            if re.search(r"（篇[一二三四五六七八九十、]+）", page):
                fail(f"{where}/{file}: page {number} prints the plan's reference labels (篇…)")
    workload = pdfs.get("教师工作量及课酬.xlsx")
    if workload:
        pages = [p for p in page_texts(workload) if "教师确认单" in p]
        unnamed = [i for i, p in enumerate(pages, 1) if not re.search(r"确认单：\S+（工号 ", p)]
        if unnamed:
            fail(f"{where}/教师工作量及课酬: {len(unnamed)} of the {len(pages)} teacher pages name no teacher and 工号 (pages {unnamed[:5]} of them)")
        report.append(f"{where}/教师工作量及课酬: {len(pages)} teacher pages, each with a teacher's name and 工号")
    notices = pdfs.get("缴费结算通知单.xlsx")
    if notices:
        pages = page_texts(notices)
        count = 0
        for number, page in enumerate(pages, 1):
            here = page.count("课后服务缴费/结算通知单")
            count += here
            if here > 2:
                fail(f"{where}/缴费结算通知单: page {number} holds {here} notices")
            if here == 2 and "沿此线剪开" not in page:
                fail(f"{where}/缴费结算通知单: page {number} holds two notices and no cut line")
            if re.search(r"^\s*结余\s", page, re.M):
                fail(f"{where}/缴费结算通知单: page {number} has a notice for a settled family (结余)")
        report.append(f"{where}/缴费结算通知单: {count} notices on {len(pages)} pages")
    findings = pdfs.get("合规检查.xlsx")
    if findings:
        first = page_texts(findings)[0]
        if not re.search(r"共 \d+ 项检查", first) or "未通过项数" not in first:
            fail(f"{where}/合规检查: the first page has no summary (N 项检查) and counts")
    disclosure = pdfs.get("收支公示.xlsx")
    if disclosure:
        pages = page_texts(disclosure)
        masked = any("缴费情况" in p for p in pages)
        want = "姓名只显示首尾字" if masked else "只列各班人数"
        # The first sheet's pages: their title is the workbook's alone (the other sheets' add " · 支出明细" …).
        if want not in "".join(p for p in pages if "收支公示 ·" not in p):
            fail(f"{where}/收支公示: the first page does not say what the families' page shows ({want})")


def main(args):
    pictures = None
    if args[:1] == ["--pictures"]:
        pictures, args = args[1], args[2:]
    if not args:
        print(__doc__)
        return 2
    for tool in ("soffice", "pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"{tool} not found")
            return 2
    work = tempfile.mkdtemp(prefix="print-check-")
    report = []
    for n, directory in enumerate(args):
        pdf_dir = os.path.join(work, f"pdf{n}")
        os.makedirs(pdf_dir)
        pdfs = {}
        for file in sorted(f for f in os.listdir(directory) if f.endswith(".xlsx")):
            pdf = check_workbook(directory, file, pdf_dir, work, report)
            if pdf:
                pdfs[file] = pdf
        check_names(directory, pdfs)
        check_pages(directory, pdfs, report)
        if pictures and n == 0:
            os.makedirs(pictures, exist_ok=True)
            for file, pdf in pdfs.items():
                stem = os.path.join(pictures, os.path.splitext(file)[0])
                subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, stem], check=True)
    shutil.rmtree(work, ignore_errors=True)
    for line in report:
        print(line)
    for p in problems:
        print("PROBLEM:", p)
    print(f"{sum(1 for line in report if ' pages, smallest text box ' in line)} workbooks printed, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
