#!/usr/bin/python3
"""Writes the template cases: workbooks a clerk might drop for a fixed import
format (Nexsure's Basic format, and a sheet with the wrong columns), written by
openpyxl (xlsx) and xlwt (xls) as Debian packages them, plus cases.json for
scripts/templatecases/excelizewriter, which writes the same cases with excelize.
Used by scripts/gen-realworld-testdata.sh; the files are checked in under
validate/testdata/templates and validate/template_cases_test.go says which
findings each must give."""
import datetime
import json
import os
import sys

import openpyxl
import xlwt

out = sys.argv[1]

NEXSURE = ["LOB", "Policy Number", "Effective Date", "Expiration Date", "Named Insured",
           "Client Type", "SIC Code", "Premium", "Primary Contact", "Primary Contact Email",
           "Location Address", "Location City", "Location State", "Location Zip",
           "Business Phone", "Business Fax", "Agency", "Branch", "Department",
           "Producer First Name", "Producer Last Name", "NAIC"]


def policy(i):
    """One good policy row, as a dict by column name."""
    return {
        "LOB": ["CPKG", "BOP", "WORK", "AUTOB"][i % 4],
        "Policy Number": "NX-%05d" % (1000 + i),
        "Effective Date": datetime.date(2026, 1, 1) + datetime.timedelta(days=i * 7),
        "Expiration Date": datetime.date(2027, 1, 1) + datetime.timedelta(days=i * 7),
        "Named Insured": "Acme Roofing %d LLC" % i,
        "Client Type": "Commercial",
        "SIC Code": "1761",
        "Premium": round(1200 + i * 37.5, 2),
        "Primary Contact": "Jane Müller",
        "Primary Contact Email": "jane%d@acme.example" % i,
        "Location Address": "%d Main St" % (10 + i),
        "Location City": "Springfield",
        "Location State": ["IL", "MO", "PR", "TX"][i % 4],
        "Location Zip": ["62701", "63101-1234", "00901", "75001"][i % 4],
        "Business Phone": "(217) 555-01%02d" % i,
        "Business Fax": "217-555-02%02d" % i,
        "Agency": "Main Street Agency",
        "Branch": "Downtown",
        "Department": "Commercial Lines",
        "Producer First Name": "Sam",
        "Producer Last Name": "Lee",
        "NAIC": 25143 + i,  # a number, as most sheets hold it
    }


def sheet(columns, n=6, edit=None, blank_after=()):
    """Header plus n policy rows (None = a blank row) in the given column order."""
    rows = [list(columns)]
    for i in range(n):
        p = policy(i)
        if edit:
            edit(i, p)
        rows.append([p.get(c, "") for c in columns])
        if i in blank_after:
            rows.append(None)
    return rows


def without(name):
    return [c for c in NEXSURE if c != name]


def swapped(a, b):
    cols = list(NEXSURE)
    i, j = cols.index(a), cols.index(b)
    cols[i], cols[j] = cols[j], cols[i]
    return cols


def with_extra(after, name):
    cols = list(NEXSURE)
    cols.insert(cols.index(after) + 1, name)
    return cols


def bad_dates(i, p):
    if i == 1:
        p["Effective Date"] = "13/45/2026"
    if i == 3:
        p["Expiration Date"] = "next year"


def bad_states(i, p):
    if i == 0:
        p["Location State"] = "Illinois"
    if i == 2:
        p["Location State"] = "XX"
    if i == 4:
        p["Location Zip"] = "6270"


CASES = {
    "nexsure-right": sheet(NEXSURE),
    "nexsure-missing-column": sheet(without("Client Type")),
    "nexsure-swapped": sheet(swapped("Location City", "Location State")),
    "nexsure-extra-column": sheet(with_extra("Premium", "Notes")),
    "nexsure-bad-dates": sheet(NEXSURE, edit=bad_dates),
    "nexsure-bad-states": sheet(NEXSURE, edit=bad_states),
    "nexsure-blank-rows": sheet(NEXSURE, n=5, blank_after=(0, 2)),
    "wrong-columns-here": [["Wrong", "Columns", "Here"], ["a", "b", "c"]],
    # the sheet is protected with a password (editing, not reading): still checked
    "nexsure-protected-sheet": sheet(NEXSURE, n=3, edit=bad_states),
}
PROTECTED = "nexsure-protected-sheet"


def plain(v):
    if isinstance(v, datetime.date):
        return {"date": v.isoformat()}
    return v


def write_openpyxl(name, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Policies"
    for r in rows:
        ws.append(r if r is not None else [])
    if name == PROTECTED:
        ws.protection.sheet = True
        ws.protection.password = "clerk"
    wb.save(os.path.join(out, "openpyxl-%s.xlsx" % name))


def write_xlwt(name, rows):
    date_style = xlwt.easyxf(num_format_str="MM/DD/YYYY")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Policies")
    for i, r in enumerate(rows):
        for c, v in enumerate(r or []):
            if isinstance(v, datetime.date):
                ws.write(i, c, v, date_style)
            elif v != "":
                ws.write(i, c, v)
    if name == PROTECTED:
        ws.protect = True
        ws.password = "clerk"
    wb.save(os.path.join(out, "xlwt-%s.xls" % name))


def formula_error():
    """A formula that divides by zero, for Gnumeric to convert with its cached
    error value (openpyxl writes no cached values)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Policies"
    ws.append(["Premium", "Ratio"])
    ws.append([100, "=A2/0"])
    wb.save(os.path.join(out, "openpyxl-formula-error.xlsx"))


os.makedirs(out, exist_ok=True)
formula_error()
for name, rows in CASES.items():
    write_openpyxl(name, rows)
    write_xlwt(name, rows)
with open(os.path.join(out, "cases.json"), "w") as f:
    json.dump({k: [[plain(v) for v in r] if r is not None else None for r in rows]
               for k, rows in CASES.items()}, f)
