#!/usr/bin/python3
"""Writes small workbooks with the real writers clerks' files come from:
openpyxl (xlsx) and xlwt (xls), as Debian packages them. Used by
scripts/gen-realworld-testdata.sh; the output is checked in under
validate/testdata/realworld and must never be refused (validate/realworld_test.go)."""
import datetime
import os
import sys

import openpyxl
import xlwt

out = sys.argv[1]
HEADER = ["Policy Number", "Insured Name", "Effective Date", "Premium", "Line"]


def rows(n):
    lines = ["AUTOP", "HOME", "PROP", "UMBRP"]
    for i in range(n):
        yield [
            "P-%06d" % i,
            "Insured %d – Müller & Søn" % i,
            datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 365),
            round(100 + i * 1.37, 2),
            lines[i % len(lines)],
        ]


def openpyxl_files():
    # the usual way: a workbook in memory, header bold, dates, numbers
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Policies"
    ws.append(HEADER)
    for r in rows(50):
        ws.append(r)
    ws["A1"].font = openpyxl.styles.Font(bold=True)
    ws.freeze_panes = "A2"
    wb.save(os.path.join(out, "openpyxl-basic.xlsx"))

    # several sheets, one hidden, a formula without a cached value, merged cells
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws["A1"] = "Total premium"
    ws["B1"] = "=SUM(Policies!D2:D101)"
    ws.merge_cells("A3:C3")
    ws["A3"] = "Prepared by the agency"
    data = wb.create_sheet("Policies")
    data.append(HEADER)
    for r in rows(100):
        data.append(r)
    hidden = wb.create_sheet("Lists")
    hidden.sheet_state = "hidden"
    for line in ["AUTOP", "HOME", "PROP", "UMBRP"]:
        hidden.append([line])
    wb.save(os.path.join(out, "openpyxl-sheets-formula-hidden.xlsx"))

    # write-only mode streams rows and writes shared strings differently
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Policies")
    ws.append(HEADER)
    for r in rows(3000):
        ws.append(r)
    wb.save(os.path.join(out, "openpyxl-write-only-3000-rows.xlsx"))


def xlwt_files():
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    bold = xlwt.easyxf("font: bold on")
    # xlwt pads the Workbook stream after the last EOF (issue 14 #7); the
    # remainder of the padding varies with the content, so several sizes
    for n in (1, 7, 50, 400):
        wb = xlwt.Workbook(encoding="utf-8")
        ws = wb.add_sheet("Policies")
        for c, h in enumerate(HEADER):
            ws.write(0, c, h, bold)
        for i, r in enumerate(rows(n), start=1):
            for c, v in enumerate(r):
                if isinstance(v, datetime.date):
                    ws.write(i, c, v, date_style)
                else:
                    ws.write(i, c, v)
        wb.save(os.path.join(out, "xlwt-%d-rows.xls" % n))

    # two sheets, a formula, a hidden sheet
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Policies")
    for c, h in enumerate(HEADER):
        ws.write(0, c, h)
    for i, r in enumerate(rows(20), start=1):
        for c, v in enumerate(r):
            ws.write(i, c, v if not isinstance(v, datetime.date) else v.isoformat())
    ws.write(21, 3, xlwt.Formula("SUM(D2:D21)"))
    lists = wb.add_sheet("Lists")
    lists.visibility = 1
    lists.write(0, 0, "AUTOP")
    wb.save(os.path.join(out, "xlwt-formula-hidden-sheet.xls"))


os.makedirs(out, exist_ok=True)
openpyxl_files()
xlwt_files()
