#!/usr/bin/env python3
"""Reads back the papers families and parents get: the notices (缴费/结算通知单) and the disclosure (收支公示).

Usage: check_printouts.py DIR EXPECTED.json

EXPECTED.json:
{
  "notices": {"file": "缴费结算通知单.xlsx", "sheets": ["三(2)班", ...], "count": 3, "breaks": 1, "cuts": 1,
              "students": {"S002": {"label": "应补金额", "amount": 40.0, "lines": ["缴费方式：…"]}}},
  "disclosure": {"file": "收支公示.xlsx", "lines": ["公示期：2025年1月20日 至 2025年1月26日", ...],
                 "sign_off": ["制表人"], "forbidden": ["张小明", ...]},
  "teacher_pages": {"file": "教师工作量及课酬.xlsx", "sheet": "教师确认单", "breaks": 1,
                    "teachers": {"T1": {"points": 800, "duty_points": 90, "total": 247.01}}},
  "chart": {"file": "教师工作量及课酬.xlsx", "title": "工作量积分", "categories": 2, "every_label": true}
}
Notices: every notice (a row whose first cell is 应补金额, 应退金额 or 结余) must have its amount in 大写 in the
next cell, "人民币（大写）…", equal to the figure in column E to the fen (the 大写 is parsed here, not
compared with the program's own spelling); the student's id must be in the notice's heading; every notice
has its sign-off (制表人 …); each listed student's label, amount and lines are as expected. Disclosure: each of
"lines" is the text of a cell of the first sheet, each of "sign_off" starts a cell after the last line, and
no cell of any sheet holds a forbidden string. Teacher pages: per teacher (its heading names 工号), the
积分合计 of the duty kinds, the total of the duty lines (合计（N 次）), the pay total (合计 under 课酬构成) and
the line to sign; a page break before every teacher but the first, and a teacher whose list runs on has its
heading again (（续）) right after each of its own breaks ("continued": the number of such pages). Chart: the first chart's title, how many
categories it names, and whether every category is labelled. Prints every problem; exits 1 if there is any.
"""
import json
import re
import sys
import zipfile

import openpyxl

DIGITS = {"零": 0, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
UNITS = {"拾": 10, "佰": 100, "仟": 1000}
BIG = {"万": 10**4, "亿": 10**8}
OUTCOMES = ("应补金额", "应退金额", "结余")
problems = []


def parse_uppercase(text):
    """Fen of a 大写 amount: 壹佰贰拾元整 → 12000, 壹万零伍拾元零贰分 → 1000502."""
    text = text.replace("整", "").replace("正", "")
    whole, _, fraction = text.partition("元") if "元" in text else ("", "", text)
    total, section, number = 0, 0, 0
    for ch in whole:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in UNITS:
            section += (number or 1) * UNITS[ch]
            number = 0
        elif ch == "亿":
            total = (total + section + number) * BIG[ch]
            section, number = 0, 0
        elif ch == "万":
            total += (section + number) * BIG[ch]
            section, number = 0, 0
        else:
            raise ValueError(f"not a 大写 amount: {text!r} ({ch!r})")
    fen = (total + section + number) * 100
    number = 0
    for ch in fraction:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch == "角":
            fen += number * 10
            number = 0
        elif ch == "分":
            fen += number
            number = 0
        else:
            raise ValueError(f"not a 大写 amount: {text!r} ({ch!r})")
    return fen


def check_notices(directory, spec):
    wb = openpyxl.load_workbook(f"{directory}/{spec['file']}", data_only=True)
    if "sheets" in spec and wb.sheetnames != spec["sheets"]:
        problems.append(f"notices: sheets {wb.sheetnames} != {spec['sheets']}")
    found = {}
    count = 0
    for ws in wb.worksheets:
        heading, notice = None, None
        for row in ws.iter_rows():
            first = row[0].value
            if first == "课后服务缴费/结算通知单":
                if notice is not None and not notice["signed"]:
                    problems.append(f"{ws.title}: the notice of {notice['id']} has no sign-off")
                notice, heading = None, "next"
                continue
            if heading == "next":
                heading = str(first)
                sid = heading.split("学号 ")[-1].rstrip("）")
                notice = {"id": sid, "lines": [], "signed": False}
                found[sid] = notice
                count += 1
                continue
            if notice is None:
                continue
            if first in OUTCOMES:
                words, amount = row[1].value or "", row[4].value
                notice["label"], notice["amount"] = first, amount
                prefix = "人民币（大写）"
                if not words.startswith(prefix):
                    problems.append(f"{ws.title}!B{row[0].row}: {words!r} does not start with {prefix}")
                    continue
                try:
                    fen = parse_uppercase(words[len(prefix):])
                except ValueError as e:
                    problems.append(f"{ws.title}!B{row[0].row}: {e}")
                    continue
                if not isinstance(amount, (int, float)) or fen != round(amount * 100):
                    problems.append(f"{ws.title}!B{row[0].row}: {words} is {fen / 100:.2f}, the figure beside it is {amount}")
            elif isinstance(first, str):
                notice["lines"].append(first)
                if first.startswith("制表人"):
                    notice["signed"] = True
        if notice is not None and not notice["signed"]:
            problems.append(f"{ws.title}: the notice of {notice['id']} has no sign-off")
    if "cuts" in spec:
        cuts = sum(1 for ws in wb.worksheets for row in ws.iter_rows() if isinstance(row[0].value, str) and "✂" in row[0].value)
        if cuts != spec["cuts"]:
            problems.append(f"notices: {cuts} cut lines, expected {spec['cuts']}")
    if "breaks" in spec:
        breaks = sum(len(ws.row_breaks.brk) for ws in wb.worksheets)
        if breaks != spec["breaks"]:
            problems.append(f"notices: {breaks} page breaks, expected {spec['breaks']}")
    if "count" in spec and count != spec["count"]:
        problems.append(f"notices: {count} notices, expected {spec['count']}")
    for sid, want in spec.get("students", {}).items():
        got = found.get(sid)
        if got is None:
            problems.append(f"notices: no notice for {sid}")
            continue
        if got.get("label") != want["label"] or round((got.get("amount") or 0) * 100) != round(want["amount"] * 100):
            problems.append(f"notices/{sid}: {got.get('label')} {got.get('amount')} != {want['label']} {want['amount']}")
        for line in want.get("lines", []):
            if line not in got["lines"]:
                problems.append(f"notices/{sid}: no line {line!r} (has {got['lines']})")


def check_disclosure(directory, spec):
    wb = openpyxl.load_workbook(f"{directory}/{spec['file']}", data_only=False)
    first = wb.worksheets[0]
    texts = [(c.row, c.value) for row in first.iter_rows() for c in row if isinstance(c.value, str)]
    last = 0
    for line in spec.get("lines", []):
        rows = [r for r, v in texts if v == line]
        if not rows:
            problems.append(f"disclosure: no cell {line!r}")
        else:
            last = max(last, rows[0])
    for start in spec.get("sign_off", []):
        if not any(v.startswith(start) and r > last for r, v in texts):
            problems.append(f"disclosure: no sign-off {start!r} after row {last}")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                for s in spec.get("forbidden", []):
                    if c.value is not None and s in str(c.value):
                        problems.append(f"disclosure/{ws.title}!{c.coordinate}: holds {s!r}")


def check_teacher_pages(directory, spec):
    wb = openpyxl.load_workbook(f"{directory}/{spec['file']}", data_only=True)
    ws = wb[spec["sheet"]]
    pages, current = {}, None
    for row in ws.iter_rows():
        first = row[0].value
        if not isinstance(first, str):
            continue
        m = re.match(r"教师工作量及课酬确认单：.*（工号 ([^，]+)，", first)
        if m and first.endswith("（续）"):
            # The same teacher's list going on at the top of the next page.
            current = pages.setdefault(m.group(1), {"signed": False})
            current["continued"] = current.get("continued", 0) + 1
            if ws.row_breaks.brk and (row[0].row - 1) not in {b.id for b in ws.row_breaks.brk}:
                problems.append(f"teacher pages/{m.group(1)}: a continued heading not at the top of a page (row {row[0].row})")
        elif m:
            current = pages[m.group(1)] = {"signed": False}
        elif current is None:
            continue
        elif first == "积分合计":
            current["points"] = row[4].value
        elif first.startswith("合计（"):
            current["duty_points"] = row[4].value
        elif first == "合计":
            current["total"] = row[4].value
        elif "教师确认签字" in first:
            current["signed"] = True
    for tid, want in spec.get("teachers", {}).items():
        got = pages.get(tid)
        if got is None:
            problems.append(f"teacher pages: no page for {tid}")
            continue
        if not got["signed"]:
            problems.append(f"teacher pages/{tid}: no line to sign")
        if got.get("continued", 0) != want.get("continued", 0):
            problems.append(f"teacher pages/{tid}: continued on {got.get('continued', 0)} more pages, expected {want.get('continued', 0)}")
        for key in ("points", "duty_points", "total"):
            if key in want and round((got.get(key) or 0) * 100) != round(want[key] * 100):
                problems.append(f"teacher pages/{tid}: {key} {got.get(key)} != {want[key]}")
    if "breaks" in spec and len(ws.row_breaks.brk) != spec["breaks"]:
        problems.append(f"teacher pages: {len(ws.row_breaks.brk)} page breaks, expected {spec['breaks']}")


def check_chart(directory, spec):
    with zipfile.ZipFile(f"{directory}/{spec['file']}") as z:
        xml = z.read("xl/charts/chart1.xml").decode("utf-8")
    title = "".join(re.findall(r"<a:t>([^<]*)</a:t>", xml.split("</c:title>")[0]))
    if title != spec["title"]:
        problems.append(f"chart: title {title!r} != {spec['title']!r}")
    cat = re.search(r"<c:cat>.*?<c:f>[^!]*!\$[A-Z]+\$(\d+):\$[A-Z]+\$(\d+)</c:f>", xml, re.S)
    count = int(cat.group(2)) - int(cat.group(1)) + 1 if cat else 0
    if count != spec["categories"]:
        problems.append(f"chart: {count} categories, expected {spec['categories']}")
    every = "<c:tickLblSkip val=\"1\"/>" in xml
    if every != spec.get("every_label", every):
        problems.append(f"chart: every category labelled is {every}")


def main(directory, expected_path):
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    if "notices" in expected:
        check_notices(directory, expected["notices"])
    if "disclosure" in expected:
        check_disclosure(directory, expected["disclosure"])
    if "teacher_pages" in expected:
        check_teacher_pages(directory, expected["teacher_pages"])
    if "chart" in expected:
        check_chart(directory, expected["chart"])
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
