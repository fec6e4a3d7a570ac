#!/usr/bin/env bash
# Excel checker against bare excelize row iteration on a workbook of
# 1,000,000 rows × 10 columns (targets: at most 1.2× excelize's time, at most
# 250 MiB peak RSS). Each benchmark runs in its own process, one check each
# (as one validation of one file is), so that its peak RSS is its own; the
# workbook is made once and shared. RUNS repeats the check in the process.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export EXCHANGE_BENCH_XLSX="$tmp/big.xlsx"
go test -c -o "$tmp/excel.test" ./validate/excel
"$tmp/excel.test" -test.run '^$' -test.bench 'BareExcelizeMillionRows' -test.benchtime 1x >/dev/null # makes the workbook
echo "workbook: $(du -h "$EXCHANGE_BENCH_XLSX" | cut -f1), 1,000,000 rows × 10 columns"
run() { # benchmark -> "ns/op maxRSS_KiB"
	/usr/bin/time -v "$tmp/excel.test" -test.run '^$' -test.bench "$1" -test.benchtime "${RUNS:-1}x" 2>"$tmp/time.txt" |
		awk '/ns\/op/ {print $3}' | tr '\n' ' '
	awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tmp/time.txt"
}
read -r check_ns check_rss < <(run CheckWorkbookMillionRows)
read -r bare_ns bare_rss < <(run BareExcelizeMillionRows)
awk -v c="$check_ns" -v b="$bare_ns" -v cr="$check_rss" -v br="$bare_rss" 'BEGIN {
	printf "Exchange CheckWorkbook  %6.2f s   peak RSS %4d MiB\n", c/1e9, cr/1024
	printf "bare excelize rows      %6.2f s   peak RSS %4d MiB\n", b/1e9, br/1024
	printf "time ratio %.2f× (target at most 1.2×)\n", c/b
}'
