#!/usr/bin/env bash
# exchange validate --template nexsure-basic on ROWS (default 100,000) policy
# rows of Nexsure's Basic format: the same rows as .xls (xlwt) and as .xlsx
# (openpyxl), each check in its own process (wall time and peak RSS from
# /usr/bin/time). An .xls sheet holds at most 65,536 rows, so the rows are on
# sheets of 65,535 in the .xls and in the first .xlsx; the template applies to
# the first sheet, and every sheet is read (formula errors, data). The last
# line is the same rows on one .xlsx sheet, all checked against the template.
# Needs python3-xlwt and python3-openpyxl (scripts/install-deps.sh bench).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
rows=${ROWS:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/exchange" ./cmd/exchange
start=$(date +%s.%N)
/usr/bin/python3 bench/excel-template-rows.py "$tmp" "$rows"
printf "workbooks of %d rows written in %.1f s: .xls %s, .xlsx %s, one-sheet .xlsx %s\n" "$rows" \
	"$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" "$(du -h "$tmp/rows.xls" | cut -f1)" \
	"$(du -h "$tmp/rows-split.xlsx" | cut -f1)" "$(du -h "$tmp/rows-one-sheet.xlsx" | cut -f1)"
check() { # label, file
	/usr/bin/time -v "$tmp/exchange" validate --template nexsure-basic "$2" >"$tmp/out.txt" 2>"$tmp/time.txt" || {
		cat "$tmp/out.txt" >&2
		exit 1
	}
	awk -v label="$1" -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3 ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2]) }
		/Maximum resident set size/ { rss = $2 / 1024 }
		END { printf "%-28s %6.2f s   peak RSS %4d MiB\n", label, wall, rss }' "$tmp/time.txt"
	grep -o 'template-summary: .*' "$tmp/out.txt" | sed 's/^/    /'
}
check ".xls (xlwt)" "$tmp/rows.xls"
check ".xlsx (openpyxl), same sheets" "$tmp/rows-split.xlsx"
check ".xlsx (openpyxl), one sheet" "$tmp/rows-one-sheet.xlsx"
