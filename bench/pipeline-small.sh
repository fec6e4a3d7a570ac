#!/usr/bin/env bash
# 500 valid AL3 files of about 4 KiB: `exchange upload` (validation, journal,
# temporary name, size check, rename) against `lftp mirror -R --parallel=4`
# and against the same lftp with a temporary name (xfer:use-temp-file), same
# vsftpd (test harness), same run, the order turning from run to run; prints
# each one's wall time, its own CPU time and the server's, and the ratios
# (target >= 1.00 against plain lftp). FILES, PARALLEL and RUNS override the
# defaults; EXCHANGE_BIN sends with another build of exchange (to measure a
# change); LATENCY_MS=10 puts the control and data connections behind a proxy
# that adds that round trip, as a server elsewhere would (bench/latency; the
# office benchmark, bench/office.sh, does this with more contenders).
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run '^$' -bench 'SmallFiles' -benchtime 1x ./bench/pipeline | grep -v -E '^(goos|goarch|pkg|cpu|PASS|ok|Benchmark)'
