#!/usr/bin/env bash
# Regenerates validate/testdata/realworld: small workbooks written by the real
# writers clerks' files come from, which validate/realworld_test.go checks are
# never refused (issue 14, "Real-world files").
#
#   openpyxl and xlwt   Debian's python3-openpyxl and python3-xlwt (run with
#                       /usr/bin/python3, where apt installs them)
#   Gnumeric            ssconvert from Debian's gnumeric (19 MB download,
#                       52 MB installed, 72 s to install here): converts the
#                       openpyxl and xlwt files to BIFF8, BIFF7+8 and xlsx
#   excelize            scripts/realworld/excelizewriter
#
# It also writes validate/testdata/templates: the import-template cases
# (scripts/templatecases/cases.py: Nexsure's Basic format right, a column
# missing, two swapped, one extra, bad dates, bad states, blank rows, and a
# sheet with the wrong columns) by openpyxl, xlwt and excelize, and two of them
# converted by Gnumeric (BIFF8, and BIFF7 for the
# Excel 5.0/95 case), and a formula error with its cached value; validate/template_cases_test.go gives the
# findings each must have.
#
# LibreOffice headless is not used: libreoffice-calc-nogui pulls 56 packages,
# 90 MB to download and 270 MB installed, too much for every CI run.
# The files are checked in, so the test needs none of these; only
# regenerating does (scripts/install-deps.sh test installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

out=validate/testdata/realworld
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

/usr/bin/python3 scripts/realworld/writers.py "$tmp"
go run ./scripts/realworld/excelizewriter "$tmp"
convert() { # source, target, exporter
	ssconvert -T "$3" "$tmp/$1" "$tmp/$2" 2>/dev/null
	[ -s "$tmp/$2" ] || { echo "ssconvert did not write $2" >&2; exit 1; }
}
convert openpyxl-sheets-formula-hidden.xlsx gnumeric-biff8.xls Gnumeric_Excel:excel_biff8
convert openpyxl-basic.xlsx gnumeric-biff7-and-8.xls Gnumeric_Excel:excel_dsf
convert openpyxl-sheets-formula-hidden.xlsx gnumeric-xlsx-2007.xlsx Gnumeric_Excel:xlsx2
convert xlwt-50-rows.xls gnumeric-from-xls-2010.xlsx Gnumeric_Excel:xlsx

rm -rf "$out"
mkdir -p "$out"
chmod 644 "$tmp"/*
cp "$tmp"/*.xls "$tmp"/*.xlsx "$out"/
ls -l "$out"

# The template cases.
cases=validate/testdata/templates
ct=$tmp/templates
/usr/bin/python3 scripts/templatecases/cases.py "$ct"
go run ./scripts/templatecases/excelizewriter "$ct"
convert_case() { # case, target, exporter
	ssconvert -T "$3" "$ct/openpyxl-$1.xlsx" "$ct/$2" 2>/dev/null
	[ -s "$ct/$2" ] || { echo "ssconvert did not write $2" >&2; exit 1; }
}
for c in nexsure-right nexsure-bad-states formula-error; do
	convert_case $c gnumeric-$c.xls Gnumeric_Excel:excel_biff8
done
# Excel 5.0/95 (BIFF7 only): its cells are not read, which must be said
convert_case wrong-columns-here gnumeric-biff7-wrong-columns-here.xls Gnumeric_Excel:excel_biff7
rm -f "$ct/openpyxl-formula-error.xlsx" # no cached value: only its conversion is a case
rm -rf "$cases"
mkdir -p "$cases"
chmod 644 "$ct"/*.xls "$ct"/*.xlsx
cp "$ct"/*.xls "$ct"/*.xlsx "$cases"/
ls -l "$cases"
