#!/usr/bin/python3
"""Writes the workbooks of bench/excel-template.sh: N rows in Nexsure's Basic
format (22 columns), as .xls by xlwt and as .xlsx by openpyxl (write-only),
the same rows in both. An .xls sheet holds at most 65,536 rows, so the rows
are split into sheets of 65,535 rows under the header, in both files; a third
file holds them all on one .xlsx sheet."""
import datetime
import os
import sys

import openpyxl
import xlwt

out, n = sys.argv[1], int(sys.argv[2])
HEADER = ["LOB", "Policy Number", "Effective Date", "Expiration Date", "Named Insured",
          "Client Type", "SIC Code", "Premium", "Primary Contact", "Primary Contact Email",
          "Location Address", "Location City", "Location State", "Location Zip",
          "Business Phone", "Business Fax", "Agency", "Branch", "Department",
          "Producer First Name", "Producer Last Name", "NAIC"]
STATES = ["IL", "MO", "TX", "CA", "NY", "PR"]
PER_SHEET = 65535


def row(i):
    d = datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 365)
    return ["CPKG", "NX-%07d" % i, d, d.replace(year=2027), "Insured %d LLC" % i, "Commercial",
            "1761", round(500 + (i % 9000) * 1.25, 2), "Contact %d" % i, "c%d@agency.example" % i,
            "%d Main St" % (i % 9999 + 1), "Springfield", STATES[i % len(STATES)],
            "%05d" % (10000 + i % 89999), "(217) 555-%04d" % (i % 10000), "217-555-%04d" % ((i + 1) % 10000),
            "Main Street Agency", "Downtown", "Commercial Lines", "Sam", "Lee", str(25000 + i % 999)]


def sheets():
    for start in range(0, n, PER_SHEET):
        yield "Policies %d" % (start // PER_SHEET + 1), range(start, min(n, start + PER_SHEET))


def write_xls():
    date_style = xlwt.easyxf(num_format_str="MM/DD/YYYY")
    wb = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets():
        ws = wb.add_sheet(name)
        for c, h in enumerate(HEADER):
            ws.write(0, c, h)
        for r, i in enumerate(rows, start=1):
            for c, v in enumerate(row(i)):
                ws.write(r, c, v, date_style) if isinstance(v, datetime.date) else ws.write(r, c, v)
    wb.save(os.path.join(out, "rows.xls"))


def write_xlsx(name, split):
    wb = openpyxl.Workbook(write_only=True)
    for sheet, rows in (sheets() if split else [("Policies", range(n))]):
        ws = wb.create_sheet(sheet)
        ws.append(HEADER)
        for i in rows:
            ws.append(row(i))
    wb.save(os.path.join(out, name))


write_xls()
write_xlsx("rows-split.xlsx", True)
write_xlsx("rows-one-sheet.xlsx", False)
